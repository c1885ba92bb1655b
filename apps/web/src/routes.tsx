import { lazy } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { AppLayout } from './components/AppLayout';
import RouteError from './pages/errors/RouteError';

/** Every page is its own chunk (route-level code splitting); the layout and sign-in come first. */
const LoginPage = lazy(() => import('./pages/login'));
const InboxPage = lazy(() => import('./pages/inbox'));
const MatterPage = lazy(() => import('./pages/matter'));
const NewMatterPage = lazy(() => import('./pages/matter/NewMatter'));
const SettingsPage = lazy(() => import('./pages/settings'));
const NotFoundPage = lazy(() => import('./pages/errors/NotFound'));
// W2's pages: default exports of src/pages/<area>/index.tsx
const MattersPage = lazy(() => import('./pages/matters'));
const DashboardPage = lazy(() => import('./pages/dashboard'));
const ScorecardPage = lazy(() => import('./pages/scorecard'));
const ReplicationPage = lazy(() => import('./pages/replication'));
const ImportPage = lazy(() => import('./pages/import'));
const AdminPage = lazy(() => import('./pages/admin'));

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
