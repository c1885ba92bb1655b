import { Card, Empty, Flex, Grid, List, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMyDone, useMyTasks } from '../../api/hooks/tasks';
import { TASK_KINDS, type DoneItem, type Task, type TaskKind } from '../../api/hooks/types';
import { PageSpinner } from '../../components/AppLayout';
import { DateTime } from '../../components/DateTime';
import { ErrorResult } from '../../components/ErrorResult';
import { LinkButton } from '../../components/LinkButton';
import { useLocalized } from '../../components/LocalizedText';
import { PageHeader } from '../../components/PageHeader';
import { ProvisionalTag } from '../../components/ProvisionalTag';
import { TaskKindTag } from '../../components/TaskKindTag';
import { isProblem } from '../../api/client';
import { withOnBehalfOf } from '../../api/onBehalfOf';

/** 委托代理: the task is someone's the reader stands in for. */
function OnBehalfTag({ task }: { task: Task }) {
  const { t } = useTranslation('inbox');
  if (!task.onBehalfOf) return null;
  return (
    <Tag color="purple" style={{ marginInlineEnd: 0 }}>
      {t('onBehalfOf', { name: task.onBehalfOf.displayName })}
    </Tag>
  );
}

function Overdue({ task }: { task: Task }) {
  const { t } = useTranslation('inbox');
  if (!task.overdue) return <Typography.Text type="secondary">{task.dueAt ? t('notOverdue') : ''}</Typography.Text>;
  return (
    <Typography.Text type="danger" strong>
      {task.daysOverdue > 0 ? t('common:time.daysOverdue', { count: task.daysOverdue }) : t('common:time.overdue')}
    </Typography.Text>
  );
}

function Escalation({ level }: { level: number }) {
  const { t } = useTranslation('inbox');
  if (!level) return <span aria-label={t('common:state.none')}>{t('noEscalation')}</span>;
  return <Tag color={level >= 2 ? 'red' : 'magenta'}>{t('escalation', { level })}</Tag>;
}

function useTaskText() {
  const { t } = useTranslation('inbox');
  const pick = useLocalized();
  return {
    matterTitle: (task: Task) => (task.matter ? pick(task.matter.title) : t('noMatter')),
    what: (task: Task) => {
      const subject = task.subject ? pick(task.subject.title) : '';
      return subject ? `${t(`subjectPrefix.${task.kind}`)}${subject}` : t(`what.${task.kind}`);
    },
  };
}

function MatterCell({ task }: { task: Task }) {
  const text = useTaskText();
  if (!task.matter) return <Typography.Text type="secondary">{text.matterTitle(task)}</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {task.matter.code}
      </Typography.Text>
      <Link to={withOnBehalfOf(`/matters/${task.matter.id}`, task.onBehalfOf?.id)}>{text.matterTitle(task)}</Link>
    </Space>
  );
}

/** Rows drawn at first (Ant Design Pro's default page): a cold page draws 20 rows, not 50 (bench/README.md, 6. Web). */
const PAGE_SIZE = 20;

function TaskTable({ tasks }: { tasks: Task[] }) {
  const { t } = useTranslation('inbox');
  const text = useTaskText();
  const columns: ColumnsType<Task> = [
    {
      title: t('column.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (k: TaskKind, task) => (
        <Space orientation="vertical" size={4}>
          <TaskKindTag kind={k} />
          <OnBehalfTag task={task} />
        </Space>
      ),
    },
    { title: t('column.matter'), key: 'matter', render: (_, task) => <MatterCell task={task} /> },
    { title: t('column.what'), key: 'what', render: (_, task) => text.what(task) },
    {
      title: t('column.due'),
      dataIndex: 'dueAt',
      width: 210,
      render: (d: string | null, task) =>
        d ? (
          <>
            <DateTime value={d} />
            <ProvisionalTag show={task.dueProvisional} />
          </>
        ) : (
          <Typography.Text type="secondary">{t('noDue')}</Typography.Text>
        ),
    },
    { title: t('column.overdue'), key: 'overdue', width: 120, render: (_, task) => <Overdue task={task} /> },
    { title: t('column.escalation'), dataIndex: 'escalationLevel', width: 110, render: (l: number) => <Escalation level={l} /> },
    {
      title: t('column.action'),
      key: 'action',
      width: 150,
      render: (_, task) => (
        <LinkButton type="primary" size="small" to={task.link}>
          {t(`common:action.${task.action}`)}
        </LinkButton>
      ),
    },
  ];
  return (
    <Table<Task>
      rowKey="id"
      columns={columns}
      dataSource={tasks}
      pagination={
        tasks.length > PAGE_SIZE ? { defaultPageSize: PAGE_SIZE, pageSizeOptions: [PAGE_SIZE, 50, 100], showSizeChanger: true } : false
      }
      rowClassName={(task) => (task.overdue ? 'rf-row-overdue' : '')}
      onRow={(task) => (task.overdue ? { style: { background: '#fff1f0' } } : {})}
      locale={{ emptyText: <Empty description={t('emptyKind')} /> }}
      scroll={{ x: 900 }}
    />
  );
}

