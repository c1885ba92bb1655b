import { EditOutlined, KeyOutlined, PlusOutlined, StopOutlined, CheckOutlined, UserSwitchOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import dayjs from '../../dayjs-setup';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../../api/client';
import { ROLES, useAdminUsers, useCreateUser, useUpdateUser } from '../../api/hooks/admin';
import { useUnits } from '../../api/hooks/directory';
import type { Lang, Role, UserView } from '../../api/hooks/types';
import { useLocalized } from '../../components/LocalizedText';
import { useUnitName } from '../../components/UnitName';
import { useApiForm, useProblemText } from '../../components/useApiForm';
import { FormProblem } from '../../components/FormProblem';
import { DeputiesCard } from '../settings/DeputiesCard';

const ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Taipei',
  'Asia/Tokyo',
  'Asia/Singapore',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'UTC',
];
// solid tags with white text: each of these passes WCAG AA contrast (antd's light presets do not)
const ROLE_COLOURS: Record<Role, string> = {
  admin: '#9e1068',
  reform_office: '#1d39c4',
  approver: '#874d00',
  manager: '#237804',
  evaluator: '#531dab',
};

type Editing =
  { kind: 'new' } | { kind: 'edit'; user: UserView } | { kind: 'password'; user: UserView } | { kind: 'deputies'; user: UserView };

function useUnitOptions() {
  const units = useUnits();
  const pick = useLocalized();
  return useMemo(
    () =>
      [...(units.data ?? [])]
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((u) => ({ value: u.id, label: `${pick(u.name) || u.code}（${u.code}）` })),
    [units.data, pick],
  );
}

