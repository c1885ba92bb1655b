import { Empty, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Delivery } from '../../api/hooks/types';
import { DateTime } from '../../components/DateTime';

const COLOURS: Record<string, string> = { sent: 'success', failed: 'error', digested: 'geekblue', cancelled: 'default' };

export function MailTab({ items }: { items: Delivery[] }) {
  const { t } = useTranslation('matter');
  if (!items.length) return <Empty description={t('mail.empty')} />;
  return (
    <Table<Delivery>
      rowKey="id"
      size="small"
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 800 }}
      columns={[
        { title: t('mail.createdAt'), dataIndex: 'createdAt', width: 200, render: (v: string) => <DateTime value={v} /> },
        { title: t('mail.recipient'), key: 'to', render: (_, d) => d.recipient.email ?? t(`mail.channel.${d.channel}`) },
        { title: t('mail.subject'), dataIndex: 'subject', render: (v: string | null) => v ?? '' },
        {
          title: t('mail.state'),
          dataIndex: 'state',
          width: 120,
          render: (v: string) => <Tag color={COLOURS[v] ?? 'processing'}>{t(`mail.stateName.${v}`, { defaultValue: v })}</Tag>,
        },
        { title: t('mail.sentAt'), dataIndex: 'sentAt', width: 200, render: (v: string | null) => <DateTime value={v} /> },
        {
          title: t('mail.error'),
          dataIndex: 'lastError',
          render: (v: string | null) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : ''),
        },
      ]}
    />
  );
}
