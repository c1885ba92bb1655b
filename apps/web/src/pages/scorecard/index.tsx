import { ClockCircleOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isProblem } from '../../api/client';
import { reportDocumentUrl, useScorecard, type UnitScorecard } from '../../api/hooks/reports';
import { useFormatDateTime } from '../../components/DateTime';
import { ErrorResult } from '../../components/ErrorResult';
import { DocumentLinks } from '../../components/DocumentLinks';
import { MissingReportsCard } from '../../components/MissingReportsCard';
import { useLang, useLocalized } from '../../components/LocalizedText';
import { PageHeader } from '../../components/PageHeader';
import { PeriodPicker, usePeriodParam } from '../../components/PeriodPicker';
import { useProblemText } from '../../components/problemText';

type Row = UnitScorecard['rows'][number];

const rateTag = (rate: number | null, none: string) => {
  if (rate === null) return <Typography.Text type="secondary">{none}</Typography.Text>;
  const pct = Math.round(rate * 1000) / 10;
  return <Tag color={rate >= 0.9 ? 'success' : rate >= 0.6 ? 'warning' : 'error'}>{pct}%</Tag>;
};

/** 单位考核: the unit scorecard of a period, per leading unit. */
export default function ScorecardPage() {
  const { t } = useTranslation('reports');
  const lang = useLang();
  const pick = useLocalized();
  const f = useFormatDateTime();
  const problemText = useProblemText();
  const [period, setPeriod] = usePeriodParam('thisMonth');
  const card = useScorecard(period);
  const rows = useMemo(() => card.data?.rows ?? [], [card.data]);
  const num = (title: string, key: string, get: (r: Row) => number, sorter = true): ColumnsType<Row>[number] => ({
    title,
    key,
    align: 'right',
    width: sorter ? 100 : 84,
    render: (_, r) => get(r),
    sorter: sorter ? (a, b) => get(a) - get(b) : undefined,
  });

  if (card.isError && !card.data) {
    const p = isProblem(card.error) ? card.error : null;
    return <ErrorResult problem={p} onRetry={() => void card.refetch()} />;
  }

  const columns: ColumnsType<Row> = [
    {
      title: t('scorecard.unit'),
      key: 'unit',
      fixed: 'left',
      width: 160,
      sorter: (a, b) => a.unit.code.localeCompare(b.unit.code),
      render: (_, r) => <Link to={`/matters?leadingUnitId=${r.unit.id}`}>{pick(r.unit.name) || r.unit.code}</Link>,
    },
    num(t('scorecard.matters'), 'matters', (r) => r.matters),
    num(t('scorecard.open'), 'open', (r) => r.open),
    num(t('scorecard.deadlinesDue'), 'deadlinesDue', (r) => r.deadlinesDue),
    num(t('scorecard.metOnTime'), 'metOnTime', (r) => r.metOnTime),
    {
      title: t('scorecard.onScheduleRate'),
      key: 'onScheduleRate',
      align: 'right',
      width: 104,
      sorter: (a, b) => (a.onScheduleRate ?? -1) - (b.onScheduleRate ?? -1),
      render: (_, r) => rateTag(r.onScheduleRate, t('scorecard.none')),
    },
    {
      title: t('scorecard.averageDaysOverdue'),
      key: 'averageDaysOverdue',
      align: 'right',
      width: 104,
      sorter: (a, b) => (a.averageDaysOverdue ?? -1) - (b.averageDaysOverdue ?? -1),
      render: (_, r) =>
        r.averageDaysOverdue === null ? (
          <Typography.Text type="secondary">{t('scorecard.none')}</Typography.Text>
        ) : (
          t('scorecard.days', { value: Math.round(r.averageDaysOverdue * 10) / 10 })
        ),
    },
    {
      title: t('scorecard.urge'),
      key: 'urge',
      children: [
        num(t('scorecard.urgeReceived'), 'urgeReceived', (r) => r.urgeNotices.received, false),
        num(t('scorecard.urgeInTime'), 'urgeInTime', (r) => r.urgeNotices.acknowledgedInTime, false),
        num(t('scorecard.urgeLate'), 'urgeLate', (r) => r.urgeNotices.acknowledgedLate, false),
        {
          title: t('scorecard.urgeUnanswered'),
          key: 'urgeUnanswered',
          align: 'right',
          width: 84,
          render: (_, r) => (r.urgeNotices.unanswered ? <Typography.Text type="danger">{r.urgeNotices.unanswered}</Typography.Text> : 0),
        },
      ],
    },
  ];

  const sum = (get: (r: Row) => number) => rows.reduce((s, r) => s + get(r), 0);
  const due = sum((r) => r.deadlinesDue);
  const met = sum((r) => r.metOnTime);

  return (
    <div>
      <PageHeader
        title={t('scorecard.title')}
        subTitle={t('scorecard.subtitle')}
        extra={
          <>
            <Flex align="center" gap={8}>
              <label htmlFor="scorecard-period" style={{ whiteSpace: 'nowrap' }}>
                {t('scorecard.period')}
              </label>
              <PeriodPicker id="scorecard-period" label={t('scorecard.period')} value={period} onChange={setPeriod} />
            </Flex>
            <DocumentLinks
              size="small"
              name={t('scorecard.title')}
              urlOf={(fmt) => reportDocumentUrl('/reports/scorecard', fmt, lang, { ...period })}
            />
          </>
        }
      />
      {card.data ? (
        <Typography.Paragraph type="secondary">
          <ClockCircleOutlined aria-hidden /> {t('scorecard.asOf', { time: f.dateTime(card.data.asOf) })}
        </Typography.Paragraph>
      ) : null}
      {card.isError ? (
        <Alert type="warning" showIcon title={problemText(isProblem(card.error) ? card.error : null)} style={{ marginBottom: 16 }} />
      ) : null}
      <Card>
        <Table<Row>
          bordered
          size="small"
          rowKey={(r) => r.unit.id}
          loading={card.isFetching}
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1104 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('scorecard.empty')} /> }}
          summary={() =>
            rows.length > 1 ? (
              <Table.Summary fixed>
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <Typography.Text strong>{t('scorecard.total')}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {sum((r) => r.matters)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {sum((r) => r.open)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {due}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {met}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">
                    {rateTag(due ? met / due : null, t('scorecard.none'))}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={6} />
                  <Table.Summary.Cell index={7} align="right">
                    {sum((r) => r.urgeNotices.received)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={8} align="right">
                    {sum((r) => r.urgeNotices.acknowledgedInTime)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={9} align="right">
                    {sum((r) => r.urgeNotices.acknowledgedLate)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={10} align="right">
                    {sum((r) => r.urgeNotices.unanswered)}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </Card>
      <MissingReportsCard groups={card.data?.missingReports} />
    </div>
  );
}
