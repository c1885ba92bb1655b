import { DownloadOutlined, FilterOutlined, NotificationOutlined, PlusOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, Form, Grid, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isProblem } from '../../api/client';
import { useBatches, useUnits } from '../../api/hooks/directory';
import { MATTER_SORT_KEYS, type MatterListQuery, type MatterSummary, mattersCsvUrl, useMatterList } from '../../api/hooks/matters-list';
import { useMe } from '../../api/hooks/session';
import type { DeliveryStatus, Stage } from '../../api/hooks/types';
import { DateTime, useFormatDateTime } from '../../components/DateTime';
import { DeliveryStatusTag } from '../../components/DeliveryStatusTag';
import { useLang, useLocalized } from '../../components/LocalizedText';
import { LinkButton } from '../../components/LinkButton';
import { PageHeader } from '../../components/PageHeader';
import { StageTag } from '../../components/StageTag';
import { useProblemText } from '../../components/problemText';
import { BulkUrgeModal } from './BulkUrge';

const STAGES: Stage[] = ['draft', 'in_approval', 'approved', 'in_implementation', 'in_evaluation', 'closed', 'withdrawn', 'terminated'];
const PAGE_SIZES = [10, 20, 50, 100];
const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['on_track', 'at_risk', 'off_track'];
const DEFAULT_SORT = '-updatedAt';

/** The list's state, read from the URL: the URL is the only place it is kept. */
function readQuery(p: URLSearchParams): MatterListQuery {
  const stage = (p.get('stage') ?? '').split(',').filter((s): s is Stage => (STAGES as string[]).includes(s));
  const overdue = p.get('overdue');
  const page = Number(p.get('page'));
  const pageSize = Number(p.get('pageSize'));
  const sort = p.get('sort') ?? DEFAULT_SORT;
  return {
    batchId: p.get('batchId') || undefined,
    stage: stage.length ? stage : undefined,
    leadingUnitId: p.get('leadingUnitId') || undefined,
    deliveryStatus: (DELIVERY_STATUSES as readonly string[]).includes(p.get('deliveryStatus') ?? '')
      ? (p.get('deliveryStatus') as DeliveryStatus)
      : undefined,
    overdue: overdue === 'true' ? true : overdue === 'false' ? false : undefined,
    q: p.get('q')?.trim() || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
    sort: (MATTER_SORT_KEYS as readonly string[]).includes(sort.replace(/^-/, '')) ? sort : DEFAULT_SORT,
  };
}

function writeQuery(q: MatterListQuery): URLSearchParams {
  const p = new URLSearchParams();
  if (q.batchId) p.set('batchId', q.batchId);
  if (q.stage?.length) p.set('stage', q.stage.join(','));
  if (q.leadingUnitId) p.set('leadingUnitId', q.leadingUnitId);
  if (q.deliveryStatus) p.set('deliveryStatus', q.deliveryStatus);
  if (q.overdue !== undefined) p.set('overdue', String(q.overdue));
  if (q.q) p.set('q', q.q);
  if (q.page !== 1) p.set('page', String(q.page));
  if (q.pageSize !== 20) p.set('pageSize', String(q.pageSize));
  if (q.sort !== DEFAULT_SORT) p.set('sort', q.sort);
  return p;
}

const sortOrderOf = (sort: string, key: string) => (sort === key ? 'ascend' : sort === `-${key}` ? 'descend' : null);

