import {
  AlertOutlined,
  CheckCircleFilled,
  ClockCircleOutlined,
  CloseCircleFilled,
  FieldTimeOutlined,
  NotificationOutlined,
  ProjectOutlined,
  WarningFilled,
} from '@ant-design/icons';
import { Alert, Card, Col, Empty, Flex, Progress, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isProblem } from '../../api/client';
import { progressDocumentUrl, useProgressReport, type ProgressReport } from '../../api/hooks/dashboard';
import { useMe } from '../../api/hooks/session';
import type { DeliveryStatus, Stage } from '../../api/hooks/types';
import { CardTitle } from '../../components/CardTitle';
import { MissingReportsCard } from '../../components/MissingReportsCard';
import { DateTime, useFormatDateTime } from '../../components/DateTime';
import { ErrorResult } from '../../components/ErrorResult';
import { DocumentLinks } from '../../components/DocumentLinks';
import { useLang, useLocalized } from '../../components/LocalizedText';
import { PageHeader } from '../../components/PageHeader';
import { PeriodPicker, usePeriodParam } from '../../components/PeriodPicker';
import { StageTag } from '../../components/StageTag';
import { UnitRateChart } from '../../components/UnitRateChart';
import { useProblemText } from '../../components/problemText';

const STAGES: Stage[] = ['draft', 'in_approval', 'approved', 'in_implementation', 'in_evaluation', 'closed', 'withdrawn', 'terminated'];
const OPEN_STAGES: Stage[] = ['draft', 'in_approval', 'approved', 'in_implementation', 'in_evaluation'];
const STATUSES: DeliveryStatus[] = ['on_track', 'at_risk', 'off_track'];
const STATUS_LOOK: Record<DeliveryStatus, { color: string; icon: React.ReactNode }> = {
  on_track: { color: '#237804', icon: <CheckCircleFilled aria-hidden /> },
  at_risk: { color: '#874d00', icon: <WarningFilled aria-hidden /> },
  off_track: { color: '#cf1322', icon: <CloseCircleFilled aria-hidden /> },
};

type Overdue = ProgressReport['overdue'][number];
type Upcoming = ProgressReport['upcoming'][number];

const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** A link to the matters list behind a figure: /matters?stage=…, ?deliveryStatus=…, ?overdue=true, ?leadingUnitId=… */
function listLink(filters: Record<string, string>, unitId: string | undefined): string {
  const q = new URLSearchParams(filters);
  if (unitId && !q.has('leadingUnitId')) q.set('leadingUnitId', unitId);
  return `/matters?${q.toString()}`;
}

