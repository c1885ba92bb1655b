import { useTranslation } from 'react-i18next';
import { Placeholder } from '../../components/Placeholder';

export default function Page() {
  const { t } = useTranslation('common');
  return <Placeholder title={t('nav.settings')} />;
}
