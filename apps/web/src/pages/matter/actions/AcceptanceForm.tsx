import { Form, Input, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDirectoryUsers, useUnits } from '../../../api/hooks/directory';
import type { MatterView, Part } from '../../../api/hooks/types';
import { useFormatDateTime } from '../../../components/DateTime';
import { useLocalized } from '../../../components/LocalizedText';
import { useUnitName } from '../../../components/UnitName';

type Values = Record<string, unknown>;
const trimmed = (s: unknown) => (typeof s === 'string' ? s.trim() : '');

/** What is being accepted, returned or resolved: the matter, or one part, with its unit and time limit. */
export function AcceptanceIntro({ matter, part }: { matter: MatterView; part: Part | undefined }) {
  const { t } = useTranslation('matter');
  const f = useFormatDateTime();
  const pick = useLocalized();
  const unitName = useUnitName();
  const a = part ? part.acceptance : matter.acceptance;
  return (
    <Typography.Paragraph>
      {part ? t('acceptance.partSubject', { part: pick(part.deliverable) }) : t('acceptance.matter')}
      {a ? (
        <>
          <br />
          {t('acceptance.unit')}
          {t('common:colon')}
          {unitName(a.unitId)} · {t('acceptance.due')}
          {t('common:colon')}
          {f.dateTime(a.dueAt)}
          {a.returnReason ? (
            <>
              <br />
              {t('acceptance.reason')}
              {t('common:colon')}
              {a.returnReason}
            </>
          ) : null}
        </>
      ) : null}
    </Typography.Paragraph>
  );
}

/**
 * The reform office's answer to a return: the same unit keeps it, or another takes it over
 * (for a part, another participating unit; for the matter, any unit with its responsible manager).
 */
export function ResolveFields({ matter, part }: { matter: MatterView; part: Part | undefined }) {
  const { t } = useTranslation('matter');
  const unitName = useUnitName();
  const units = useUnits();
  const form = Form.useFormInstance();
  const resolution = Form.useWatch('resolution', form) as string | undefined;
  const unitId = Form.useWatch('unitId', form) as string | undefined;
  const transfer = resolution === 'transfer';
  const current = part ? part.acceptance?.unitId : matter.acceptance?.unitId;
  const managers = useDirectoryUsers('manager', unitId, transfer && !part && Boolean(unitId));
  const unitOptions = part
    ? matter.participatingUnitIds.filter((u) => u !== current).map((u) => ({ value: u, label: unitName(u) }))
    : (units.data ?? []).filter((u) => u.id !== current).map((u) => ({ value: u.id, label: unitName(u.id) }));
  return (
    <>
      <Form.Item
        name="resolution"
        label={t('acceptance.resolution')}
        rules={[{ required: true, message: t('acceptance.resolutionRequired') }]}
      >
        <Radio.Group options={(['keep', 'transfer'] as const).map((r) => ({ value: r, label: t(`acceptance.resolutions.${r}`) }))} />
      </Form.Item>
      {transfer && (
        <Form.Item
          name="unitId"
          label={t('acceptance.transferUnit')}
          rules={[{ required: true, message: t('acceptance.transferUnitRequired') }]}
        >
          <Select options={unitOptions} showSearch optionFilterProp="label" />
        </Form.Item>
      )}
      {transfer && !part && (
        <Form.Item
          name="managerId"
          label={t('acceptance.transferManager')}
          rules={[{ required: true, message: t('acceptance.transferManagerRequired') }]}
        >
          <Select
            loading={managers.isFetching}
            options={(managers.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
            disabled={!unitId}
          />
        </Form.Item>
      )}
      <Form.Item
        name="comment"
        label={t('acceptance.resolveComment')}
        rules={[{ required: true, whitespace: true, message: t('acceptance.resolveCommentRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={4000} showCount />
      </Form.Item>
    </>
  );
}

export const resolveBody = (v: Values) => ({
  resolution: v.resolution,
  ...(v.resolution === 'transfer' && v.unitId ? { unitId: v.unitId } : {}),
  ...(v.resolution === 'transfer' && v.managerId ? { managerId: v.managerId } : {}),
  comment: trimmed(v.comment),
});
