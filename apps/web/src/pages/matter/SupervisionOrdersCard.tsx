import { Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUserNames } from '../../api/hooks/directory';
import type { MatterActions, MatterView, SupervisionOrder } from '../../api/hooks/types';
import { DateTime, useFormatDateTime } from '../../components/DateTime';
import { useLocalized } from '../../components/LocalizedText';
import { useUnitName } from '../../components/UnitName';
import { type OpenAction, SubjectActions } from './SubjectActions';

type OrderState = 'open' | 'overdue' | 'acknowledged' | 'closed';
const STATE_COLOURS: Record<OrderState, string> = { open: 'processing', overdue: 'error', acknowledged: 'warning', closed: 'success' };
/** The three colours of 三色督办单 as tags (gold reads as yellow on white and keeps its contrast). */
export const ORDER_TAG_COLOURS = { blue: 'blue', yellow: 'gold', red: 'red' } as const;
const SUBJECT_TITLES = {
  blue: { zh: '蓝色督办单', en: 'Blue supervision order' },
  yellow: { zh: '黄色督办单', en: 'Yellow supervision order' },
  red: { zh: '红色督办单', en: 'Red supervision order' },
} as const;
const ORDER_ACTIONS = { primary: 'acknowledge_supervision_order', other: 'close_supervision_order' } as const;

export const orderState = (o: SupervisionOrder, now = Date.now()): OrderState =>
  o.closedAt ? 'closed' : Date.parse(o.dueAt) < now ? 'overdue' : o.acknowledgedAt ? 'acknowledged' : 'open';

/**
 * 三色督办单: each supervision order on the matter with its colour, what it requires and by
 * when, the unit it names, its state (待签收, 已逾期, 已签收, 已销号), who acknowledged it and
 * the office's closing remark; the open ones first. The reform office issues and closes them
 * here, the named unit's manager acknowledges them.
 */
export function SupervisionOrdersCard({
  matter,
  actions,
  open,
}: {
  matter: MatterView;
  actions: MatterActions | undefined;
  open: OpenAction;
}) {
  const { t } = useTranslation('matter');
  const names = useUserNames();
  const f = useFormatDateTime();
  const pick = useLocalized();
  const unitName = useUnitName();
  const canIssue = (actions?.actions ?? []).some((a) => a.type === 'issue_supervision_order');
  if (!matter.supervisionOrders.length && !canIssue) return null;
  const sorted = [...matter.supervisionOrders].sort(
    (a, b) => Number(a.closedAt !== null) - Number(b.closedAt !== null) || a.dueAt.localeCompare(b.dueAt),
  );
  return (
    <Card
      role="region"
      aria-label={t('order.title')}
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('order.title')}</h2>}
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        canIssue ? (
          <Button size="small" onClick={() => open('issue_supervision_order')}>
            {t('common:action.issue_supervision_order')}
          </Button>
        ) : undefined
      }
    >
      {!sorted.length ? (
        <Empty description={t('order.none')} />
      ) : (
        <List<SupervisionOrder>
          dataSource={sorted}
          renderItem={(o) => {
            const state = orderState(o);
            return (
              <List.Item>
                <Flex vertical gap={6} style={{ width: '100%' }}>
                  <Flex justify="space-between" gap={8} wrap>
                    <Flex gap={8} wrap>
                      <Tag color={ORDER_TAG_COLOURS[o.colour]}>{t(`common:orderColour.${o.colour}`)}</Tag>
                      <Typography.Text strong>{o.subjectTitle ? pick(o.subjectTitle) : t('order.wholeMatter')}</Typography.Text>
                      {o.issuedBy === null && <Tag>{t('order.automatic')}</Tag>}
                    </Flex>
                    <Tag color={STATE_COLOURS[state]}>{t(`orderState.${state}`)}</Tag>
                  </Flex>
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{o.requirement}</Typography.Paragraph>
                  <Typography.Text type="secondary">
                    {t('order.unit')}
                    {t('common:colon')}
                    {unitName(o.unitId)} · {t('order.due')}
                    {t('common:colon')}
                    <DateTime value={o.dueAt} />
                    {o.dueGiven ? '' : t('common:paren', { text: t('order.dueDefault') })}
                  </Typography.Text>
                  {o.acknowledgedAt && (
                    <Typography.Text>
                      {t('order.acknowledgedBy', { name: names(o.acknowledgedBy), at: f.dateTime(o.acknowledgedAt) })}
                      {o.response ? `${t('common:colon')}${o.response}` : ''}
                    </Typography.Text>
                  )}
                  {o.closedAt && (
                    <Typography.Text type="success">
                      {t('order.closedBy', { name: names(o.closedBy), at: f.dateTime(o.closedAt) })}
                      {o.closingRemark ? `${t('common:colon')}${o.closingRemark}` : ''}
                    </Typography.Text>
                  )}
                  <SubjectActions
                    subject={{ id: o.id, title: SUBJECT_TITLES[o.colour] }}
                    types={ORDER_ACTIONS}
                    actions={actions}
                    open={open}
                  />
                </Flex>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
