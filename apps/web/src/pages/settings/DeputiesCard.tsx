import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  Popconfirm,
  Row,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../../api/client';
import { useDeputies, useEndDeputy, useNameDeputy } from '../../api/hooks/deputies';
import { useDirectoryUsers } from '../../api/hooks/directory';
import type { DeputyPeriod } from '../../api/hooks/types';
import { DateTime, useFormatDateTime, useTimeZone } from '../../components/DateTime';
import { useApiForm, useProblemText } from '../../components/useApiForm';
import dayjs from '../../dayjs-setup';
import { type DeputyState, deputyCandidates, deputyState, sortPeriods } from './deputyPeriods';

/** The person whose deputies the card manages: the signed-in person, or one an admin or the reform office picked. */
export interface DeputySubject {
  id: string;
  displayName: string;
  unitId: string;
  roles: readonly string[];
}

interface Values {
  deputyId: string;
  startsAt: Dayjs;
  endsAt: Dayjs;
  reason: string;
  keepCopy: boolean;
}

const STATE_COLOR: Record<DeputyState, string> = { in_force: 'success', planned: 'processing', ended: 'default' };

/** A date-time picked in the reader's zone, as an instant with its offset. */
const instantOf = (d: Dayjs, zone: string) => dayjs.tz(d.format('YYYY-MM-DDTHH:mm:ss'), zone).format();

