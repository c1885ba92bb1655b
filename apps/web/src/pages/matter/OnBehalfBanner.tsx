import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDeputies } from '../../api/hooks/deputies';
import { useUserNames } from '../../api/hooks/directory';
import { useMe } from '../../api/hooks/session';
import { ON_BEHALF_OF_PARAM } from '../../api/onBehalfOf';

/**
 * 委托代理: the matter page opened on behalf of an absent person (?onBehalfOf=<id>, from the
 * inbox) says so, and every command it sends carries On-Behalf-Of (useMatterCommand). When the
 * reader is not that person's deputy in force, it says that instead and offers the own name.
 */
export function OnBehalfBanner({ absentId }: { absentId: string }) {
  const { t } = useTranslation('matter');
  const [params, setParams] = useSearchParams();
  const me = useMe();
  const periods = useDeputies();
  const names = useUserNames();
  const period = periods.data?.find((p) => p.userId === absentId && p.deputyId === me.data?.id && p.inForce);
  const name = period?.user.displayName || periods.data?.find((p) => p.userId === absentId)?.user.displayName || names(absentId) || '…';
  if (periods.isSuccess && !period) {
    const ownName = () => {
      const next = new URLSearchParams(params);
      next.delete(ON_BEHALF_OF_PARAM);
      setParams(next, { replace: true });
    };
    return (
      <Alert
        type="warning"
        showIcon
        role="alert"
        style={{ marginBottom: 16 }}
        title={t('deputy.notInForce', { name })}
        description={t('deputy.notInForceDetail')}
        action={
          <Button size="small" onClick={ownName}>
            {t('deputy.ownName')}
          </Button>
        }
      />
    );
  }
  return (
    <Alert
      type="info"
      showIcon
      role="status"
      style={{ marginBottom: 16 }}
      title={t('deputy.banner', { name })}
      description={t('deputy.bannerDetail', { name })}
    />
  );
}
