import { Alert, App, Button, Card, Col, Form, Input, Radio, Row, Select, TimePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from '../../dayjs-setup';
import { useTranslation } from 'react-i18next';
import { useChangePassword, useMe, useUpdateMe } from '../../api/hooks/session';
import type { Lang, UserView } from '../../api/hooks/types';
import { PageSpinner } from '../../components/AppLayout';
import { PageHeader } from '../../components/PageHeader';
import { useApiForm, useProblemText } from '../../components/useApiForm';
import { applyLang } from '../../i18n';
import common from '../../locales/zh-CN/common.json';
import { DeputiesCard } from './DeputiesCard';
import { DeputiesForOthers } from './DeputiesForOthers';

const ZONES = Object.keys(common.zone);

interface ProfileValues {
  displayName: string;
  locale: Lang;
  timeZone: string;
  notificationMode: UserView['notificationMode'];
  digestTime: Dayjs;
}

function ProfileForm({ me }: { me: UserView }) {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  const update = useUpdateMe();
  const { form, problem, handleError, clear } = useApiForm<ProfileValues>();
  const problemText = useProblemText();
  const mode = Form.useWatch('notificationMode', form);
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('profile')}</h2>} size="small" style={{ marginBottom: 16 }}>
      {problem && problem.errors.length === 0 && (
        <Alert type="error" showIcon role="alert" title={problemText(problem)} style={{ marginBottom: 16 }} />
      )}
      <Form<ProfileValues>
        form={form}
        layout="vertical"
        initialValues={{ ...me, digestTime: dayjs(me.digestTime || '08:00', 'HH:mm') }}
        onFinish={(v) => {
          clear();
          update.mutate(
            {
              displayName: v.displayName.trim(),
              locale: v.locale,
              timeZone: v.timeZone,
              notificationMode: v.notificationMode,
              digestTime: v.digestTime.format('HH:mm'),
            },
            {
              onSuccess: (saved) => {
                applyLang(saved.locale);
                void message.success(t('common:state.saved'));
              },
              onError: handleError,
            },
          );
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t('email')}>
              <Input value={me.email} disabled aria-label={t('email')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="displayName"
              label={t('displayName')}
              rules={[{ required: true, whitespace: true, message: t('displayNameRequired') }]}
            >
              <Input maxLength={100} autoComplete="name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="locale" label={t('language')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'zh-CN', label: t('common:lang.zh-CN') },
                  { value: 'en', label: t('common:lang.en') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="timeZone" label={t('timeZone')} extra={t('timeZoneHint')}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={ZONES.map((z) => ({ value: z, label: `${t(`common:zone.${z}`)}（${z}）` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="notificationMode" label={t('notificationMode')}>
              <Radio.Group
                options={[
                  { value: 'immediate', label: t('common:notificationMode.immediate') },
                  { value: 'daily_digest', label: t('common:notificationMode.daily_digest') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="digestTime" label={t('digestTime')} extra={t('digestTimeHint')}>
              <TimePicker format="HH:mm" minuteStep={15} disabled={mode !== 'daily_digest'} style={{ width: 160 }} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('save')}
        </Button>
      </Form>
    </Card>
  );
}

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

function PasswordForm() {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  const change = useChangePassword();
  const { form, problem, handleError, clear } = useApiForm<PasswordValues>();
  const problemText = useProblemText();
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('password')}</h2>} size="small">
      {problem && problem.errors.length === 0 && (
        <Alert type="error" showIcon role="alert" title={problemText(problem)} style={{ marginBottom: 16 }} />
      )}
      <Form<PasswordValues>
        form={form}
        layout="vertical"
        style={{ maxWidth: 420 }}
        onFinish={(v) => {
          clear();
          change.mutate(
            { currentPassword: v.currentPassword, newPassword: v.newPassword },
            {
              onSuccess: () => {
                form.resetFields();
                void message.success(t('passwordChanged'));
              },
              onError: handleError,
            },
          );
        }}
      >
        <Form.Item name="currentPassword" label={t('currentPassword')} rules={[{ required: true, message: t('currentPasswordRequired') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('newPassword')}
          extra={t('newPasswordHint')}
          rules={[
            { required: true, message: t('newPasswordRequired') },
            { min: 12, message: t('newPasswordShort') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('confirmMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('changePassword')}
        </Button>
      </Form>
    </Card>
  );
}

export default function SettingsPage() {
  const { t } = useTranslation('settings');
  const me = useMe();
  if (!me.data) return <PageSpinner />;
  return (
    <>
      <PageHeader title={t('title')} />
      <ProfileForm me={me.data} />
      <DeputiesCard subject={me.data} />
      {me.data.roles.includes('reform_office') && <DeputiesForOthers selfId={me.data.id} />}
      <PasswordForm />
    </>
  );
}
