import { EditOutlined, PlusOutlined, RobotOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Select, Table, Tag, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../../api/client';
import { UNIT_KINDS, type UnitKind, useCreateUnit, useUpdateUnit } from '../../api/hooks/admin';
import { useUnits } from '../../api/hooks/directory';
import type { Unit } from '../../api/hooks/types';
import { useLocalized } from '../../components/LocalizedText';
import { useApiForm, useProblemText } from '../../components/useApiForm';
import { FormProblem } from '../../components/FormProblem';
import { RobotChannelsDrawer } from './RobotChannelsDrawer';

interface UnitNode extends Unit {
  children?: UnitNode[];
}

interface UnitForm {
  code: string;
  nameZh?: string;
  nameEn?: string;
  kind: UnitKind;
  parentId?: string | null;
}

/** Units as a tree by parentId (a unit whose parent is unknown sits at the top). */
function treeOf(units: Unit[]): UnitNode[] {
  const byId = new Map<string, UnitNode>(units.map((u) => [u.id, { ...u }]));
  const roots: UnitNode[] = [];
  for (const u of [...byId.values()].sort((a, b) => a.code.localeCompare(b.code))) {
    const parent = u.parentId ? byId.get(u.parentId) : undefined;
    if (parent) (parent.children ??= []).push(u);
    else roots.push(u);
  }
  return roots;
}

/** Every unit under `id` (itself included): a unit cannot move under its own descendant. */
function subtreeIds(units: Unit[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
    }
  }
  return out;
}

