import { Card, Empty, Flex, Grid, List, Space, Table, Tag, Typography } from 'antd';
import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { useUserNames } from '../../api/hooks/directory';
import { useTrajectory } from '../../api/hooks/matter';
import type { MatterActions, MatterView, Milestone, Risk, Target } from '../../api/hooks/types';
import { DateTime } from '../../components/DateTime';
import { useLocalized } from '../../components/LocalizedText';
import { PartsCard } from './PartsCard';
import { type OpenAction, SubjectActions } from './SubjectActions';
import { ProgressReportsCard } from './ProgressReportsCard';
import { milestoneState } from './useMatterText';

const TrajectoryChart = lazy(() => import('./TrajectoryChart'));

const STATE_COLOURS = { open: 'processing', done: 'success', overdue: 'error' } as const;

export type { OpenAction } from './SubjectActions';

const MILESTONE_ACTIONS = { primary: 'complete_milestone', other: 'edit_milestone', danger: 'remove_milestone' } as const;

function MilestoneActions({ m, actions, open }: { m: Milestone; actions: MatterActions | undefined; open: OpenAction }) {
  return <SubjectActions subject={m} types={MILESTONE_ACTIONS} actions={actions} open={open} />;
}

function TargetsCard({ matter }: { matter: MatterView }) {
  const { t } = useTranslation('matter');
  const pick = useLocalized();
  const trajectories = useTrajectory(matter.id, matter.targets.length > 0);
  const byId = new Map((trajectories.data ?? []).map((x) => [x.targetId, x]));
  const latest = (target: Target) =>
    matter.progress
      .filter((p) => p.targetId === target.id)
      .sort((a, b) => a.asOf.localeCompare(b.asOf))
      .at(-1);
  if (!matter.targets.length) return <Empty description={t('plan.noTargets')} />;
  return (
    <List<Target>
      dataSource={matter.targets}
      renderItem={(target) => {
        const tr = byId.get(target.id);
        const last = latest(target);
        const title = pick(target.indicator);
        return (
          <List.Item>
            <Flex vertical gap={8} style={{ width: '100%' }}>
              <Typography.Text strong>{title}</Typography.Text>
              <Space wrap size={[16, 4]}>
                <span>
                  {t('plan.baseline')}
                  {t('common:colon')}
                  {target.baseline ?? '—'} {target.baseline !== null ? target.unit : ''}
                </span>
                <span>
                  {t('plan.targetValue')}
                  {t('common:colon')}
                  {t(`common:comparison.${target.comparison}`)} {target.targetValue} {target.unit}
                </span>
                <span>
                  {t('plan.byDate')}
                  {t('common:colon')}
                  {target.byDate}
                </span>
                <span>
                  {t('plan.latest')}
                  {t('common:colon')}
                  {last ? `${last.value} ${target.unit}${t('common:paren', { text: `${t('plan.asOf')} ${last.asOf}` })}` : '—'}
                </span>
                {tr?.behindBy != null && (
                  <Typography.Text type={tr.behindBy > 0 ? 'danger' : 'success'}>
                    {tr.behindBy > 0
                      ? `${t('plan.behindBy')}${t('common:colon')}${t('plan.behindByValue', { value: Math.round(tr.behindBy * 10) / 10 })}`
                      : t('plan.aheadByValue', { value: Math.round(-tr.behindBy * 10) / 10 })}
                  </Typography.Text>
                )}
              </Space>
              {tr?.documentReadings.map((r) => (
                <Typography.Text key={r.id} type="secondary" style={{ fontSize: 13 }}>
                  {t('plan.documentReading', { value: `${r.value} ${target.unit}`.trim(), asOf: r.asOf, document: r.source.document })}
                  {t('common:colon')}
                  <Typography.Text italic type="secondary">
                    “{r.source.excerpt}”
                  </Typography.Text>
                  {r.note ? `${t('common:paren', { text: r.note })}` : ''}
                </Typography.Text>
              ))}
              {tr && (tr.planned.length > 0 || tr.reported.length > 0 || tr.documentReadings.length > 0) && (
                <Suspense fallback={<Typography.Text type="secondary">{t('plan.chartLoading')}</Typography.Text>}>
                  <TrajectoryChart
                    trajectory={tr}
                    unit={target.unit}
                    labels={{ planned: t('plan.chartPlanned'), reported: t('plan.chartReported'), documents: t('plan.chartDocuments') }}
                    ariaLabel={`${t('plan.chartTitle')}${t('common:colon')}${title}`}
                  />
                </Suspense>
              )}
            </Flex>
          </List.Item>
        );
      }}
    />
  );
}

