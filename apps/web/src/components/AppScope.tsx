import { App } from 'antd';
import type { ReactNode } from 'react';

/** antd's App context (message, modal, notification) around a page that uses App.useApp(); see routes.tsx. */
export default function AppScope({ children }: { children: ReactNode }) {
  return <App component={false}>{children}</App>;
}
