import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** Stands in for a page not built yet. */
export function Placeholder({ title }: { title: string }) {
  const { t } = useTranslation('common');
  return <Result status="info" title={<h1 style={{ fontSize: 24, margin: 0 }}>{title}</h1>} subTitle={t('placeholder.description')} />;
}
