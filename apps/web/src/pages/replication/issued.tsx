import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Descriptions, Result, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isProblem } from '../../api/client';
import { reportDocumentUrl, useReplicationReport } from '../../api/hooks/reports';
import { useMe } from '../../api/hooks/session';
import { CardTitle } from '../../components/CardTitle';
import { DateTime } from '../../components/DateTime';
import { DocumentLinks } from '../../components/DocumentLinks';
import { useLang, useLocalized } from '../../components/LocalizedText';
import { LinkButton } from '../../components/LinkButton';
import { PageHeader } from '../../components/PageHeader';
import { useProblemText } from '../../components/problemText';
import { ReportBody } from './ReportBody';

/** /reports/:number — one issued replication report, exactly as issued, with its documents. */
export function IssuedReplicationReport({ number }: { number: number }) {
  const { t } = useTranslation('reports');
  const lang = useLang();
  const pick = useLocalized();
  const problemText = useProblemText();
  const report = useReplicationReport(number);
  const { data: me } = useMe();
  const isOffice = !!me?.roles.includes('reform_office');
  const back = (
    <LinkButton icon={<ArrowLeftOutlined aria-hidden />} to="/reports">
      {t('replication.back')}
    </LinkButton>
  );

  if (!Number.isInteger(number) || number < 1 || (report.isError && isProblem(report.error) && report.error.status === 404)) {
    return <Result status="404" title={t('replication.notFound', { number: Number.isFinite(number) ? number : '?' })} extra={back} />;
  }
  if (report.isError)
    return (
      <Result
        status="error"
        title={t('replication.loadFailed')}
        subTitle={problemText(isProblem(report.error) ? report.error : null)}
        extra={back}
      />
    );
  const r = report.data;
  if (!r) return <Skeleton active paragraph={{ rows: 10 }} />;

  const docName = t('replication.numberValue', { number });
  return (
    <div>
      <PageHeader
        title={pick(r.title)}
        subTitle={t('replication.numberValue', { number })}
        extra={
          <>
            {back}
            <DocumentLinks name={docName} urlOf={(fmt) => reportDocumentUrl(`/replication-reports/${number}`, fmt, lang)} />
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('replication.number')}>{t('replication.numberValue', { number })}</Descriptions.Item>
          <Descriptions.Item label={t('replication.issuedAt')}>
            <DateTime value={r.issuedAt} />
          </Descriptions.Item>
          <Descriptions.Item label={t('replication.issuedBy')}>
            {r.issuedBy ? `${r.issuedBy.name}（${pick(r.issuedBy.unit.name)}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('replication.experienceCount')}>{r.total}</Descriptions.Item>
          <Descriptions.Item label={t('replication.checksum')} span={4}>
            <Typography.Text code copyable style={{ fontSize: 12, wordBreak: 'break-all' }}>
              {r.checksum}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={<CardTitle>{t('replication.draftCount', { count: r.total, groups: r.groups.length })}</CardTitle>}>
        {r.adoptions?.items.length ? (
          <Typography.Paragraph type="secondary">{t('replication.adoption.issuedNote')}</Typography.Paragraph>
        ) : null}
        <ReportBody report={r} emptyText={t('replication.draftEmpty')} canRecord={isOffice} />
      </Card>
      <Typography.Paragraph style={{ marginTop: 16 }}>
        <Link to="/reports">{t('replication.back')}</Link>
      </Typography.Paragraph>
    </div>
  );
}
