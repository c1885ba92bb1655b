import {
  AppstoreOutlined,
  AuditOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  InboxOutlined,
  LogoutOutlined,
  MenuOutlined,
  NotificationOutlined,
  ProfileOutlined,
  SettingOutlined,
  ShareAltOutlined,
  TeamOutlined,
  TranslationOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Grid, Layout, Menu, type MenuProps, Space, Spin, Typography, theme } from 'antd';
import { Suspense, lazy, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { loginPath } from '../api/client';
import { useMe, useSignOut, useUpdateMe } from '../api/hooks/session';
import { useMyTasks } from '../api/hooks/tasks';
import type { Role, UserView } from '../api/hooks/types';
import { applyLang } from '../i18n';
import { useLang, useLocalized } from './LocalizedText';

const PhoneMenu = lazy(() => import('./PhoneMenu'));

/** The inbox count beside its menu item: a plain pill (antd's Badge and its animation are a chunk of their own). */
function CountPill({ count, label }: { count: number; label: string }) {
  return (
    <>
      <span
        aria-hidden
        style={{
          display: 'inline-block',
          minWidth: 18,
          height: 18,
          padding: '0 6px',
          borderRadius: 9,
          background: '#cf1322',
          color: '#fff',
          fontSize: 12,
          lineHeight: '18px',
          textAlign: 'center',
          fontWeight: 600,
        }}
      >
        {count > 99 ? '99+' : count}
      </span>
      <span style={VISUALLY_HIDDEN}>{label}</span>
    </>
  );
}

/** Read by screen readers, not shown. */
const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

const has = (me: UserView, ...roles: Role[]) => roles.some((r) => me.roles.includes(r));

/** The menu key a path belongs to. */
function selectedKey(pathname: string): string {
  if (pathname === '/matters/new') return '/matters/new';
  if (pathname.startsWith('/admin/users')) return '/admin/users';
  if (pathname.startsWith('/admin')) return '/admin/units';
  const first = '/' + (pathname.split('/')[1] ?? '');
  return first;
}

export function PageSpinner() {
  const { t } = useTranslation('common');
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 64 }} role="status" aria-live="polite">
      <Spin description={t('state.loading')} />
    </div>
  );
}

/** The language switch: remembered in the browser, and on the account when signed in. */
export function LanguageSwitch({ signedIn, compact = false }: { signedIn: boolean; compact?: boolean }) {
  const { t } = useTranslation('common');
  const lang = useLang();
  const update = useUpdateMe();
  const next = lang === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <Button
      type="text"
      icon={<TranslationOutlined aria-hidden />}
      aria-label={t('header.switchToLabel')}
      lang={next}
      onClick={() => {
        applyLang(next);
        if (signedIn) update.mutate({ locale: next });
      }}
    >
      {compact ? null : t('header.switchTo')}
    </Button>
  );
}

