import { ArrowLeftOutlined, NotificationOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Modal, Result, Skeleton, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isProblem } from '../../api/client';
import {
  type BulletinSummary,
  reportDocumentUrl,
  useBulletin,
  useBulletinDraft,
  useBulletinList,
  useIssueBulletin,
} from '../../api/hooks/reports';
import { useMe } from '../../api/hooks/session';
import { CardTitle } from '../../components/CardTitle';
import { DateTime } from '../../components/DateTime';
import { DocumentLinks } from '../../components/DocumentLinks';
import { LinkButton } from '../../components/LinkButton';
import { useLang, useLocalized } from '../../components/LocalizedText';
import { PageHeader } from '../../components/PageHeader';
import { PeriodPicker, usePeriodParam } from '../../components/PeriodPicker';
import { useProblemText } from '../../components/problemText';
import { BulletinBody } from './BulletinBody';

/** /bulletins and /bulletins/:number: 情况通报 — the draft of the next one and issuing it (reform office), and the issued ones (everyone). */
export default function BulletinsPage() {
  const { number } = useParams();
  if (number !== undefined) return <IssuedBulletin number={/^\d+$/.test(number) ? Number(number) : NaN} />;
  return <BulletinsOverview />;
}

function BulletinsOverview() {
  const { t } = useTranslation('reports');
  const lang = useLang();
  const pick = useLocalized();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const { data: me } = useMe();
  const isOffice = !!me?.roles.some((r) => r === 'reform_office' || r === 'admin');
  const [period, setPeriod] = usePeriodParam('lastWeek');
  const list = useBulletinList();
  const draft = useBulletinDraft(period, isOffice);
  const issue = useIssueBulletin();
  const [confirming, setConfirming] = useState(false);
  const nextNumber = list.data ? Math.max(0, ...list.data.map((b) => b.number)) + 1 : null;

  const onIssue = async () => {
    try {
      const b = await issue.mutateAsync(period);
      setConfirming(false);
      void message.success(t('bulletin.issued', { number: b.number }));
      void navigate(`/bulletins/${b.number}`);
    } catch (e) {
      setConfirming(false);
      void message.error(`${t('bulletin.issueFailed')}：${problemText(isProblem(e) ? e : null)}`);
    }
  };

  return (
    <div>
      <PageHeader title={t('bulletin.title')} subTitle={t('bulletin.subtitle')} />
      {isOffice ? (
        <Card
          style={{ marginBottom: 16 }}
          role="region"
          aria-label={t('bulletin.draftTitle')}
          title={<CardTitle>{t('bulletin.draftTitle')}</CardTitle>}
          extra={
            <Button
              type="primary"
              icon={<NotificationOutlined aria-hidden />}
              disabled={!draft.data || draft.isFetching || nextNumber === null}
              onClick={() => setConfirming(true)}
            >
              {nextNumber === null ? t('bulletin.issueNext') : t('bulletin.issue', { number: nextNumber })}
            </Button>
          }
        >
          <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 16 }}>
            <Flex align="center" gap={8} wrap>
              <label htmlFor="bulletin-period">{t('bulletin.period')}</label>
              <PeriodPicker id="bulletin-period" label={t('bulletin.period')} value={period} onChange={setPeriod} />
            </Flex>
            <DocumentLinks
              size="small"
              name={t('bulletin.draftTitle')}
              urlOf={(fmt) => reportDocumentUrl('/bulletins/draft', fmt, lang, { from: period.from, to: period.to })}
            />
          </Flex>
          {draft.isError ? (
            <Alert
              type="error"
              showIcon
              title={t('bulletin.loadFailed')}
              description={problemText(isProblem(draft.error) ? draft.error : null)}
            />
          ) : !draft.data ? (
            <Skeleton active />
          ) : (
            <BulletinBody bulletin={draft.data} />
          )}
        </Card>
      ) : null}
      <Card role="region" aria-label={t('bulletin.issuedList')} title={<CardTitle>{t('bulletin.issuedList')}</CardTitle>}>
        <Table<BulletinSummary>
          rowKey="number"
          loading={list.isLoading}
          dataSource={[...(list.data ?? [])].sort((a, b) => b.number - a.number)}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bulletin.issuedEmpty')} /> }}
          scroll={{ x: 960 }}
          columns={[
            {
              title: t('bulletin.number'),
              key: 'number',
              width: 100,
              render: (_, r) => <Link to={`/bulletins/${r.number}`}>{t('bulletin.numberValue', { number: r.number })}</Link>,
            },
            {
              title: t('bulletin.bulletinTitle'),
              key: 'title',
              render: (_, r) => <Link to={`/bulletins/${r.number}`}>{pick(r.title)}</Link>,
            },
            {
              title: t('bulletin.period'),
              key: 'period',
              width: 220,
              render: (_, r) => (
                <>
                  <DateTime value={r.periodFrom} dateOnly /> –{' '}
                  <DateTime value={new Date(Date.parse(r.periodTo) - 1).toISOString()} dateOnly />
                </>
              ),
            },
            { title: t('bulletin.issuedAt'), key: 'issuedAt', width: 190, render: (_, r) => <DateTime value={r.issuedAt} /> },
            { title: t('bulletin.issuedBy'), key: 'issuedBy', width: 160, render: (_, r) => r.issuedBy ?? t('bulletin.bySchedule') },
            {
              title: t('download.label'),
              key: 'download',
              width: 320,
              render: (_, r) => (
                <DocumentLinks
                  size="small"
                  name={t('bulletin.numberValue', { number: r.number })}
                  urlOf={(fmt) => reportDocumentUrl(`/bulletins/${r.number}`, fmt, lang)}
                />
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={confirming}
        title={t('bulletin.confirmTitle', { number: nextNumber ?? '' })}
        okText={t('bulletin.confirmOk')}
        cancelText={t('bulletin.cancel')}
        onOk={() => void onIssue()}
        confirmLoading={issue.isPending}
        onCancel={() => setConfirming(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {t('bulletin.confirmBody', {
            number: nextNumber ?? '',
            from: period.from,
            to: period.to,
            units: draft.data?.overdueUnits.length ?? 0,
            missing: draft.data?.missingReports.length ?? 0,
          })}
        </Typography.Paragraph>
      </Modal>
    </div>
  );
}

function IssuedBulletin({ number }: { number: number }) {
  const { t } = useTranslation('reports');
  const lang = useLang();
  const pick = useLocalized();
  const problemText = useProblemText();
  const bulletin = useBulletin(number);
  const back = (
    <LinkButton icon={<ArrowLeftOutlined aria-hidden />} to="/bulletins">
      {t('bulletin.back')}
    </LinkButton>
  );
  if (!Number.isInteger(number) || number < 1 || (bulletin.isError && isProblem(bulletin.error) && bulletin.error.status === 404))
    return <Result status="404" title={t('bulletin.notFound', { number: Number.isFinite(number) ? number : '?' })} extra={back} />;
  if (bulletin.isError)
    return (
      <Result
        status="error"
        title={t('bulletin.loadFailed')}
        subTitle={problemText(isProblem(bulletin.error) ? bulletin.error : null)}
        extra={back}
      />
    );
  const b = bulletin.data;
  if (!b) return <Skeleton active paragraph={{ rows: 10 }} />;
  return (
    <div>
      <PageHeader
        title={pick(b.title)}
        subTitle={t('bulletin.numberValue', { number })}
        extra={
          <>
            {back}
            <DocumentLinks
              name={t('bulletin.numberValue', { number })}
              urlOf={(fmt) => reportDocumentUrl(`/bulletins/${number}`, fmt, lang)}
            />
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('bulletin.number')}>{t('bulletin.numberValue', { number })}</Descriptions.Item>
          <Descriptions.Item label={t('bulletin.period')}>
            <DateTime value={b.period.from} dateOnly /> – <DateTime value={new Date(Date.parse(b.period.to) - 1).toISOString()} dateOnly />
          </Descriptions.Item>
          <Descriptions.Item label={t('bulletin.issuedAt')}>{b.issuedAt ? <DateTime value={b.issuedAt} /> : ''}</Descriptions.Item>
          <Descriptions.Item label={t('bulletin.issuedBy')}>
            {b.issuedBy ? `${b.issuedBy.name}（${pick(b.issuedBy.unit.name)}）` : t('bulletin.bySchedule')}
          </Descriptions.Item>
          <Descriptions.Item label={t('bulletin.checksum')} span={4}>
            <Typography.Text code copyable style={{ fontSize: 12, wordBreak: 'break-all' }}>
              {b.checksum}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <BulletinBody bulletin={b} />
    </div>
  );
}
