import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useMe } from '../../api/hooks/session';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { UnitsTab } from './UnitsTab';
import { UsersTab } from './UsersTab';

/** 系统管理 (admin): /admin/units and /admin/users (the Sider menu has one entry for each). */
export default function AdminPage() {
  const { t } = useTranslation('admin');
  const { data: me } = useMe();
  const { pathname } = useLocation();
  const users = pathname.startsWith('/admin/users');

  if (me && !me.roles.includes('admin')) return <ErrorResult status={403} />;

  return (
    <div>
      <PageHeader title={users ? t('users.title') : t('units.title')} subTitle={users ? t('users.subtitle') : t('units.subtitle')} />
      {users ? <UsersTab /> : <UnitsTab />}
    </div>
  );
}