export function UsersTab() {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('common');
  const { message, modal } = App.useApp();
  const problemText = useProblemText();
  const users = useAdminUsers();
  const update = useUpdateUser();
  const unitName = useUnitName();
  const unitOptions = useUnitOptions();
  const [search, setSearch] = useState('');
  const [unitFilter, setUnitFilter] = useState<string | undefined>();
  const [editing, setEditing] = useState<Editing | null>(null);

  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (users.data ?? [])
      .filter((u) => !unitFilter || u.unitId === unitFilter)
      .filter((u) => !q || `${u.displayName} ${u.email}`.toLowerCase().includes(q))
      .sort((a, b) => a.email.localeCompare(b.email));
  }, [users.data, search, unitFilter]);

  const toggle = (u: UserView) => {
    const disabling = u.active;
    modal.confirm({
      title: disabling ? t('users.disable') : t('users.enable'),
      content: t(disabling ? 'users.disableConfirm' : 'users.enableConfirm', { name: u.displayName }),
      okText: disabling ? t('users.disable') : t('users.enable'),
      okButtonProps: { danger: disabling },
      cancelText: tc('actions.cancel'),
      onOk: async () => {
        try {
          await update.mutateAsync({ id: u.id, active: !disabling });
          void message.success(t(disabling ? 'users.disabled' : 'users.enabled', { name: u.displayName }));
        } catch (e) {
          void message.error(problemText(isProblem(e) ? e : null));
        }
      },
    });
  };

  const columns: ColumnsType<UserView> = [
    {
      title: t('users.displayName'),
      dataIndex: 'displayName',
      key: 'displayName',
      fixed: 'left',
      width: 180,
      sorter: (a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'),
    },
    { title: t('users.email'), dataIndex: 'email', key: 'email', width: 250 },
    {
      title: t('users.roles'),
      key: 'roles',
      width: 220,
      filters: ROLES.map((r) => ({ text: tc(`role.${r}`), value: r })),
      onFilter: (v, u) => u.roles.includes(v as Role),
      render: (_, u) => (
        <Flex gap={4} wrap>
          {u.roles.map((r) => (
            <Tag key={r} color={ROLE_COLOURS[r]}>
              {tc(`role.${r}`)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { title: t('users.unit'), key: 'unit', width: 200, render: (_, u) => unitName(u.unitId) },
    {
      title: t('users.active'),
      key: 'active',
      width: 100,
      filters: [
        { text: t('users.activeYes'), value: true },
        { text: t('users.activeNo'), value: false },
      ],
      onFilter: (v, u) => u.active === v,
      render: (_, u) =>
        u.active ? (
          <Tag color="success">{t('users.activeYes')}</Tag>
        ) : (
          <Tag color="default" icon={<StopOutlined aria-hidden />}>
            {t('users.activeNo')}
          </Tag>
        ),
    },
    { title: t('users.locale'), key: 'locale', width: 100, render: (_, u) => tc(`lang.${u.locale}`) },
    {
      title: t('users.digest'),
      key: 'digest',
      width: 160,
      render: (_, u) =>
        u.notificationMode === 'daily_digest' ? t('users.digestAt', { time: u.digestTime }) : tc('notificationMode.immediate'),
    },
    {
      title: t('users.actions'),
      key: 'actions',
      width: 340,
      fixed: 'right',
      render: (_, u) => (
        <Space size={4} wrap>
          <Button
            size="small"
            icon={<EditOutlined aria-hidden />}
            onClick={() => setEditing({ kind: 'edit', user: u })}
            aria-label={`${t('users.edit')} ${u.displayName}`}
          >
            {t('users.edit')}
          </Button>
          <Button
            size="small"
            danger={u.active}
            icon={u.active ? <StopOutlined aria-hidden /> : <CheckOutlined aria-hidden />}
            onClick={() => toggle(u)}
            aria-label={`${u.active ? t('users.disable') : t('users.enable')} ${u.displayName}`}
          >
            {u.active ? t('users.disable') : t('users.enable')}
          </Button>
          <Button
            size="small"
            icon={<KeyOutlined aria-hidden />}
            onClick={() => setEditing({ kind: 'password', user: u })}
            aria-label={`${t('users.resetPassword')} ${u.displayName}`}
          >
            {t('users.resetPassword')}
          </Button>
          <Button
            size="small"
            icon={<UserSwitchOutlined aria-hidden />}
            onClick={() => setEditing({ kind: 'deputies', user: u })}
            aria-label={`${t('users.deputies')} ${u.displayName}`}
          >
            {t('users.deputies')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card>
      <Flex justify="space-between" gap={12} wrap style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <label htmlFor="users-search">{t('users.search')}</label>
          <Input.Search
            id="users-search"
            allowClear
            placeholder={t('users.searchPlaceholder')}
            style={{ width: 220 }}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <label htmlFor="users-unit">{t('users.unitFilter')}</label>
          <Select
            id="users-unit"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('users.unitFilterPlaceholder')}
            style={{ width: 260 }}
            value={unitFilter}
            onChange={(v?: string) => setUnitFilter(v)}
            options={unitOptions}
          />
        </Flex>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ kind: 'new' })}>
          {t('users.create')}
        </Button>
      </Flex>
      {users.isError ? (
        <Alert type="error" showIcon title={problemText(isProblem(users.error) ? users.error : null)} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<UserView>
        rowKey="id"
        size="middle"
        loading={users.isLoading}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 1400 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.empty')} /> }}
      />
      {editing?.kind === 'new' ? <UserModal user={null} onClose={() => setEditing(null)} /> : null}
      {editing?.kind === 'edit' ? <UserModal user={editing.user} onClose={() => setEditing(null)} /> : null}
      {editing?.kind === 'password' ? <PasswordModal user={editing.user} onClose={() => setEditing(null)} /> : null}
      {editing?.kind === 'deputies' ? <DeputiesDrawer user={editing.user} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}

interface UserFormValues {
  displayName: string;
  email: string;
  password?: string;
  roles: Role[];
  unitId: string;
  locale: Lang;
  timeZone: string;
  notificationMode?: 'immediate' | 'daily_digest';
  digestTime?: Dayjs;
}

function UserModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('common');
  const { message } = App.useApp();
  const create = useCreateUser();
  const update = useUpdateUser();
  const unitOptions = useUnitOptions();
  const { form, handleError, problem, unplaced } = useApiForm<UserFormValues>();
  const mode = Form.useWatch('notificationMode', form);
  const required = (field: string) => ({ required: true, message: t('required', { field }) });

  const submit = async () => {
    const v = await form.validateFields();
    try {
      if (user) {
        await update.mutateAsync({
          id: user.id,
          displayName: v.displayName.trim(),
          roles: v.roles,
          unitId: v.unitId,
          locale: v.locale,
          timeZone: v.timeZone,
          notificationMode: v.notificationMode,
          ...(v.digestTime ? { digestTime: v.digestTime.format('HH:mm') } : {}),
        });
        void message.success(t('users.saved', { name: v.displayName }));
      } else {
        await create.mutateAsync({
          email: v.email.trim(),
          displayName: v.displayName.trim(),
          password: v.password ?? '',
          roles: v.roles,
          unitId: v.unitId,
          locale: v.locale,
          timeZone: v.timeZone,
        });
        void message.success(t('users.created', { name: v.displayName }));
      }
      onClose();
    } catch (e) {
      handleError(e);
    }
  };

  return (
    <Modal
      open
      title={user ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={tc('actions.save')}
      cancelText={tc('actions.cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      width={560}
    >
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        initialValues={
          user ? { ...user, digestTime: dayjs(`2000-01-01T${user.digestTime}`) } : { roles: [], locale: 'zh-CN', timeZone: 'Asia/Shanghai' }
        }
      >
        <Form.Item name="displayName" label={t('users.displayName')} rules={[required(t('users.displayName'))]}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        {user ? null : (
          <>
            <Form.Item
              name="email"
              label={t('users.email')}
              rules={[required(t('users.email')), { type: 'email', message: t('users.email') }]}
            >
              <Input type="email" maxLength={254} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('users.password')}
              extra={t('users.passwordHelp')}
              rules={[required(t('users.password')), { min: 12, message: t('users.passwordHelp') }]}
            >
              <Input.Password maxLength={200} autoComplete="new-password" />
            </Form.Item>
          </>
        )}
        <Form.Item name="roles" label={t('users.roles')} rules={[{ ...required(t('users.roles')), type: 'array', min: 1 }]}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={ROLES.map((r) => ({ value: r, label: tc(`role.${r}`) }))}
          />
        </Form.Item>
        <Form.Item name="unitId" label={t('users.unit')} rules={[required(t('users.unit'))]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="locale" label={t('users.locale')} style={{ flex: 1, minWidth: 180 }}>
            <Select options={(['zh-CN', 'en'] as const).map((l) => ({ value: l, label: tc(`lang.${l}`) }))} />
          </Form.Item>
          <Form.Item name="timeZone" label={t('users.timeZone')} style={{ flex: 1, minWidth: 180 }}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={ZONES.map((z) => ({ value: z, label: `${tc(`zone.${z}`, { defaultValue: z })}（${z}）` }))}
            />
          </Form.Item>
        </Flex>
        {user ? (
          <Flex gap={16} wrap>
            <Form.Item name="notificationMode" label={t('users.notificationMode')} style={{ flex: 1, minWidth: 180 }}>
              <Select options={(['immediate', 'daily_digest'] as const).map((m) => ({ value: m, label: tc(`notificationMode.${m}`) }))} />
            </Form.Item>
            <Form.Item name="digestTime" label={t('users.digestTime')} style={{ flex: 1, minWidth: 180 }}>
              <TimePicker format="HH:mm" minuteStep={5} disabled={mode !== 'daily_digest'} style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
        ) : null}
        <FormProblem problem={problem} unplaced={unplaced} />
      </Form>
    </Modal>
  );
}

function PasswordModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('common');
  const { message } = App.useApp();
  const problemText = useProblemText();
  const update = useUpdateUser();
  const { form, handleError, problem, unplaced } = useApiForm<{ password: string; confirm: string }>();

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await update.mutateAsync({ id: user.id, password: v.password });
      void message.success(t('users.resetDone', { name: user.displayName }));
      onClose();
    } catch (e) {
      handleError(e);
    }
  };

  return (
    <Modal
      open
      title={t('users.resetTitle', { name: user.displayName })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('users.resetPassword')}
      cancelText={tc('actions.cancel')}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{user.email}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="password"
          label={t('users.newPassword')}
          extra={t('users.passwordHelp')}
          rules={[
            { required: true, message: t('required', { field: t('users.newPassword') }) },
            { min: 12, message: t('users.passwordHelp') },
          ]}
        >
          <Input.Password maxLength={200} autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('users.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('required', { field: t('users.confirmPassword') }) },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('users.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password maxLength={200} autoComplete="new-password" />
        </Form.Item>
        {problem && (unplaced.length || !problem.errors.length) ? (
          <Alert type="error" showIcon title={problemText(problem)} description={unplaced.map((e) => e.message).join('；') || undefined} />
        ) : null}
      </Form>
    </Modal>
  );
}

/** 委托代理 for someone away: their periods, and a deputy named for them (POST /users/:id/deputies). */
function DeputiesDrawer({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const narrow = Grid.useBreakpoint().md === false;
  return (
    <Drawer
      open
      title={t('users.deputiesTitle', { name: user.displayName })}
      onClose={onClose}
      size={narrow ? window.innerWidth : 820}
      destroyOnHidden
    >
      <DeputiesCard subject={user} forOther />
    </Drawer>
  );
}
