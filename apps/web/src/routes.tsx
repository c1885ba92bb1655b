import { type ComponentType, lazy } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { loadNamespaces } from './i18n';
import RouteError from './pages/errors/RouteError';

/**
 * Every page is its own chunk (route-level code splitting); the layout and sign-in come first.
 * Pages that show messages or confirmations get antd's App (message, modal, notification: 17 kB
 * gzipped) loaded with them; the inbox, the first page most people open, shows none. A page's
 * strings beyond the core namespaces (locales/bundles.ts) load beside its code: `ns`, every
 * namespace its components ask for (one missed would still load, a moment later, under Suspense).
 */
function withApp(load: () => Promise<{ default: ComponentType }>, ns: readonly string[] = []) {
  return lazy(async () => {
    const [page, scope] = await Promise.all([load(), import('./components/AppScope'), loadNamespaces(ns)]);
    const Page = page.default;
    const Scope = scope.default;
    return {
      default: () => (
        <Scope>
          <Page />
        </Scope>
      ),
    };
  });
}

const LoginPage = withApp(() => import('./pages/login'));
const InboxPage = lazy(() => import('./pages/inbox'));
const MatterPage = withApp(() => import('./pages/matter'), ['matter']);
const NewMatterPage = withApp(() => import('./pages/matter/NewMatter'), ['matter']);
const SettingsPage = withApp(() => import('./pages/settings'), ['settings']);
const NotFoundPage = lazy(() => import('./pages/errors/NotFound'));
// W2's pages: default exports of src/pages/<area>/index.tsx
const MattersPage = withApp(() => import('./pages/matters'), ['matters']);
const DashboardPage = withApp(() => import('./pages/dashboard'), ['dashboard', 'reports']);
const ScorecardPage = withApp(() => import('./pages/scorecard'), ['dashboard', 'reports']);
const ReplicationPage = withApp(() => import('./pages/replication'), ['reports']);
const BulletinsPage = withApp(() => import('./pages/bulletins'), ['dashboard', 'reports']);
const ImportPage = withApp(() => import('./pages/import'), ['import']);
const AdminPage = withApp(() => import('./pages/admin'), ['admin']);

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Navigate to="/inbox" replace /> },
          { path: 'inbox', element: <InboxPage /> },
          { path: 'matters', element: <MattersPage /> },
          { path: 'matters/new', element: <NewMatterPage /> },
          { path: 'matters/:id', element: <MatterPage /> },
          { path: 'dashboard', element: <DashboardPage /> },
          { path: 'scorecard', element: <ScorecardPage /> },
          { path: 'reports', element: <ReplicationPage /> },
          { path: 'reports/:number', element: <ReplicationPage /> },
          { path: 'bulletins', element: <BulletinsPage /> },
          { path: 'bulletins/:number', element: <BulletinsPage /> },
          { path: 'import', element: <ImportPage /> },
          { path: 'admin', element: <Navigate to="/admin/units" replace /> },
          { path: 'admin/units', element: <AdminPage /> },
          { path: 'admin/users', element: <AdminPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
