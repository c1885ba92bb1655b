import { Card, Descriptions, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Bulletin } from '../../api/hooks/reports';
import { CardTitle } from '../../components/CardTitle';
import { DateTime } from '../../components/DateTime';
import { DeliveryStatusTag } from '../../components/DeliveryStatusTag';
import { useLocalized } from '../../components/LocalizedText';

type MatterRef = Bulletin['completed'][number]['matter'];
type Overdue = Bulletin['overdueUnits'][number]['items'][number];
type Missing = Bulletin['missingReports'][number]['reports'][number];
type RedOrder = NonNullable<Bulletin['redOrders']>[number]['items'][number];

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

/** What a bulletin says, in the order the document says it: overview, 完成实施, 按期推进, 逾期点名, 缺报进展报告, 红色督办单未销号. */
export function BulletinBody({ bulletin: b }: { bulletin: Bulletin }) {
  const { t } = useTranslation('reports');
  const pick = useLocalized();
  const matterLink = (m: MatterRef) => (
    <Flex vertical>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {m.code}
      </Typography.Text>
      <Link to={`/matters/${m.id}`}>{pick(m.title)}</Link>
    </Flex>
  );
  const s = b.summary;
  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        role="region"
        aria-label={t('bulletin.overview')}
        title={<CardTitle level={3}>{t('bulletin.overview')}</CardTitle>}
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label={t('bulletin.matters')}>{s.matters}</Descriptions.Item>
          <Descriptions.Item label={t('bulletin.deadlinesDue')}>{s.deadlinesDue}</Descriptions.Item>
          <Descriptions.Item label={t('bulletin.metOnTime')}>{s.metOnTime}</Descriptions.Item>
          <Descriptions.Item label={t('bulletin.onScheduleRate')}>{percent(s.onScheduleRate)}</Descriptions.Item>
          <Descriptions.Item label={t('bulletin.completedCount')}>{s.completed}</Descriptions.Item>
          <Descriptions.Item label={t('bulletin.overdueCount')}>{s.overdue}</Descriptions.Item>
          <Descriptions.Item label={t('bulletin.missingCount')}>{s.missingReports}</Descriptions.Item>
          <Descriptions.Item label={t('bulletin.asOf')}>
            <DateTime value={b.asOf} />
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card
        size="small"
        role="region"
        aria-label={t('bulletin.completed')}
        title={<CardTitle level={3}>{t('bulletin.completedTitle', { count: b.completed.length })}</CardTitle>}
      >
        <Table
          size="small"
          rowKey={(r) => r.matter.id}
          dataSource={b.completed}
          pagination={false}
          scroll={{ x: 600 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bulletin.noCompleted')} /> }}
          columns={[
            { title: t('bulletin.matter'), key: 'matter', render: (_, r) => matterLink(r.matter) },
            { title: t('bulletin.unit'), key: 'unit', render: (_, r) => pick(r.matter.leadingUnit.name) },
            { title: t('bulletin.completedAt'), key: 'at', width: 200, render: (_, r) => <DateTime value={r.completedAt} /> },
          ]}
        />
      </Card>

      <Card
        size="small"
        role="region"
        aria-label={t('bulletin.onSchedule')}
        title={<CardTitle level={3}>{t('bulletin.onScheduleTitle', { count: b.onSchedule.length })}</CardTitle>}
      >
        {b.onSchedule.length ? (
          <Flex wrap gap={8}>
            {b.onSchedule.map((u) => (
              <Tag key={u.id} color="green">
                {pick(u.name)}
              </Tag>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('bulletin.noOnSchedule')}</Typography.Text>
        )}
      </Card>

      <Card
        size="small"
        role="region"
        aria-label={t('bulletin.overdueUnits')}
        title={<CardTitle level={3}>{t('bulletin.overdueTitle', { count: b.overdueUnits.length })}</CardTitle>}
      >
        {b.overdueUnits.length === 0 ? (
          <Typography.Text type="secondary">{t('bulletin.noOverdue')}</Typography.Text>
        ) : (
          <Flex vertical gap={12}>
            {b.overdueUnits.map((u) => (
              <div key={u.unit.id} role="group" aria-label={pick(u.unit.name)}>
                <Typography.Title level={4} style={{ fontSize: 15, margin: '0 0 8px' }}>
                  <Tag color="red">{t('bulletin.named')}</Tag>
                  {pick(u.unit.name)}（{t('bulletin.items', { count: u.items.length })}）
                </Typography.Title>
                <Table<Overdue>
                  size="small"
                  rowKey={(r) => `${r.matter.id}:${r.deadline.kind}:${r.deadline.dueAt}`}
                  dataSource={u.items}
                  pagination={false}
                  scroll={{ x: 760 }}
                  columns={[
                    { title: t('bulletin.matter'), key: 'matter', render: (_, r) => matterLink(r.matter) },
                    {
                      title: t('bulletin.deadline'),
                      key: 'deadline',
                      render: (_, r) => `${t(`common:deadlineKind.${r.deadline.kind}`)}：${pick(r.deadline.title)}`,
                    },
                    { title: t('bulletin.dueAt'), key: 'dueAt', width: 190, render: (_, r) => <DateTime value={r.deadline.dueAt} /> },
                    {
                      title: t('bulletin.daysOverdue'),
                      key: 'days',
                      width: 100,
                      align: 'right',
                      render: (_, r) => <Typography.Text type="danger">{t('bulletin.days', { count: r.daysOverdue })}</Typography.Text>,
                    },
                    {
                      title: t('bulletin.status'),
                      key: 'status',
                      width: 110,
                      render: (_, r) => <DeliveryStatusTag status={r.matter.deliveryStatus} />,
                    },
                  ]}
                />
              </div>
            ))}
          </Flex>
        )}
      </Card>

      <Card
        size="small"
        role="region"
        aria-label={t('bulletin.missingReports')}
        title={<CardTitle level={3}>{t('bulletin.missingTitle', { count: b.missingReports.length })}</CardTitle>}
      >
        {b.missingReports.length === 0 ? (
          <Typography.Text type="secondary">{t('bulletin.noMissing')}</Typography.Text>
        ) : (
          <Flex vertical gap={12}>
            {b.missingReports.map((u) => (
              <div key={u.unit.id} role="group" aria-label={pick(u.unit.name)}>
                <Typography.Title level={4} style={{ fontSize: 15, margin: '0 0 8px' }}>
                  {pick(u.unit.name)}（{t('bulletin.items', { count: u.reports.length })}）
                </Typography.Title>
                <Table<Missing>
                  size="small"
                  rowKey={(r) => `${r.matter.id}:${r.deadline.dueAt}`}
                  dataSource={u.reports}
                  pagination={false}
                  scroll={{ x: 640 }}
                  columns={[
                    { title: t('bulletin.matter'), key: 'matter', render: (_, r) => matterLink(r.matter) },
                    { title: t('bulletin.reportPeriod'), key: 'period', render: (_, r) => pick(r.deadline.title) },
                    { title: t('bulletin.dueAt'), key: 'dueAt', width: 190, render: (_, r) => <DateTime value={r.deadline.dueAt} /> },
                    {
                      title: t('bulletin.filedAt'),
                      key: 'filed',
                      width: 190,
                      render: (_, r) => (r.filedAt ? <DateTime value={r.filedAt} /> : <Tag color="red">{t('bulletin.notFiled')}</Tag>),
                    },
                  ]}
                />
              </div>
            ))}
          </Flex>
        )}
      </Card>
      {b.redOrders && (
        <Card
          size="small"
          role="region"
          aria-label={t('bulletin.redOrders')}
          title={<CardTitle level={3}>{t('bulletin.redOrdersTitle', { count: b.redOrders.length })}</CardTitle>}
        >
          {b.redOrders.length === 0 ? (
            <Typography.Text type="secondary">{t('bulletin.noRedOrders')}</Typography.Text>
          ) : (
            <Flex vertical gap={12}>
              {b.redOrders.map((u) => (
                <div key={u.unit.id} role="group" aria-label={pick(u.unit.name)}>
                  <Typography.Title level={4} style={{ fontSize: 15, margin: '0 0 8px' }}>
                    <Tag color="red">{t('bulletin.named')}</Tag>
                    {pick(u.unit.name)}（{t('bulletin.items', { count: u.items.length })}）
                  </Typography.Title>
                  <Table<RedOrder>
                    size="small"
                    rowKey={(r) => `${r.matter.id}:${r.issuedAt}`}
                    dataSource={u.items}
                    pagination={false}
                    scroll={{ x: 640 }}
                    columns={[
                      { title: t('bulletin.matter'), key: 'matter', render: (_, r) => matterLink(r.matter) },
                      { title: t('bulletin.requirement'), key: 'requirement', render: (_, r) => r.requirement },
                      { title: t('bulletin.dueAt'), key: 'dueAt', width: 190, render: (_, r) => <DateTime value={r.dueAt} /> },
                      {
                        title: t('bulletin.acknowledged'),
                        key: 'ack',
                        width: 110,
                        render: (_, r) => (r.acknowledged ? t('bulletin.ackYes') : t('bulletin.ackNo')),
                      },
                    ]}
                  />
                </div>
              ))}
            </Flex>
          )}
        </Card>
      )}
    </Flex>
  );
}
