import { useTranslation } from 'react-i18next';
import { Placeholder } from '../../components/Placeholder';

/** Placeholder until W2 builds this page. */
export default function Page() {
  const { t } = useTranslation('common');
  return <Placeholder title={t('nav.admin')} />;
}
