import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LocalizedText, MatterActions, MatterActionType } from '../../api/hooks/types';
import { useLocalized } from '../../components/LocalizedText';

export type OpenAction = (type: MatterActionType, subjectId?: string) => void;

/**
 * The buttons of the actions offered on one milestone, part or instruction: `primary` first in weight,
 * `danger` in red, each labelled with what it acts on for screen readers.
 */
export function SubjectActions({
  subject,
  types,
  actions,
  open,
}: {
  subject: { id: string; title: LocalizedText };
  types: { primary: MatterActionType; other?: MatterActionType; danger?: MatterActionType };
  actions: MatterActions | undefined;
  open: OpenAction;
}) {
  const { t } = useTranslation('common');
  const pick = useLocalized();
  const offered = [types.primary, types.other, types.danger].filter((x): x is MatterActionType => x !== undefined);
  const mine = (actions?.actions ?? []).filter((a) => a.subjectId === subject.id && offered.includes(a.type));
  if (!mine.length) return null;
  return (
    <Space wrap size={4}>
      {mine.map((a) => (
        <Button
          key={a.type}
          size="small"
          type={a.type === types.primary ? 'primary' : 'default'}
          danger={a.type === types.danger}
          onClick={() => open(a.type, subject.id)}
          aria-label={`${t(`action.${a.type}`)}${t('colon')}${pick(subject.title)}`}
        >
          {t(`action.${a.type}`)}
        </Button>
      ))}
    </Space>
  );
}