/** 工作台: the progress report of the reform office (all units) or of a manager's own unit, every figure a link to its list. */
export default function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const { t: tc } = useTranslation('common');
  const lang = useLang();
  const pick = useLocalized();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const f = useFormatDateTime();
  const { data: me } = useMe();
  const [period, setPeriod] = usePeriodParam('thisMonth');
  const report = useProgressReport(period, !!me);
  const data = report.data;
  const scopeUnit = data?.unit?.id;

  const totals = useMemo(() => {
    if (!data) return null;
    const due = data.units.reduce((n, u) => n + u.deadlinesDue, 0);
    const met = data.units.reduce((n, u) => n + u.metOnTime, 0);
    const open = OPEN_STAGES.reduce((n, s) => n + (data.totals.byStage[s] ?? 0), 0);
    const urge = [...data.overdue, ...data.upcoming].filter((d) => d.deadline.kind === 'urge_notice');
    return { due, met, rate: due ? met / due : null, open, urge };
  }, [data]);

  if (report.isError && !data) {
    const p = isProblem(report.error) ? report.error : null;
    return <ErrorResult problem={p} onRetry={() => void report.refetch()} />;
  }

  const columnsOverdue: ColumnsType<Overdue> = [
    {
      title: t('overdue.matter'),
      key: 'matter',
      width: '42%',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/matters/${r.matter.id}`}>{r.matter.code}</Link>
          <Typography.Text type="secondary">{pick(r.matter.title)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('overdue.deadline'),
      key: 'deadline',
      render: (_, r) => (
        <span>
          <Tag>{tc(`taskKind.${r.deadline.kind}`)}</Tag>
          {pick(r.deadline.title)}
        </span>
      ),
    },
    {
      title: `${t('overdue.dueAt')}${tc('time.zoneSuffix', { zone: f.zoneName })}`,
      key: 'dueAt',
      render: (_, r) => <DateTime value={r.deadline.dueAt} withZone={false} />,
      responsive: ['md'],
    },
    {
      title: t('overdue.daysOverdue'),
      dataIndex: 'daysOverdue',
      key: 'daysOverdue',
      align: 'right',
      render: (v: number) => <Typography.Text type="danger">{t('overdue.days', { count: v })}</Typography.Text>,
    },
    {
      title: t('overdue.escalation'),
      dataIndex: 'escalationLevel',
      key: 'escalationLevel',
      render: (v: number) =>
        v > 0 ? (
          <Tag color={v >= 2 ? 'error' : 'warning'} icon={<AlertOutlined aria-hidden />}>
            {t('overdue.level', { level: v })}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('overdue.noEscalation')}</Typography.Text>
        ),
    },
  ];

  const columnsUpcoming: ColumnsType<Upcoming> = [
    columnsOverdue[0] as ColumnsType<Upcoming>[number],
    columnsOverdue[1] as ColumnsType<Upcoming>[number],
    {
      title: `${t('overdue.dueAt')}${tc('time.zoneSuffix', { zone: f.zoneName })}`,
      key: 'dueAt',
      render: (_, r) => <DateTime value={r.deadline.dueAt} withZone={false} />,
    },
    {
      title: t('upcoming.daysLeft'),
      dataIndex: 'daysLeft',
      key: 'daysLeft',
      align: 'right',
      render: (v: number) => (v <= 0 ? <Tag color="warning">{t('upcoming.today')}</Tag> : t('overdue.days', { count: v })),
    },
  ];

  const unitRows = data?.units ?? [];
  // the chart shows the units that had something due, worst first; the table below lists every unit
  const chartData = unitRows
    .filter((u) => u.onScheduleRate !== null)
    .sort((a, b) => (a.onScheduleRate ?? 0) - (b.onScheduleRate ?? 0) || a.unit.code.localeCompare(b.unit.code))
    .map((u) => ({
      id: u.unit.id,
      name: pick(u.unit.name) || u.unit.code,
      rate: u.onScheduleRate,
      detail: t('chart.due', { due: u.deadlinesDue, met: u.metOnTime }),
    }));

  return (
    <div>
      <PageHeader
        title={t('title')}
        subTitle={data?.unit ? t('subtitleUnit', { unit: pick(data.unit.name) }) : t('subtitleAll')}
        extra={
          <>
            <Flex align="center" gap={8}>
              <label htmlFor="dashboard-period" style={{ whiteSpace: 'nowrap' }}>
                {t('period')}
              </label>
              <PeriodPicker id="dashboard-period" label={t('period')} value={period} onChange={setPeriod} />
            </Flex>
            <DocumentLinks
              size="small"
              name={t('download')}
              urlOf={(fmt) => progressDocumentUrl({ ...period, unitId: scopeUnit }, fmt, lang)}
            />
          </>
        }
      />
      {data ? (
        <Typography.Paragraph type="secondary">
          <ClockCircleOutlined aria-hidden /> {t('asOf', { time: f.dateTime(data.asOf) })}
        </Typography.Paragraph>
      ) : null}
      {report.isError && data ? (
        <Alert type="warning" showIcon title={problemText(isProblem(report.error) ? report.error : null)} style={{ marginBottom: 16 }} />
      ) : null}
      {!data || !totals ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Row gutter={[16, 16]}>
            <StatCard
              title={t('stats.matters')}
              value={data.totals.matters}
              to={listLink({}, scopeUnit)}
              icon={<ProjectOutlined aria-hidden />}
            />
            <StatCard
              title={t('stats.open')}
              value={totals.open}
              to={listLink({ stage: OPEN_STAGES.join(',') }, scopeUnit)}
              icon={<FieldTimeOutlined aria-hidden />}
            />
            <StatCard
              title={t('stats.overdue')}
              value={data.overdue.length}
              to={listLink({ overdue: 'true' }, scopeUnit)}
              icon={<AlertOutlined aria-hidden />}
              danger={data.overdue.length > 0}
            />
            <StatCard
              title={t('stats.upcoming', { days: data.upcomingWindowDays })}
              value={data.upcoming.length}
              to="#upcoming"
              icon={<ClockCircleOutlined aria-hidden />}
            />
            <StatCard
              title={t('stats.urgeNotices')}
              value={totals.urge.length}
              to="#urge-notices"
              icon={<NotificationOutlined aria-hidden />}
            />
            <StatCard
              title={t('stats.onScheduleRate')}
              value={pct(totals.rate) ?? t('rateNone')}
              suffix={totals.rate === null ? undefined : '%'}
              to="#unit-rates"
              icon={<CheckCircleFilled aria-hidden />}
            />
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card title={<CardTitle>{t('byStatus')}</CardTitle>}>
                <Row gutter={[12, 12]}>
                  {STATUSES.map((s) => (
                    <Col span={8} key={s}>
                      <Link
                        to={listLink({ deliveryStatus: s }, scopeUnit)}
                        aria-label={`${tc(`deliveryStatus.${s}`)} ${data.totals.byStatus[s] ?? 0}`}
                      >
                        <Statistic
                          title={
                            <span style={{ color: STATUS_LOOK[s].color }}>
                              {STATUS_LOOK[s].icon} {tc(`deliveryStatus.${s}`)}
                            </span>
                          }
                          value={data.totals.byStatus[s] ?? 0}
                          styles={{ content: { color: STATUS_LOOK[s].color } }}
                        />
                      </Link>
                    </Col>
                  ))}
                </Row>
                <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 12 }}>
                  {t('statusHint')}
                </Typography.Paragraph>
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card title={<CardTitle>{t('byStage')}</CardTitle>}>
                <Row gutter={[12, 8]}>
                  {STAGES.map((s) => {
                    const n = data.totals.byStage[s] ?? 0;
                    return (
                      <Col xs={12} sm={6} key={s}>
                        <Link to={listLink({ stage: s }, scopeUnit)} aria-label={`${tc(`stage.${s}`)} ${n}`}>
                          <Flex vertical gap={4}>
                            <StageTag stage={s} />
                            <Typography.Text strong style={{ fontSize: 20 }}>
                              {n}
                            </Typography.Text>
                            <Progress
                              percent={data.totals.matters ? Math.round((n / data.totals.matters) * 100) : 0}
                              size="small"
                              showInfo={false}
                              aria-hidden
                            />
                          </Flex>
                        </Link>
                      </Col>
                    );
                  })}
                </Row>
              </Card>
            </Col>
          </Row>
          <Card id="unit-rates" title={<CardTitle>{t('chart.title')}</CardTitle>}>
            {chartData.length === 0 ? (
              <Empty description={t('chart.empty')} />
            ) : (
              <UnitRateChart
                data={chartData}
                label={t('chart.label')}
                rateName={t('chart.rate')}
                onSelect={(id) => void navigate(listLink({ leadingUnitId: id }, undefined))}
              />
            )}
            <Table
              size="small"
              rowKey={(r) => r.unit.id}
              dataSource={unitRows}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              scroll={{ x: 640 }}
              style={{ marginTop: 16 }}
              columns={[
                {
                  title: t('units.unit'),
                  key: 'unit',
                  render: (_, r) => <Link to={listLink({ leadingUnitId: r.unit.id }, undefined)}>{pick(r.unit.name) || r.unit.code}</Link>,
                },
                {
                  title: t('units.matters'),
                  dataIndex: 'matters',
                  key: 'matters',
                  align: 'right',
                  sorter: (a, b) => a.matters - b.matters,
                },
                {
                  title: t('units.byStatus'),
                  key: 'byStatus',
                  render: (_, r) => (
                    <Space size={4} wrap>
                      {STATUSES.map((s) =>
                        r.byStatus[s] ? (
                          <Tag
                            key={s}
                            color={s === 'on_track' ? 'success' : s === 'at_risk' ? 'warning' : 'error'}
                            icon={STATUS_LOOK[s].icon}
                          >
                            {tc(`deliveryStatus.${s}`)} {r.byStatus[s]}
                          </Tag>
                        ) : null,
                      )}
                    </Space>
                  ),
                },
                {
                  title: t('units.deadlinesDue'),
                  dataIndex: 'deadlinesDue',
                  key: 'deadlinesDue',
                  align: 'right',
                  sorter: (a, b) => a.deadlinesDue - b.deadlinesDue,
                },
                { title: t('units.metOnTime'), dataIndex: 'metOnTime', key: 'metOnTime', align: 'right' },
                {
                  title: t('units.onScheduleRate'),
                  key: 'rate',
                  align: 'right',
                  sorter: (a, b) => (a.onScheduleRate ?? 2) - (b.onScheduleRate ?? 2),
                  render: (_, r) => (r.onScheduleRate === null ? t('rateNone') : `${pct(r.onScheduleRate)}%`),
                },
              ]}
            />
          </Card>
          <Card
            title={<CardTitle>{t('overdue.title')}</CardTitle>}
            extra={
              <Space size={16}>
                {me?.roles.includes('reform_office') && data.overdue.length > 0 ? (
                  <Link to={listLink({ overdue: 'true', select: 'overdue' }, scopeUnit)}>{t('overdue.urge')}</Link>
                ) : null}
                <Link to={listLink({ overdue: 'true' }, scopeUnit)}>{t('overdue.all')}</Link>
              </Space>
            }
          >
            <Table
              size="small"
              rowKey={(r) => `${r.matter.id}:${r.deadline.kind}:${r.deadline.dueAt}`}
              dataSource={data.overdue}
              columns={columnsOverdue}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overdue.empty')} /> }}
              scroll={{ x: 560 }}
            />
          </Card>
          <MissingReportsCard groups={data.missingReports} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card id="upcoming" title={<CardTitle>{t('upcoming.title', { days: data.upcomingWindowDays })}</CardTitle>}>
                <Table
                  size="small"
                  rowKey={(r) => `${r.matter.id}:${r.deadline.kind}:${r.deadline.dueAt}`}
                  dataSource={data.upcoming}
                  columns={columnsUpcoming}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('upcoming.empty')} /> }}
                  scroll={{ x: 560 }}
                />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card id="urge-notices" title={<CardTitle>{t('urge.title')}</CardTitle>}>
                {totals.urge.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('urge.empty')} />
                ) : (
                  <Flex vertical gap={12}>
                    {totals.urge.map((u) => (
                      <Flex key={`${u.matter.id}:${u.deadline.dueAt}`} justify="space-between" gap={8} wrap>
                        <Space orientation="vertical" size={0}>
                          <Link to={`/matters/${u.matter.id}`}>
                            {u.matter.code} {pick(u.matter.title)}
                          </Link>
                          <Typography.Text type="secondary">
                            {pick(u.matter.leadingUnit.name)} · <DateTime value={u.deadline.dueAt} />
                          </Typography.Text>
                        </Space>
                        {'daysOverdue' in u ? (
                          <Tag color="error">{tc('time.daysOverdue', { count: u.daysOverdue })}</Tag>
                        ) : (
                          <Tag color="warning">{u.daysLeft <= 0 ? tc('time.dueToday') : tc('time.dueInDays', { count: u.daysLeft })}</Tag>
                        )}
                      </Flex>
                    ))}
                  </Flex>
                )}
              </Card>
            </Col>
          </Row>
        </Space>
      )}
    </div>
  );
}

function StatCard({
  title,
  value,
  suffix,
  to,
  icon,
  danger,
}: {
  title: string;
  value: number | string;
  suffix?: string;
  to: string;
  icon: React.ReactNode;
  danger?: boolean;
}) {
  const body = (
    <Card hoverable size="small">
      <Statistic
        title={title}
        value={value}
        suffix={suffix}
        prefix={icon}
        styles={danger ? { content: { color: '#cf1322' } } : undefined}
      />
    </Card>
  );
  return (
    <Col xs={12} md={8} xl={4}>
      {to.startsWith('#') ? (
        <a href={to} aria-label={`${title} ${value}${suffix ?? ''}`}>
          {body}
        </a>
      ) : (
        <Link to={to} aria-label={`${title} ${value}${suffix ?? ''}`}>
          {body}
        </Link>
      )}
    </Col>
  );
}