/** The signed-in frame: Sider menu (a Drawer on phones), header with user, unit, language and sign-out. */
export function AppLayout() {
  const { t } = useTranslation('common');
  const pick = useLocalized();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { token } = theme.useToken();
  const me = useMe();
  const tasks = useMyTasks(!!me.data);
  const signOut = useSignOut();

  if (me.isPending) return <PageSpinner />;
  if (!me.data) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  const user = me.data;
  const total = tasks.data?.total ?? 0;

  const items: MenuProps['items'] = [
    {
      key: '/inbox',
      icon: <InboxOutlined aria-hidden />,
      label: (
        <Space size={8}>
          {t('nav.inbox')}
          {total > 0 && <CountPill count={total} label={t('nav.inboxCount', { count: total })} />}
        </Space>
      ),
    },
    { key: '/matters', icon: <ProfileOutlined aria-hidden />, label: t('nav.matters') },
    ...(has(user, 'reform_office') ? [{ key: '/matters/new', icon: <AppstoreOutlined aria-hidden />, label: t('nav.newMatter') }] : []),
    ...(has(user, 'reform_office', 'manager', 'admin')
      ? [{ key: '/dashboard', icon: <DashboardOutlined aria-hidden />, label: t('nav.dashboard') }]
      : []),
    // 情况通报 go to every unit's managers: everyone reads the issued ones, the office also drafts and issues
    { key: '/bulletins', icon: <NotificationOutlined aria-hidden />, label: t('nav.bulletins') },
    ...(has(user, 'reform_office', 'admin')
      ? [
          { key: '/reports', icon: <ShareAltOutlined aria-hidden />, label: t('nav.reports') },
          { key: '/scorecard', icon: <AuditOutlined aria-hidden />, label: t('nav.scorecard') },
          { key: '/import', icon: <CloudUploadOutlined aria-hidden />, label: t('nav.import') },
        ]
      : []),
    ...(has(user, 'admin')
      ? [
          {
            key: 'admin',
            icon: <TeamOutlined aria-hidden />,
            label: t('nav.admin'),
            children: [
              { key: '/admin/units', label: t('nav.adminUnits') },
              { key: '/admin/users', label: t('nav.adminUsers') },
            ],
          },
        ]
      : []),
    { key: '/settings', icon: <SettingOutlined aria-hidden />, label: t('nav.settings') },
  ];

  const menu = (
    <nav aria-label={t('header.mainNav')}>
      <Menu
        mode="inline"
        theme="dark"
        selectedKeys={[selectedKey(location.pathname)]}
        defaultOpenKeys={location.pathname.startsWith('/admin') ? ['admin'] : []}
        items={items}
        onClick={({ key }) => {
          setDrawerOpen(false);
          void navigate(key);
        }}
      />
    </nav>
  );

  const brand = (
    <div style={{ height: 56, display: 'flex', alignItems: 'center', padding: '0 20px', color: '#fff', fontWeight: 600, fontSize: 16 }}>
      {t('appName')}
    </div>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!narrow && (
        <Layout.Sider width={220} breakpoint="lg" style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
          {brand}
          {menu}
        </Layout.Sider>
      )}
      {narrow && drawerOpen && (
        <Suspense fallback={null}>
          <PhoneMenu open={drawerOpen} onClose={() => setDrawerOpen(false)} title={t('header.mainNav')}>
            {brand}
            {menu}
          </PhoneMenu>
        </Suspense>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: narrow ? '0 8px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            flexWrap: 'nowrap',
            gap: 8,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: 0,
            zIndex: 10,
            height: 56,
            lineHeight: '56px',
          }}
        >
          <Space size={4} style={{ minWidth: 0, flexShrink: 1, overflow: 'hidden' }}>
            {narrow && (
              <Button
                type="text"
                icon={<MenuOutlined aria-hidden />}
                aria-label={t('header.openMenu')}
                onClick={() => setDrawerOpen(true)}
              />
            )}
            {narrow && (
              <Typography.Text strong style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', display: 'block' }}>
                {t('appShortName')}
              </Typography.Text>
            )}
          </Space>
          <Space size={narrow ? 0 : 8} wrap={false} style={{ flexShrink: 0 }}>
            <Space size={6} align="center" style={{ lineHeight: 1.4 }}>
              <UserOutlined aria-hidden />
              <Typography.Text
                strong
                style={{
                  maxWidth: narrow ? 90 : 200,
                  whiteSpace: 'nowrap',
                  overflow: 'hidden',
                  textOverflow: 'ellipsis',
                  display: 'inline-block',
                  verticalAlign: 'middle',
                }}
              >
                {user.displayName}
              </Typography.Text>
              {!narrow && user.unit && <Typography.Text type="secondary">{pick(user.unit.name) || user.unit.code}</Typography.Text>}
            </Space>
            <LanguageSwitch signedIn compact={narrow} />
            <Button
              type="text"
              icon={<LogoutOutlined aria-hidden />}
              aria-label={narrow ? t('header.signOut') : undefined}
              loading={signOut.isPending}
              onClick={() =>
                signOut.mutate(undefined, {
                  onSettled: () => void navigate('/login', { replace: true }),
                })
              }
            >
              {narrow ? null : t('header.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <main>
            <Suspense fallback={<PageSpinner />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