/** 事项清单: every matter the reader may see, filtered, sorted and paged by the server, the filters in the URL. */
export default function MattersListPage() {
  const { t } = useTranslation('matters');
  const { t: tc } = useTranslation('common');
  const pick = useLocalized();
  const lang = useLang();
  const problemText = useProblemText();
  const f = useFormatDateTime();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => readQuery(params), [params]);
  const list = useMatterList(query);
  const { data: me } = useMe();
  const units = useUnits();
  const batches = useBatches();
  const [text, setText] = useState(query.q ?? '');
  useEffect(() => setText(query.q ?? ''), [query.q]);

  // from the URL as it is now, not as this render saw it: two quick changes both land
  const update = (change: Partial<MatterListQuery>, keepPage = false) =>
    setParams((prev) => {
      const current = readQuery(prev);
      return writeQuery({ ...current, ...change, page: keepPage ? (change.page ?? current.page) : 1 });
    });
  const canCreate = !!me?.roles.some((r) => r === 'reform_office' || r === 'manager');
  // 批量催办: the reform office selects overdue matters of the page and urges them in one action
  const canUrge = !!me?.roles.includes('reform_office');
  const { message } = App.useApp();
  const [selected, setSelected] = useState<MatterSummary[]>([]);
  const [urging, setUrging] = useState(false);
  useEffect(() => setSelected([]), [params]);
  // from the dashboard's 批量催办: the overdue matters of the page come selected
  const preselect = params.get('select') === 'overdue';
  useEffect(() => {
    if (preselect && canUrge && list.data) setSelected(list.data.items.filter((m) => m.overdue));
  }, [preselect, canUrge, list.data]);
  const showStatus = !!list.data?.items.some((m) => m.deliveryStatus !== undefined) || !!query.deliveryStatus;

  const unitOptions = useMemo(
    () =>
      [...(units.data ?? [])]
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((u) => ({
          value: u.id,
          label: pick(u.name) || u.code,
          search: `${u.code} ${u.name.zh ?? ''} ${u.name.en ?? ''}`.toLowerCase(),
        })),
    [units.data, pick],
  );
  const batchOptions = useMemo(
    () => (batches.data ?? []).map((b) => ({ value: b.id, label: `${b.code ?? ''} ${pick(b.title)}`.trim() })),
    [batches.data, pick],
  );
  const filterCount = [
    query.batchId,
    query.stage?.length,
    query.leadingUnitId,
    query.deliveryStatus,
    query.overdue !== undefined || undefined,
  ].filter(Boolean).length;
  // phones: the free-text search, then the other filters behind one button
  const narrow = Grid.useBreakpoint().md === false;
  const [unfolded, setUnfolded] = useState(false);
  const folded = narrow && !unfolded;
  const filtersActive = writeQuery({ ...query, page: 1, pageSize: 20, sort: DEFAULT_SORT }).toString() !== '';

  const columns: ColumnsType<MatterSummary> = [
    {
      title: t('columns.code'),
      dataIndex: 'code',
      key: 'code',
      sorter: true,
      sortOrder: sortOrderOf(query.sort, 'code'),
      width: 130,
      fixed: 'left',
      render: (code: string, m) => <Link to={`/matters/${m.id}`}>{code}</Link>,
    },
    {
      title: t('columns.title'),
      key: 'title',
      width: 280,
      render: (_, m) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/matters/${m.id}`}>{pick(m.title)}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {tc(`kind.${m.kind}`)} · {tc(`policyArea.${m.policyArea}`, { defaultValue: m.policyArea })} · {m.batch.code}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('columns.stage'),
      dataIndex: 'stage',
      key: 'stage',
      sorter: true,
      sortOrder: sortOrderOf(query.sort, 'stage'),
      width: 110,
      render: (s: Stage, m) => (
        <Space orientation="vertical" size={2}>
          <StageTag stage={s} />
          {m.outcome ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {tc(`outcome.${m.outcome}`)}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: t('columns.leadingUnit'), key: 'leadingUnit', render: (_, m) => pick(m.leadingUnit.name) || m.leadingUnit.code, width: 180 },
    ...(showStatus
      ? [
          {
            title: t('columns.deliveryStatus'),
            key: 'deliveryStatus',
            width: 120,
            render: (_: unknown, m: MatterSummary) => <DeliveryStatusTag status={m.deliveryStatus} />,
          },
        ]
      : []),
    { title: t('columns.riskLevel'), dataIndex: 'riskLevel', key: 'riskLevel', width: 90, render: (r: string) => tc(`riskLevel.${r}`) },
    {
      title: `${t('columns.nextDueAt')}${tc('time.zoneSuffix', { zone: f.zoneName })}`,
      dataIndex: 'nextDueAt',
      key: 'nextDueAt',
      sorter: true,
      sortOrder: sortOrderOf(query.sort, 'nextDueAt'),
      width: 150,
      render: (v: string | null, m) =>
        v ? (
          <Space orientation="vertical" size={0}>
            <DateTime value={v} withZone={false} />
            {m.overdue ? (
              <Tag color="error" icon={<WarningFilled aria-hidden />}>
                {t('overdue')}
              </Tag>
            ) : null}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('noDue')}</Typography.Text>
        ),
    },
    {
      title: `${t('columns.updatedAt')}${tc('time.zoneSuffix', { zone: f.zoneName })}`,
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      sorter: true,
      sortOrder: sortOrderOf(query.sort, 'updatedAt'),
      width: 150,
      render: (v: string) => <DateTime value={v} withZone={false} />,
    },
  ];

  return (
    <div>
      <PageHeader
        title={t('title')}
        subTitle={t('subtitle')}
        extra={
          <>
            <Button icon={<DownloadOutlined aria-hidden />} href={mattersCsvUrl(query, lang)} download>
              {t('exportCsv')}
            </Button>
            {canUrge ? (
              <Button
                icon={<NotificationOutlined aria-hidden />}
                disabled={!selected.length}
                onClick={() => setUrging(true)}
                title={t('bulkUrge.selectHint')}
              >
                {t('bulkUrge.button', { count: selected.length })}
              </Button>
            ) : null}
            {canCreate ? (
              <LinkButton type="primary" icon={<PlusOutlined aria-hidden />} to="/matters/new">
                {t('new')}
              </LinkButton>
            ) : null}
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical" aria-label={t('filters.label')} role="search">
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={8} xl={6}>
              <Form.Item label={t('filters.q')} htmlFor="matters-q" style={{ marginBottom: 12 }}>
                <Input.Search
                  id="matters-q"
                  value={text}
                  allowClear
                  placeholder={t('filters.qPlaceholder')}
                  onChange={(e) => {
                    setText(e.target.value);
                    if (!e.target.value && query.q) update({ q: undefined });
                  }}
                  onSearch={(v) => update({ q: v.trim() || undefined })}
                  enterButton={t('filters.search')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8} xl={6} hidden={folded}>
              <Form.Item label={t('filters.stage')} htmlFor="matters-stage" style={{ marginBottom: 12 }}>
                <Select
                  id="matters-stage"
                  mode="multiple"
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  maxTagCount="responsive"
                  placeholder={t('filters.stagePlaceholder')}
                  value={query.stage ?? []}
                  options={STAGES.map((s) => ({ value: s, label: tc(`stage.${s}`) }))}
                  onChange={(v: Stage[]) => update({ stage: v.length ? v : undefined })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8} xl={6} hidden={folded}>
              <Form.Item label={t('filters.leadingUnit')} htmlFor="matters-unit" style={{ marginBottom: 12 }}>
                <Select
                  id="matters-unit"
                  allowClear
                  showSearch={{ filterOption: (input, o) => !!o && (o.search.includes(input.toLowerCase()) || o.label.includes(input)) }}
                  placeholder={t('filters.leadingUnitPlaceholder')}
                  value={query.leadingUnitId}
                  loading={units.isLoading}
                  options={unitOptions}
                  onChange={(v?: string) => update({ leadingUnitId: v || undefined })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8} xl={6} hidden={folded}>
              <Form.Item label={t('filters.batch')} htmlFor="matters-batch" style={{ marginBottom: 12 }}>
                <Select
                  id="matters-batch"
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('filters.batchPlaceholder')}
                  value={query.batchId}
                  loading={batches.isLoading}
                  options={batchOptions}
                  onChange={(v?: string) => update({ batchId: v || undefined })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8} xl={6} hidden={folded}>
              <Form.Item label={t('filters.deliveryStatus')} htmlFor="matters-status" style={{ marginBottom: 12 }}>
                <Select
                  id="matters-status"
                  allowClear
                  placeholder={t('filters.deliveryStatusPlaceholder')}
                  value={query.deliveryStatus}
                  options={DELIVERY_STATUSES.map((s) => ({ value: s, label: tc(`deliveryStatus.${s}`) }))}
                  onChange={(v?: DeliveryStatus) => update({ deliveryStatus: v || undefined })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8} xl={6} hidden={folded}>
              <Form.Item label={t('filters.overdue')} htmlFor="matters-overdue" style={{ marginBottom: 12 }}>
                <Select
                  id="matters-overdue"
                  value={query.overdue === undefined ? 'any' : String(query.overdue)}
                  options={[
                    { value: 'any', label: t('filters.overdueAny') },
                    { value: 'true', label: t('filters.overdueYes') },
                    { value: 'false', label: t('filters.overdueNo') },
                  ]}
                  onChange={(v: string) => update({ overdue: v === 'any' ? undefined : v === 'true' })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} lg={8} xl={12}>
              <Flex align="flex-end" style={{ height: '100%', paddingBottom: 12 }} gap={8}>
                {narrow ? (
                  <Button icon={<FilterOutlined aria-hidden />} aria-expanded={!folded} onClick={() => setUnfolded(folded)}>
                    {folded ? t('filters.more', { count: filterCount }) : t('filters.less')}
                  </Button>
                ) : null}
                <Button onClick={() => setParams(new URLSearchParams())} disabled={!filtersActive}>
                  {t('filters.reset')}
                </Button>
              </Flex>
            </Col>
          </Row>
        </Form>
      </Card>
      {list.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('loadFailed')}
          description={problemText(isProblem(list.error) ? list.error : null)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Card>
        <Table<MatterSummary>
          rowKey="id"
          rowSelection={
            canUrge
              ? {
                  selectedRowKeys: selected.map((m) => m.id),
                  // no select-all checkbox: antd repeats the header in an aria-hidden measuring row, where a focusable one is an a11y fault
                  hideSelectAll: true,
                  onChange: (_keys, rows) => setSelected(rows),
                  getCheckboxProps: (m) => ({
                    disabled: !m.overdue,
                    title: m.overdue ? undefined : t('bulkUrge.onlyOverdue'),
                    'aria-label': m.code,
                  }),
                }
              : undefined
          }
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: showStatus ? 1210 : 1090 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} /> }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (total) => t('total', { total }),
          }}
          onChange={(pagination, _filters, sorter, extra) => {
            if (extra.action === 'sort') {
              const s = sorter as SorterResult<MatterSummary>;
              const key = typeof s.columnKey === 'string' ? s.columnKey : undefined;
              update({ sort: key && s.order ? `${s.order === 'descend' ? '-' : ''}${key}` : DEFAULT_SORT });
            } else if (extra.action === 'paginate') {
              const pageSize = pagination.pageSize ?? query.pageSize;
              update({ page: pageSize !== query.pageSize ? 1 : (pagination.current ?? 1), pageSize }, true);
            }
          }}
        />
      </Card>
      {urging ? (
        <BulkUrgeModal
          selected={selected}
          onClose={() => setUrging(false)}
          onDone={(n) => {
            setUrging(false);
            setSelected([]);
            void message.success(t('bulkUrge.sent', { count: n }));
          }}
        />
      ) : null}
    </div>
  );
}
