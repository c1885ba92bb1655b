import { Button, Card, Empty, Flex, Grid, List, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUserNames } from '../../api/hooks/directory';
import type { MatterActions, MatterView, Part } from '../../api/hooks/types';
import { DateTime } from '../../components/DateTime';
import { useLocalized } from '../../components/LocalizedText';
import { useUnitName } from '../../components/UnitName';
import { type OpenAction, SubjectActions } from './SubjectActions';
import { milestoneState } from './useMatterText';

const STATE_COLOURS = { open: 'processing', done: 'success', overdue: 'error' } as const;
const PART_ACTIONS = { primary: 'report_part', other: 'edit_part', danger: 'remove_part' } as const;

function PartActions({ p, actions, open }: { p: Part; actions: MatterActions | undefined; open: OpenAction }) {
  return <SubjectActions subject={{ id: p.id, title: p.deliverable }} types={PART_ACTIONS} actions={actions} open={open} />;
}

/** The unit's last report on its part, with its evidence links. */
function LastReport({ p }: { p: Part }) {
  const { t } = useTranslation('matter');
  const names = useUserNames();
  const last = p.reports.at(-1);
  if (!last) return <Typography.Text type="secondary">{t('part.noReport')}</Typography.Text>;
  return (
    <Flex vertical gap={2}>
      <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: true }}>
        {last.narrative}
      </Typography.Paragraph>
      {last.evidenceLinks.map((href) => (
        <Typography.Link key={href} href={href} target="_blank" rel="noreferrer">
          {href}
        </Typography.Link>
      ))}
      <Typography.Text type="secondary">
        {names(last.reportedBy)} · <DateTime value={last.reportedAt} />
        {p.reports.length > 1 ? ` · ${t('part.reports', { count: p.reports.length })}` : ''}
      </Typography.Text>
    </Flex>
  );
}

/**
 * 配合单位分工: each participating unit's part, its state and its last report, so the
 * leading unit sees every part at once; the unit's own people report on it from here.
 */
export function PartsCard({ matter, actions, open }: { matter: MatterView; actions: MatterActions | undefined; open: OpenAction }) {
  const { t } = useTranslation('matter');
  const pick = useLocalized();
  const unitName = useUnitName();
  const names = useUserNames();
  const narrow = Grid.useBreakpoint().md === false;
  const canAssign = (actions?.actions ?? []).some((a) => a.type === 'assign_part');
  // a matter without participating units has no parts to show and none to give
  if (!matter.participatingUnitIds.length && !matter.parts.length) return null;
  const sorted = [...matter.parts].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const state = (p: Part) => milestoneState(p);
  const contact = (p: Part) => (p.contactId ? names(p.contactId) : t('part.unitManagers'));
  const body = !sorted.length ? (
    <Empty description={t('part.none')} />
  ) : narrow ? (
    <List<Part>
      dataSource={sorted}
      renderItem={(p) => (
        <List.Item>
          <Flex vertical gap={4} style={{ width: '100%' }}>
            <Flex justify="space-between" gap={8}>
              <Typography.Text strong>{unitName(p.unitId)}</Typography.Text>
              <Tag color={STATE_COLOURS[state(p)]}>{t(`common:milestoneState.${state(p)}`)}</Tag>
            </Flex>
            <Typography.Text>{pick(p.deliverable)}</Typography.Text>
            <Typography.Text type="secondary">
              {t('plan.due')}
              {t('common:colon')}
              <DateTime value={p.dueAt} />
              {' · '}
              {t('part.contact')}
              {t('common:colon')}
              {contact(p)}
            </Typography.Text>
            <LastReport p={p} />
            <PartActions p={p} actions={actions} open={open} />
          </Flex>
        </List.Item>
      )}
    />
  ) : (
    <Table<Part>
      rowKey="id"
      size="middle"
      pagination={false}
      dataSource={sorted}
      columns={[
        { title: t('part.unit'), key: 'unit', width: 170, render: (_, p) => unitName(p.unitId) },
        { title: t('part.deliverable'), key: 'deliverable', render: (_, p) => pick(p.deliverable) },
        { title: t('plan.due'), dataIndex: 'dueAt', width: 190, render: (v: string) => <DateTime value={v} /> },
        { title: t('part.contact'), key: 'contact', width: 110, render: (_, p) => contact(p) },
        {
          title: t('plan.state'),
          key: 'state',
          width: 90,
          render: (_, p) => <Tag color={STATE_COLOURS[state(p)]}>{t(`common:milestoneState.${state(p)}`)}</Tag>,
        },
        { title: t('part.lastReport'), key: 'report', render: (_, p) => <LastReport p={p} /> },
        { title: t('plan.operations'), key: 'ops', width: 200, render: (_, p) => <PartActions p={p} actions={actions} open={open} /> },
      ]}
    />
  );
  return (
    <Card
      role="region"
      aria-label={t('part.title')}
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('part.title')}</h2>}
      size="small"
      extra={
        canAssign ? (
          <Button size="small" onClick={() => open('assign_part')}>
            {t('common:action.assign_part')}
          </Button>
        ) : undefined
      }
    >
      {body}
    </Card>
  );
}
