import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ErrorResultProps } from './ErrorResult';
import { useProblemText } from './problemText';

/** 403 "no access", 404 "not found" or any other failure, in words, with a way on: never a blank screen. */
export default function ErrorResultView({ status, problem, subject, onRetry }: ErrorResultProps) {
  const { t } = useTranslation('common');
  const navigate = useNavigate();
  const problemText = useProblemText();
  const s = status ?? (problem?.status === 403 ? 403 : problem?.status === 404 ? 404 : 500);
  const [title, description] =
    s === 403
      ? [t('forbidden.title'), subject === 'matter' ? t('forbidden.matter') : t('forbidden.description')]
      : s === 404
        ? [t('notFound.title'), subject === 'matter' ? t('notFound.matter') : t('notFound.description')]
        : [t('error.title'), problemText(problem) || t('error.server')];
  return (
    <Result
      status={s === 500 ? 'error' : s}
      title={<h1 style={{ fontSize: 24, margin: 0 }}>{title}</h1>}
      subTitle={description}
      extra={[
        <Button type="primary" key="inbox" onClick={() => void navigate('/inbox')}>
          {t('actions.toInbox')}
        </Button>,
        ...(onRetry
          ? [
              <Button key="retry" onClick={onRetry}>
                {t('actions.retry')}
              </Button>,
            ]
          : []),
      ]}
    />
  );
}