export function UnitsTab() {
  const { t } = useTranslation('admin');
  const pick = useLocalized();
  const units = useUnits();
  const problemText = useProblemText();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [robots, setRobots] = useState<Unit | null>(null);
  // every unit with children starts open; null until the person folds or unfolds one
  const [expanded, setExpanded] = useState<readonly React.Key[] | null>(null);
  const all = useMemo(() => units.data ?? [], [units.data]);
  const byId = useMemo(() => new Map(all.map((u) => [u.id, u])), [all]);

  const data = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!q) return treeOf(all);
    return all
      .filter((u) => `${u.code} ${u.name.zh ?? ''} ${u.name.en ?? ''}`.toLowerCase().includes(q))
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((u) => ({ ...u }));
  }, [all, search]);

  const parents = [...new Set(all.map((u) => u.parentId).filter((id): id is string => !!id && byId.has(id)))];

  return (
    <Card>
      <Flex justify="space-between" gap={12} wrap style={{ marginBottom: 16 }}>
        <Flex align="center" gap={8}>
          <label htmlFor="units-search">{t('units.search')}</label>
          <Input.Search
            id="units-search"
            allowClear
            placeholder={t('units.searchPlaceholder')}
            style={{ width: 260 }}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </Flex>
        <Flex gap={8} wrap>
          <Button onClick={() => setExpanded(parents)}>{t('units.expandAll')}</Button>
          <Button onClick={() => setExpanded([])}>{t('units.collapseAll')}</Button>
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
            {t('units.create')}
          </Button>
        </Flex>
      </Flex>
      {units.isError ? (
        <Alert type="error" showIcon title={problemText(isProblem(units.error) ? units.error : null)} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<UnitNode>
        rowKey="id"
        size="middle"
        loading={units.isLoading}
        dataSource={data}
        pagination={false}
        scroll={{ x: 800 }}
        expandable={{ expandedRowKeys: expanded ?? parents, onExpandedRowsChange: (keys) => setExpanded(keys) }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('units.empty')} /> }}
        columns={[
          {
            title: t('units.name'),
            key: 'name',
            render: (_, u) => (
              <Flex vertical>
                <span>{pick(u.name) || u.code}</span>
                {u.name.zh && u.name.en ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {pick({ zh: u.name.en, en: u.name.zh })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          {
            title: t('units.code'),
            dataIndex: 'code',
            key: 'code',
            width: 200,
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
          {
            title: t('units.kind'),
            dataIndex: 'kind',
            key: 'kind',
            width: 160,
            render: (k: string) => <Tag>{t(`unitKind.${k}`, { defaultValue: k })}</Tag>,
          },
          {
            title: t('units.parent'),
            key: 'parent',
            width: 220,
            render: (_, u) =>
              u.parentId && byId.get(u.parentId) ? pick(byId.get(u.parentId)!.name) : <Typography.Text type="secondary">—</Typography.Text>,
          },
          {
            title: t('units.actions'),
            key: 'actions',
            width: 220,
            render: (_, u) => (
              <Flex gap={8}>
                <Button
                  size="small"
                  icon={<EditOutlined aria-hidden />}
                  onClick={() => setEditing(u)}
                  aria-label={`${t('units.edit')} ${pick(u.name) || u.code}`}
                >
                  {t('units.edit')}
                </Button>
                <Button
                  size="small"
                  icon={<RobotOutlined aria-hidden />}
                  onClick={() => setRobots(u)}
                  aria-label={`${t('channels.open')} ${pick(u.name) || u.code}`}
                >
                  {t('channels.open')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
      {editing ? <UnitModal unit={editing === 'new' ? null : editing} units={all} onClose={() => setEditing(null)} /> : null}
      {robots ? <RobotChannelsDrawer unit={robots} onClose={() => setRobots(null)} /> : null}
    </Card>
  );
}

function UnitModal({ unit, units, onClose }: { unit: Unit | null; units: Unit[]; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('common');
  const pick = useLocalized();
  const { message } = App.useApp();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const { form, handleError, problem, unplaced } = useApiForm<UnitForm>({
    mapField: (path) => (path[0] === 'name' ? [path[1] === 'en' ? 'nameEn' : 'nameZh'] : path),
  });
  const excluded = unit ? subtreeIds(units, unit.id) : new Set<string>();
  interface ParentNode {
    value: string;
    title: string;
    disabled: boolean;
    children?: ParentNode[];
  }
  const toNode = (n: UnitNode): ParentNode => ({
    value: n.id,
    title: `${pick(n.name) || n.code}（${n.code}）`,
    disabled: excluded.has(n.id),
    children: n.children?.map(toNode),
  });
  const parentTree = treeOf(units).map(toNode);

  const submit = async () => {
    const v = await form.validateFields();
    const name = { ...(v.nameZh?.trim() ? { zh: v.nameZh.trim() } : {}), ...(v.nameEn?.trim() ? { en: v.nameEn.trim() } : {}) };
    const body = { code: v.code.trim(), name, kind: v.kind, parentId: v.parentId ?? null };
    try {
      const saved = unit ? await update.mutateAsync({ id: unit.id, ...body }) : await create.mutateAsync(body);
      void message.success(t(unit ? 'units.saved' : 'units.created', { name: pick(saved.name) || saved.code }));
      onClose();
    } catch (e) {
      handleError(e);
    }
  };

  return (
    <Modal
      open
      title={unit ? t('units.editTitle', { name: pick(unit.name) || unit.code }) : t('units.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={tc('actions.save')}
      cancelText={tc('actions.cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      width={560}
    >
      <Form<UnitForm>
        form={form}
        layout="vertical"
        initialValues={
          unit
            ? { code: unit.code, nameZh: unit.name.zh, nameEn: unit.name.en, kind: unit.kind, parentId: unit.parentId }
            : { kind: 'municipal_bureau', parentId: null }
        }
      >
        <Form.Item
          name="code"
          label={t('units.code')}
          extra={t('units.codeHelp')}
          rules={[
            { required: true, message: t('required', { field: t('units.code') }) },
            { pattern: /^[A-Z0-9][A-Z0-9-]*$/, message: t('units.codeHelp') },
          ]}
        >
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="nameZh"
          label={t('units.nameZh')}
          rules={[{ required: true, message: t('required', { field: t('units.nameZh') }) }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('units.nameEn')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true }]}>
          <Select options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="parentId" label={t('units.parent')}>
          <TreeSelect
            allowClear
            showSearch
            treeNodeFilterProp="title"
            placeholder={t('units.parentNone')}
            treeData={parentTree}
            treeDefaultExpandAll={false}
            styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
          />
        </Form.Item>
        <FormProblem problem={problem} unplaced={unplaced} />
      </Form>
    </Modal>
  );
}
