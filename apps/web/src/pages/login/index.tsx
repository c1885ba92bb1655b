import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useMe, useSignIn } from '../../api/hooks/session';
import { LanguageSwitch, PageSpinner } from '../../components/AppLayout';
import { useApiForm, useProblemText } from '../../components/useApiForm';

/** Only same-origin paths: `next` must not send a person to another site. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return '/inbox';
  return next;
}

interface Values {
  email: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const expired = params.get('expired') === '1';
  const navigate = useNavigate();
  const me = useMe();
  const signIn = useSignIn();
  const { form, problem, handleError, clear } = useApiForm<Values>();
  const problemText = useProblemText();

  if (me.isPending) return <PageSpinner />;
  if (me.data && !signIn.isPending && !signIn.isSuccess) return <Navigate to={next} replace />;

  const onFinish = (v: Values) => {
    clear();
    signIn.mutate(
      { email: v.email.trim(), password: v.password },
      {
        onSuccess: () => void navigate(next, { replace: true }),
        onError: (e) => {
          const p = handleError(e);
          if (p.status === 401 || p.code === 'auth.invalid_credentials') {
            form.setFields([{ name: 'password', errors: [t('invalidCredentials')], value: '' }]);
          }
        },
      },
    );
  };
  const general = problem && problem.status !== 401 && problem.errors.length === 0 ? problemText(problem) : null;

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: '#f0f2f5' }}>
      <main style={{ width: '100%', maxWidth: 400 }}>
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <LanguageSwitch signedIn={false} />
        </Flex>
        <Card>
          <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center', marginTop: 0 }}>
            {t('common:appName')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            {t('subtitle')}
          </Typography.Paragraph>
          {expired && <Alert type="info" showIcon title={t('common:error.sessionExpired')} style={{ marginBottom: 16 }} />}
          {!expired && params.get('next') && <Alert type="info" showIcon title={t('signInToContinue')} style={{ marginBottom: 16 }} />}
          {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
          <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={signIn.isPending}>
            <Form.Item
              label={t('email')}
              name="email"
              rules={[
                { required: true, message: t('emailRequired') },
                { type: 'email', message: t('emailInvalid') },
              ]}
            >
              <Input prefix={<MailOutlined aria-hidden />} autoComplete="username" inputMode="email" autoFocus />
            </Form.Item>
            <Form.Item label={t('password')} name="password" rules={[{ required: true, message: t('passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
            </Form.Item>
            <Form.Item style={{ marginBottom: 0 }}>
              <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
                {t('signIn')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      </main>
    </Flex>
  );
}