function TaskCards({ tasks }: { tasks: Task[] }) {
  const { t } = useTranslation('inbox');
  const text = useTaskText();
  return (
    <List<Task>
      dataSource={tasks}
      locale={{ emptyText: <Empty description={t('emptyKind')} /> }}
      renderItem={(task) => (
        <List.Item style={{ padding: '6px 0', border: 'none' }}>
          <Card
            size="small"
            style={{ width: '100%', borderColor: task.overdue ? '#ffa39e' : undefined, background: task.overdue ? '#fff1f0' : undefined }}
          >
            <Flex vertical gap={6}>
              <Flex justify="space-between" align="center" gap={8} wrap>
                <Space size={4} wrap>
                  <TaskKindTag kind={task.kind} colour={task.colour} />
                  <OnBehalfTag task={task} />
                </Space>
                <Space size={4}>
                  <Overdue task={task} />
                  <Escalation level={task.escalationLevel} />
                </Space>
              </Flex>
              <MatterCell task={task} />
              <Typography.Text>{text.what(task)}</Typography.Text>
              <Typography.Text type="secondary">
                {t('dueLabel')}
                {task.dueAt ? <DateTime value={task.dueAt} /> : t('noDue')}
                <ProvisionalTag show={task.dueAt !== null && task.dueProvisional} />
              </Typography.Text>
              <LinkButton type="primary" block to={task.link}>
                {t(`common:action.${task.action}`)}
              </LinkButton>
            </Flex>
          </Card>
        </List.Item>
      )}
    />
  );
}

function TodoTab({ narrow }: { narrow: boolean }) {
  const { t } = useTranslation('inbox');
  const tasks = useMyTasks();
  const [kind, setKind] = useState<TaskKind | 'all'>('all');
  const items = useMemo(() => (tasks.data?.items ?? []).filter((x) => kind === 'all' || x.kind === kind), [tasks.data, kind]);
  if (tasks.isPending) return <PageSpinner />;
  if (tasks.isError) return <ErrorResult problem={isProblem(tasks.error) ? tasks.error : null} onRetry={() => void tasks.refetch()} />;
  const counts = tasks.data.counts;
  const kinds = TASK_KINDS.filter((k) => (counts[k] ?? 0) > 0);
  if (tasks.data.total === 0) return <Empty description={t('empty')} style={{ padding: 48 }} />;
  return (
    <Flex vertical gap={12}>
      <div role="group" aria-label={t('filter.label')} style={{ overflowX: 'auto' }}>
        <Segmented<TaskKind | 'all'>
          value={kind}
          onChange={setKind}
          options={[
            { value: 'all', label: `${t('filter.all')} (${tasks.data.total})` },
            ...kinds.map((k) => ({ value: k, label: `${t(`common:taskKind.${k}`)} (${counts[k] ?? 0})` })),
          ]}
        />
      </div>
      {narrow ? <TaskCards tasks={items} /> : <TaskTable tasks={items} />}
    </Flex>
  );
}

function DoneTab({ narrow }: { narrow: boolean }) {
  const { t } = useTranslation('inbox');
  const pick = useLocalized();
  const [page, setPage] = useState(1);
  const done = useMyDone(page);
  if (done.isPending) return <PageSpinner />;
  if (done.isError) return <ErrorResult problem={isProblem(done.error) ? done.error : null} onRetry={() => void done.refetch()} />;
  const matterLink = (d: DoneItem) =>
    d.matter ? (
      <Space orientation="vertical" size={0}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {d.matter.code}
        </Typography.Text>
        <Link to={`/matters/${d.matter.id}`}>{pick(d.matter.title)}</Link>
      </Space>
    ) : (
      t('noMatter')
    );
  const pagination = { current: page, pageSize: done.data.pageSize, total: done.data.total, onChange: setPage, showSizeChanger: false };
  if (narrow) {
    return (
      <List<DoneItem>
        dataSource={done.data.items}
        pagination={done.data.total > done.data.pageSize ? pagination : false}
        locale={{ emptyText: <Empty description={t('doneEmpty')} /> }}
        renderItem={(d) => (
          <List.Item>
            <Flex vertical gap={2}>
              <Typography.Text strong>{t(`common:event.${d.type}`, { defaultValue: d.type })}</Typography.Text>
              {matterLink(d)}
              <Typography.Text type="secondary">
                <DateTime value={d.occurredAt} />
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table<DoneItem>
      rowKey="seq"
      dataSource={done.data.items}
      pagination={pagination}
      locale={{ emptyText: <Empty description={t('doneEmpty')} /> }}
      columns={[
        { title: t('column.doneAt'), dataIndex: 'occurredAt', width: 220, render: (v: string) => <DateTime value={v} /> },
        { title: t('column.doneWhat'), dataIndex: 'type', width: 200, render: (v: string) => t(`common:event.${v}`, { defaultValue: v }) },
        { title: t('column.matter'), key: 'matter', render: (_, d) => matterLink(d) },
      ]}
    />
  );
}

export default function InboxPage() {
  const { t } = useTranslation('inbox');
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'done' ? 'done' : 'todo';
  const tasks = useMyTasks();
  return (
    <>
      <PageHeader title={t('title')} subTitle={narrow ? undefined : t('subtitle')} />
      <Card styles={{ body: { padding: narrow ? 12 : 24 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'done' ? { tab: 'done' } : {}, { replace: true })}
          items={[
            {
              key: 'todo',
              label: `${t('tabs.todo')}${tasks.data ? ` (${tasks.data.total})` : ''}`,
              children: <TodoTab narrow={narrow} />,
            },
            { key: 'done', label: t('tabs.done'), children: tab === 'done' ? <DoneTab narrow={narrow} /> : null },
          ]}
        />
      </Card>
    </>
  );
}
