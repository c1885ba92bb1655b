import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Beside a working-day due time counted over a year without holiday data: it is an
 * estimate on weekends alone, re-planned by itself once the year's arrangement is out.
 * The tooltip is also the tag's accessible description.
 */
export function ProvisionalTag({ show = true }: { show?: boolean }) {
  const { t } = useTranslation('common');
  if (!show) return null;
  return (
    <Tooltip title={t('provisional.tooltip')}>
      <Tag color="default" aria-label={`${t('provisional.tag')}：${t('provisional.tooltip')}`} style={{ marginInlineStart: 8 }}>
        {t('provisional.tag')}
      </Tag>
    </Tooltip>
  );
}
