import { Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUserNames } from '../../api/hooks/directory';
import type { MatterView } from '../../api/hooks/types';
import { DateTime, useFormatDateTime } from '../../components/DateTime';
import { useLocalized } from '../../components/LocalizedText';

type Report = MatterView['progressReports'][number];

function Section({ label, text }: { label: string; text: string | null }) {
  if (!text) return null;
  return (
    <div>
      <Typography.Text strong>{label}</Typography.Text>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0, overflowWrap: 'anywhere' }}>{text}</Typography.Paragraph>
    </div>
  );
}

/** The narrative progress reports filed, newest first, and the period whose report is expected now. */
export function ProgressReportsCard({ matter }: { matter: MatterView }) {
  const { t } = useTranslation('matter');
  const pick = useLocalized();
  const names = useUserNames();
  const f = useFormatDateTime();
  const period = matter.stage === 'in_implementation' ? matter.reportPeriod : null;
  if (!matter.progressReports.length && !period) return null;
  const target = (id: string) => matter.targets.find((x) => x.id === id);
  const reports = [...matter.progressReports].sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
  const periodOverdue = period !== null && Date.parse(period.dueAt) < Date.now();
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('report.title')}</h2>} size="small">
      {period && (
        <Typography.Paragraph type={periodOverdue ? 'danger' : 'secondary'}>
          {t(periodOverdue ? 'report.currentOverdue' : 'report.current', {
            number: period.number,
            from: f.dateTime(period.startsAt),
            due: f.dateTime(period.dueAt),
          })}
        </Typography.Paragraph>
      )}
      {reports.length === 0 ? (
        <Empty description={t('report.none')} />
      ) : (
        <List<Report>
          aria-label={t('report.title')}
          dataSource={reports}
          renderItem={(r) => (
            <List.Item>
              <article
                aria-label={r.period ? t('report.periodTitle', { number: r.period.number }) : t('report.unscheduled')}
                style={{ width: '100%' }}
              >
                <Flex vertical gap={8}>
                  <Flex wrap gap={8} align="center">
                    <Typography.Text strong>
                      {r.period ? t('report.periodTitle', { number: r.period.number }) : t('report.unscheduled')}
                    </Typography.Text>
                    <Tag color={r.late ? 'error' : 'success'}>{r.late ? t('report.late') : t('report.onTime')}</Tag>
                  </Flex>
                  <Typography.Text type="secondary">
                    {r.period && (
                      <>
                        {t('report.period')}
                        {t('common:colon')}
                        {f.dateTime(r.period.startsAt)} – {f.dateTime(r.period.dueAt)}
                        <br />
                      </>
                    )}
                    {t('report.filedAt')}
                    {t('common:colon')}
                    <DateTime value={r.reportedAt} />
                    {names(r.reportedBy) ? `${t('common:paren', { text: names(r.reportedBy) })}` : ''}
                  </Typography.Text>
                  <Section label={t('report.done')} text={r.done} />
                  <Section label={t('report.problems')} text={r.problems} />
                  <Section label={t('report.nextSteps')} text={r.nextSteps} />
                  {r.values.length > 0 && (
                    <div>
                      <Typography.Text strong>{t('report.values')}</Typography.Text>
                      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                        {r.values.map((v) => (
                          <li key={v.targetId}>
                            {pick(target(v.targetId)?.indicator)}
                            {t('common:colon')}
                            {v.value} {target(v.targetId)?.unit ?? ''}
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                  {r.evidenceLinks.length > 0 && (
                    <div>
                      <Typography.Text strong>{t('report.evidenceLinks')}</Typography.Text>
                      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                        {r.evidenceLinks.map((link) => (
                          <li key={link} style={{ overflowWrap: 'anywhere' }}>
                            <a href={link} target="_blank" rel="noopener noreferrer">
                              {link}
                            </a>
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                </Flex>
              </article>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