function PeriodTable({ periods, other, label }: { periods: DeputyPeriod[]; other: 'deputy' | 'user'; label: string }) {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  const end = useEndDeputy();
  const problemText = useProblemText();
  const now = new Date();
  const columns: ColumnsType<DeputyPeriod> = [
    {
      title: t(other === 'deputy' ? 'deputies.column.deputy' : 'deputies.column.person'),
      key: 'who',
      render: (_, p) => p[other].displayName,
    },
    { title: t('deputies.column.from'), dataIndex: 'startsAt', render: (v: string) => <DateTime value={v} /> },
    {
      title: t('deputies.column.to'),
      key: 'to',
      render: (_, p) => <DateTime value={p.endedAt && p.endedAt < p.endsAt ? p.endedAt : p.endsAt} />,
    },
    { title: t('deputies.column.reason'), dataIndex: 'reason' },
    {
      title: t('deputies.column.keepCopy'),
      dataIndex: 'keepCopy',
      render: (v: boolean) => t(v ? 'common:state.yes' : 'common:state.no'),
    },
    {
      title: t('deputies.column.state'),
      key: 'state',
      render: (_, p) => {
        const s = deputyState(p, now);
        return <Tag color={STATE_COLOR[s]}>{t(`deputies.state.${s}`)}</Tag>;
      },
    },
    {
      title: t('deputies.column.action'),
      key: 'action',
      render: (_, p) =>
        deputyState(p, now) === 'ended' ? null : (
          <Popconfirm
            title={t('deputies.endConfirm')}
            okText={t('deputies.end')}
            cancelText={t('common:actions.cancel')}
            onConfirm={() =>
              end.mutate(p.id, {
                onSuccess: () => void message.success(t('deputies.ended')),
                onError: (e) => void message.error(problemText(isProblem(e) ? e : null)),
              })
            }
          >
            <Button size="small" danger aria-label={t('deputies.endLabel', { name: p[other].displayName })}>
              {t('deputies.end')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
  return (
    <Table<DeputyPeriod>
      rowKey="id"
      size="small"
      aria-label={label}
      columns={columns}
      dataSource={sortPeriods(periods, now)}
      pagination={false}
      scroll={{ x: 720 }}
      locale={{
        emptyText: (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(other === 'deputy' ? 'deputies.none' : 'deputies.noneForOthers')} />
        ),
      }}
    />
  );
}

/**
 * 委托代理: the periods of `subject` (who stands in for them; on one's own page also for whom
 * one stands in), and a form naming a deputy. `forOther`: an admin or the reform office names
 * one for someone else (POST /users/:id/deputies). Each 422 lands on the field it names.
 */
export function DeputiesCard({ subject, forOther = false }: { subject: DeputySubject; forOther?: boolean }) {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  const zone = useTimeZone();
  const f = useFormatDateTime();
  const periods = useDeputies(forOther ? subject.id : undefined);
  const people = useDirectoryUsers(undefined, subject.unitId);
  const name = useNameDeputy(forOther ? subject.id : undefined);
  const { form, problem, unplaced, handleError, clear } = useApiForm<Values>();
  const problemText = useProblemText();
  const candidates = useMemo(() => deputyCandidates(subject, people.data ?? []), [subject, people.data]);
  const mine = (periods.data ?? []).filter((p) => p.userId === subject.id);
  const theirs = (periods.data ?? []).filter((p) => p.deputyId === subject.id);
  const zoned = f.zoneName ? t('common:paren', { text: f.zoneName }) : '';
  const heading = (text: string) => <h3 style={{ fontSize: 14, margin: '16px 0 8px' }}>{text}</h3>;

  return (
    <Card
      role="region"
      aria-label={forOther ? t('deputies.nameFor', { name: subject.displayName }) : t('deputies.title')}
      title={
        <h2 style={{ fontSize: 16, margin: 0 }}>{forOther ? t('deputies.nameFor', { name: subject.displayName }) : t('deputies.title')}</h2>
      }
      size="small"
      style={{ marginBottom: 16 }}
    >
      <Typography.Paragraph type="secondary">{t('deputies.intro')}</Typography.Paragraph>
      {periods.isError && <Alert type="error" showIcon role="alert" title={problemText(isProblem(periods.error) ? periods.error : null)} />}
      {heading(t('deputies.mine'))}
      <PeriodTable periods={mine} other="deputy" label={t('deputies.mine')} />
      {!forOther && (
        <>
          {heading(t('deputies.forOthers'))}
          <PeriodTable periods={theirs} other="user" label={t('deputies.forOthers')} />
        </>
      )}
      {heading(t('deputies.name'))}
      {problem && (problem.errors.length === 0 || unplaced.length > 0) && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problemText(problem)}
          description={unplaced.length ? unplaced.map((e) => <div key={e.field}>{`${e.field}: ${e.message}`}</div>) : undefined}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        name={forOther ? `deputy-for-${subject.id}` : 'deputy'}
        initialValues={{ keepCopy: true, reason: '' }}
        onFinish={(v) => {
          clear();
          const deputy = candidates.find((c) => c.id === v.deputyId);
          name.mutate(
            {
              deputyId: v.deputyId,
              startsAt: instantOf(v.startsAt, zone),
              endsAt: instantOf(v.endsAt, zone),
              reason: v.reason.trim(),
              keepCopy: v.keepCopy,
            },
            {
              onSuccess: () => {
                form.resetFields();
                void message.success(t('deputies.named', { name: deputy?.displayName ?? '' }));
              },
              onError: handleError,
            },
          );
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="deputyId"
              label={t('deputies.deputy')}
              extra={t('deputies.deputyHint')}
              rules={[{ required: true, message: t('deputies.deputyRequired') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={people.isPending}
                notFoundContent={people.isPending ? undefined : t('deputies.noCandidates')}
                options={candidates.map((c) => ({ value: c.id, label: c.displayName, title: c.displayName }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="reason"
              label={t('deputies.reason')}
              rules={[{ required: true, whitespace: true, message: t('deputies.reasonRequired') }]}
            >
              <Input maxLength={500} placeholder={t('deputies.reasonPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="startsAt"
              label={`${t('deputies.startsAt')}${zoned}`}
              rules={[{ required: true, message: t('deputies.startsAtRequired') }]}
            >
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="endsAt"
              label={`${t('deputies.endsAt')}${zoned}`}
              rules={[{ required: true, message: t('deputies.endsAtRequired') }]}
            >
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="keepCopy" label={t('deputies.keepCopy')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={name.isPending}>
          {t('deputies.submit')}
        </Button>
      </Form>
    </Card>
  );
}
