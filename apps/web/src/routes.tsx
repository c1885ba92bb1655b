import { type ComponentType, lazy } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { AppLayout } from './components/AppLayout';
import RouteError from './pages/errors/RouteError';

/**
 * Every page is its own chunk (route-level code splitting); the layout and sign-in come first.
 * Pages that show messages or confirmations get antd's App (message, modal, notification: 17 kB
 * gzipped) loaded with them; the inbox, the first page most people open, shows none.
 */
function withApp(load: () => Promise<{ default: ComponentType }>) {
  return lazy(async () => {
    const [page, scope] = await Promise.all([load(), import('./components/AppScope')]);
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
const MatterPage = withApp(() => import('./pages/matter'));
const NewMatterPage = withApp(() => import('./pages/matter/NewMatter'));
const SettingsPage = withApp(() => import('./pages/settings'));
const NotFoundPage = lazy(() => import('./pages/errors/NotFound'));
// W2's pages: default exports of src/pages/<area>/index.tsx
const MattersPage = withApp(() => import('./pages/matters'));
const DashboardPage = withApp(() => import('./pages/dashboard'));
const ScorecardPage = withApp(() => import('./pages/scorecard'));
const ReplicationPage = withApp(() => import('./pages/replication'));
const BulletinsPage = withApp(() => import('./pages/bulletins'));
const ImportPage = withApp(() => import('./pages/import'));
const AdminPage = withApp(() => import('./pages/admin'));

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
