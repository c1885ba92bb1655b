import { Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../api/schema';
import { CardTitle } from './CardTitle';
import { useFormatDateTime } from './DateTime';
import { useLocalized } from './LocalizedText';

/** The progress report's and the scorecard's list of narrative reports not in on time, per unit and period. */
export type MissingReportsByUnit = NonNullable<components['schemas']['ProgressReport']['missingReports']>;

/** Per leading unit, each period whose progress report came in late or was still missing when the report was judged. */
export function MissingReportsCard({ groups }: { groups: MissingReportsByUnit | undefined }) {
  const { t } = useTranslation('common');
  const pick = useLocalized();
  const f = useFormatDateTime();
  // documents made before the list existed carry none: say nothing rather than "none missing"
  if (!groups) return null;
  return (
    <Card id="missing-reports" title={<CardTitle>{t('missingReports.title')}</CardTitle>} style={{ marginTop: 16 }}>
      {groups.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('missingReports.empty')} />
      ) : (
        <Flex vertical gap={16}>
          {groups.map((g) => (
            <section key={g.unit.id} aria-label={pick(g.unit.name) || g.unit.code}>
              <Flex wrap gap={8} align="center">
                <CardTitle level={3}>{pick(g.unit.name) || g.unit.code}</CardTitle>
                <Tag color="error">{t('missingReports.count', { count: g.reports.length })}</Tag>
              </Flex>
              <List
                size="small"
                dataSource={g.reports}
                rowKey={(r) => `${r.matter.id}:${r.deadline.dueAt}`}
                renderItem={(r) => (
                  <List.Item>
                    <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
                      <Link to={`/matters/${r.matter.id}`} style={{ overflowWrap: 'anywhere' }}>
                        {r.matter.code} {pick(r.matter.title)}
                      </Link>
                      <Typography.Text>
                        {pick(r.deadline.title)}
                        {t('colon')}
                        {t('missingReports.due', { due: f.dateTime(r.deadline.dueAt) })}
                      </Typography.Text>
                      {r.filedAt ? (
                        <Typography.Text type="warning">
                          {t('missingReports.filedLate', { count: r.daysOverdue, filed: f.dateTime(r.filedAt) })}
                        </Typography.Text>
                      ) : (
                        <Typography.Text type="danger">{t('missingReports.missing', { count: r.daysOverdue })}</Typography.Text>
                      )}
                    </Flex>
                  </List.Item>
                )}
              />
            </section>
          ))}
        </Flex>
      )}
    </Card>
  );
}
