import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Skeleton, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isProblem } from '../../api/client';
import {
  type ReplicationSummary,
  reportDocumentUrl,
  useIssueReplication,
  useReplicationDraft,
  useReplicationList,
} from '../../api/hooks/reports';
import { useMe } from '../../api/hooks/session';
import { CardTitle } from '../../components/CardTitle';
import { DateTime } from '../../components/DateTime';
import { DocumentLinks } from '../../components/DocumentLinks';
import { useLang, useLocalized } from '../../components/LocalizedText';
import { PageHeader } from '../../components/PageHeader';
import { useProblemText } from '../../components/problemText';
import { IssuedReplicationReport } from './issued';
import { ReportBody } from './ReportBody';

/** /reports and /reports/:number: the draft of the next batch, issuing it, and the issued batches. */
export default function ReplicationPage() {
  const { number } = useParams();
  if (number !== undefined) return <IssuedReplicationReport number={/^\d+$/.test(number) ? Number(number) : NaN} />;
  return <ReplicationOverview />;
}

function ReplicationOverview() {
  const { t } = useTranslation('reports');
  const lang = useLang();
  const pick = useLocalized();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const { data: me } = useMe();
  const isOffice = !!me?.roles.some((r) => r === 'reform_office' || r === 'admin');
  const list = useReplicationList();
  const draft = useReplicationDraft(isOffice);
  const issue = useIssueReplication();
  const [confirming, setConfirming] = useState(false);
  const [form] = Form.useForm<{ zh?: string; en?: string }>();

  const issuedCount = list.data?.length ?? 0;
  const nextNumber = draft.data?.number ?? (list.data ? Math.max(0, ...list.data.map((r) => r.number)) + 1 : issuedCount + 1);
  const draftTotal = draft.data?.total ?? 0;

  const onIssue = async () => {
    const v = await form.validateFields();
    const title =
      v.zh?.trim() || v.en?.trim()
        ? { ...(v.zh?.trim() ? { zh: v.zh.trim() } : {}), ...(v.en?.trim() ? { en: v.en.trim() } : {}) }
        : undefined;
    try {
      const report = await issue.mutateAsync(title);
      setConfirming(false);
      form.resetFields();
      void message.success(t('replication.issued', { number: report.number }));
      void navigate(`/reports/${report.number}`);
    } catch (e) {
      void message.error(`${t('replication.issueFailed')}：${problemText(isProblem(e) ? e : null)}`);
    }
  };

  return (
    <div>
      <PageHeader title={t('replication.title')} subTitle={t('replication.subtitle')} />
      {isOffice ? (
        <Card
          style={{ marginBottom: 16 }}
          title={<CardTitle>{t('replication.draftTitle', { number: nextNumber })}</CardTitle>}
          extra={
            <Button
              type="primary"
              icon={<SafetyCertificateOutlined aria-hidden />}
              disabled={!draftTotal || draft.isFetching}
              onClick={() => setConfirming(true)}
            >
              {t('replication.issue', { number: nextNumber })}
            </Button>
          }
        >
          {draft.isError ? (
            <Alert
              type="error"
              showIcon
              title={t('replication.loadFailed')}
              description={problemText(isProblem(draft.error) ? draft.error : null)}
            />
          ) : !draft.data ? (
            <Skeleton active />
          ) : (
            <>
              {draftTotal ? (
                <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 16 }}>
                  <Typography.Text type="secondary">
                    {t('replication.draftCount', { count: draftTotal, groups: draft.data.groups.length })}
                  </Typography.Text>
                  <DocumentLinks
                    size="small"
                    name={t('replication.draftTitle', { number: nextNumber })}
                    urlOf={(fmt) => reportDocumentUrl('/replication-reports/draft', fmt, lang)}
                  />
                </Flex>
              ) : null}
              <ReportBody report={draft.data} emptyText={t('replication.draftEmpty')} canRecord={!!me?.roles.includes('reform_office')} />
            </>
          )}
        </Card>
      ) : (
        <Alert type="info" showIcon title={t('replication.onlyReformOffice')} style={{ marginBottom: 16 }} />
      )}
      <Card title={<CardTitle>{t('replication.issuedList')}</CardTitle>}>
        <Table<ReplicationSummary>
          rowKey="number"
          loading={list.isLoading}
          dataSource={[...(list.data ?? [])].sort((a, b) => b.number - a.number)}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('replication.issuedEmpty')} /> }}
          scroll={{ x: 900 }}
          columns={[
            {
              title: t('replication.number'),
              key: 'number',
              width: 100,
              render: (_, r) => <Link to={`/reports/${r.number}`}>{t('replication.numberValue', { number: r.number })}</Link>,
            },
            {
              title: t('replication.reportTitle'),
              key: 'title',
              render: (_, r) => <Link to={`/reports/${r.number}`}>{pick(r.title)}</Link>,
            },
            { title: t('replication.issuedAt'), key: 'issuedAt', width: 200, render: (_, r) => <DateTime value={r.issuedAt} /> },
            { title: t('replication.issuedBy'), dataIndex: 'issuedBy', key: 'issuedBy', width: 200 },
            { title: t('replication.experienceCount'), dataIndex: 'experienceCount', key: 'experienceCount', align: 'right', width: 100 },
            {
              title: t('download.label'),
              key: 'download',
              width: 340,
              render: (_, r) => (
                <DocumentLinks
                  size="small"
                  name={t('replication.numberValue', { number: r.number })}
                  urlOf={(fmt) => reportDocumentUrl(`/replication-reports/${r.number}`, fmt, lang)}
                />
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={confirming}
        title={t('replication.confirmTitle', { number: nextNumber })}
        okText={t('replication.confirmOk')}
        cancelText={t('replication.cancel')}
        onOk={() => void onIssue()}
        confirmLoading={issue.isPending}
        onCancel={() => setConfirming(false)}
        destroyOnHidden
        width={640}
      >
        <Typography.Paragraph>{t('replication.confirmBody', { count: draftTotal, number: nextNumber })}</Typography.Paragraph>
        <ul>
          {draft.data?.groups.flatMap((g) =>
            g.experiences.map((e) => (
              <li key={e.id}>
                {e.matter.code} {pick(e.title)}
              </li>
            )),
          )}
        </ul>
        <Form form={form} layout="vertical">
          <Form.Item name="zh" label={t('replication.titleField')}>
            <Input placeholder={t('replication.titlePlaceholder', { number: nextNumber })} maxLength={300} />
          </Form.Item>
          <Form.Item name="en" label={t('replication.titleFieldEn')}>
            <Input maxLength={300} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