function MilestonesCard({ matter, actions, open }: { matter: MatterView; actions: MatterActions | undefined; open: OpenAction }) {
  const { t } = useTranslation('matter');
  const pick = useLocalized();
  const narrow = Grid.useBreakpoint().md === false;
  const sorted = [...matter.milestones].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  if (!sorted.length) return <Empty description={t('plan.noMilestones')} />;
  if (narrow) {
    return (
      <List<Milestone>
        dataSource={sorted}
        renderItem={(m) => {
          const s = milestoneState(m);
          return (
            <List.Item>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8}>
                  <Typography.Text strong>{pick(m.title)}</Typography.Text>
                  <Tag color={STATE_COLOURS[s]}>{t(`common:milestoneState.${s}`)}</Tag>
                </Flex>
                <Typography.Text type="secondary">
                  {t('plan.due')}
                  {t('common:colon')}
                  <DateTime value={m.dueAt} />
                </Typography.Text>
                {m.completedAt && (
                  <Typography.Text type="secondary">
                    {t('plan.completedAt')}
                    {t('common:colon')}
                    <DateTime value={m.completedAt} />
                  </Typography.Text>
                )}
                <MilestoneActions m={m} actions={actions} open={open} />
              </Flex>
            </List.Item>
          );
        }}
      />
    );
  }
  return (
    <Table<Milestone>
      rowKey="id"
      size="middle"
      pagination={false}
      dataSource={sorted}
      columns={[
        { title: t('plan.milestone'), key: 'title', render: (_, m) => pick(m.title) },
        { title: t('plan.due'), dataIndex: 'dueAt', width: 210, render: (v: string) => <DateTime value={v} /> },
        {
          title: t('plan.state'),
          key: 'state',
          width: 100,
          render: (_, m) => {
            const s = milestoneState(m);
            return <Tag color={STATE_COLOURS[s]}>{t(`common:milestoneState.${s}`)}</Tag>;
          },
        },
        { title: t('plan.completedAt'), dataIndex: 'completedAt', width: 210, render: (v: string | null) => <DateTime value={v} /> },
        { title: t('plan.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
        { title: t('plan.operations'), key: 'ops', width: 220, render: (_, m) => <MilestoneActions m={m} actions={actions} open={open} /> },
      ]}
    />
  );
}

function RisksCard({ risks }: { risks: Risk[] }) {
  const { t } = useTranslation('matter');
  if (!risks.length) return <Empty description={t('plan.noRisks')} />;
  return (
    <List<Risk>
      dataSource={risks}
      renderItem={(r) => (
        <List.Item>
          <Flex vertical gap={2}>
            <Typography.Text strong>{r.description}</Typography.Text>
            <Typography.Text type="secondary">
              {t('plan.likelihood')}
              {t('common:colon')}
              {t(`common:likelihood.${r.likelihood}`)}
              {' · '}
              {t('plan.impact')}
              {t('common:colon')}
              {t(`common:likelihood.${r.impact}`)}
            </Typography.Text>
            <Typography.Text>
              {t('plan.mitigation')}
              {t('common:colon')}
              {r.mitigation}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

function ProgressCard({ matter }: { matter: MatterView }) {
  const { t } = useTranslation('matter');
  const pick = useLocalized();
  const names = useUserNames();
  if (!matter.progress.length) return null;
  const target = (id: string) => matter.targets.find((x) => x.id === id);
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('plan.progress')}</h2>} size="small">
      <Table
        rowKey="id"
        size="small"
        pagination={matter.progress.length > 10 ? { pageSize: 10 } : false}
        dataSource={[...matter.progress].sort((a, b) => b.reportedAt.localeCompare(a.reportedAt))}
        scroll={{ x: 600 }}
        columns={[
          { title: t('plan.indicator'), dataIndex: 'targetId', render: (id: string) => pick(target(id)?.indicator) },
          { title: t('plan.value'), dataIndex: 'value', render: (v: number, p) => `${v} ${target(p.targetId)?.unit ?? ''}` },
          { title: t('plan.asOf'), dataIndex: 'asOf' },
          { title: t('plan.reportedBy'), dataIndex: 'reportedBy', render: (id: string) => names(id) },
          { title: t('plan.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
        ]}
      />
    </Card>
  );
}

export function PlanTab({ matter, actions, open }: { matter: MatterView; actions: MatterActions | undefined; open: OpenAction }) {
  const { t } = useTranslation('matter');
  const h2 = (s: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{s}</h2>;
  return (
    <Flex vertical gap={16}>
      <Card title={h2(t('plan.targets'))} size="small">
        <TargetsCard matter={matter} />
      </Card>
      <Card title={h2(t('plan.milestones'))} size="small">
        <MilestonesCard matter={matter} actions={actions} open={open} />
      </Card>
      <PartsCard matter={matter} actions={actions} open={open} />
      <ProgressReportsCard matter={matter} />
      <ProgressCard matter={matter} />
      <Card title={h2(t('plan.risks'))} size="small">
        <RisksCard risks={matter.risks} />
      </Card>
    </Flex>
  );
}
