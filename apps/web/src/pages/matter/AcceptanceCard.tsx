import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUserNames } from '../../api/hooks/directory';
import type { MatterActions, MatterActionType, MatterView } from '../../api/hooks/types';
import { DateTime, useFormatDateTime } from '../../components/DateTime';
import { useLocalized } from '../../components/LocalizedText';
import { useUnitName } from '../../components/UnitName';
import type { OpenAction } from './SubjectActions';

type Acceptance = NonNullable<MatterView['acceptance']>;
type AcceptanceState = 'pending' | 'overdue' | 'accepted' | 'returned';
const STATE_COLOURS: Record<AcceptanceState, string> = {
  pending: 'processing',
  overdue: 'error',
  accepted: 'success',
  returned: 'warning',
};
const TYPES: readonly MatterActionType[] = ['accept_assignment', 'return_assignment', 'resolve_returned_assignment'];

/** The words the domain records on an acceptance that came with the work itself (starting implementation, a report). */
export const IMPLIED = 'implied';

export const acceptanceState = (a: Acceptance, now = Date.now()): AcceptanceState =>
  a.acceptedAt ? 'accepted' : a.returnedAt ? 'returned' : Date.parse(a.dueAt) < now ? 'overdue' : 'pending';

/**
 * 签收: the leading unit's acceptance of the matter and each participating unit's of its
 * part, with its state (待签收, 逾期未签收, 已签收, 已退回), who accepted or returned it and
 * why. A unit's manager accepts or returns from here; the reform office resolves a return.
 */
export function AcceptanceCard({ matter, actions, open }: { matter: MatterView; actions: MatterActions | undefined; open: OpenAction }) {
  const { t } = useTranslation('matter');
  const names = useUserNames();
  const f = useFormatDateTime();
  const unitName = useUnitName();
  const pick = useLocalized();
  const rows = [
    ...(matter.acceptance ? [{ partId: null as string | null, title: t('acceptance.matter'), acceptance: matter.acceptance }] : []),
    ...matter.parts
      .filter((p) => p.acceptance && p.completedAt === null)
      .map((p) => ({ partId: p.id, title: pick(p.deliverable), acceptance: p.acceptance! })),
  ];
  if (!rows.length) return null;
  const offered = (partId: string | null) =>
    (actions?.actions ?? []).filter((a) => TYPES.includes(a.type) && (a.subjectId ?? null) === partId);
  return (
    <Card
      role="region"
      aria-label={t('acceptance.title')}
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('acceptance.title')}</h2>}
      size="small"
      style={{ marginBottom: 16 }}
    >
      <List
        dataSource={rows}
        rowKey={(r) => r.partId ?? 'matter'}
        renderItem={({ partId, title, acceptance: a }) => {
          const state = acceptanceState(a);
          return (
            <List.Item>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Typography.Text strong>{title}</Typography.Text>
                  <Tag color={STATE_COLOURS[state]}>{t(`acceptanceState.${state}`)}</Tag>
                </Space>
                <Typography.Text type="secondary">
                  {t('acceptance.unit')}
                  {t('common:colon')}
                  {unitName(a.unitId)} · {t('acceptance.due')}
                  {t('common:colon')}
                  <DateTime value={a.dueAt} />
                </Typography.Text>
                {a.acceptedAt && (
                  <Typography.Text type="success">
                    {t('acceptance.acceptedBy', { name: names(a.acceptedBy), at: f.dateTime(a.acceptedAt) })}
                    {a.comment ? `${t('common:colon')}${a.comment === IMPLIED ? t('acceptance.implied') : a.comment}` : ''}
                  </Typography.Text>
                )}
                {a.returnedAt && (
                  <Typography.Text type="warning">
                    {t('acceptance.returnedBy', { name: names(a.returnedBy), at: f.dateTime(a.returnedAt) })}
                    {t('common:colon')}
                    {a.returnReason}
                  </Typography.Text>
                )}
                <Space wrap size={4}>
                  {offered(partId).map((x) => (
                    <Button
                      key={x.type}
                      size="small"
                      type={x.type === 'accept_assignment' || x.type === 'resolve_returned_assignment' ? 'primary' : 'default'}
                      onClick={() => open(x.type, partId ?? undefined)}
                      aria-label={`${t(`common:action.${x.type}`)}${t('common:colon')}${title}`}
                    >
                      {t(`common:action.${x.type}`)}
                    </Button>
                  ))}
                </Space>
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
