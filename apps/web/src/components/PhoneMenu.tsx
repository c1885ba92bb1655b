import { Drawer } from 'antd';
import type { ReactNode } from 'react';

/** The navigation as a drawer on phones: its own chunk, so a desktop page never loads it. */
export default function PhoneMenu({
  open,
  onClose,
  title,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
}) {
  return (
    <Drawer
      open={open}
      onClose={onClose}
      placement="left"
      size={260}
      closable={false}
      styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}
      title={title}
    >
      {children}
    </Drawer>
  );
}
