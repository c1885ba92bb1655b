import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined, WarningFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeliveryStatus } from '../api/hooks/types';

const LOOK: Record<DeliveryStatus, { color: string; icon: React.ReactNode }> = {
  on_track: { color: 'success', icon: <CheckCircleFilled aria-hidden /> },
  at_risk: { color: 'warning', icon: <WarningFilled aria-hidden /> },
  off_track: { color: 'error', icon: <CloseCircleFilled aria-hidden /> },
};

/** Green / amber / red, always with the word and an icon, never colour alone. */
export function DeliveryStatusTag({ status }: { status: DeliveryStatus | null | undefined }) {
  const { t } = useTranslation('common');
  if (!status) {
    return (
      <Tag icon={<MinusCircleOutlined aria-hidden />} color="default">
        {t('deliveryStatus.none')}
      </Tag>
    );
  }
  const look = LOOK[status];
  return (
    <Tag icon={look.icon} color={look.color}>
      {t(`deliveryStatus.${status}`)}
    </Tag>
  );
}
