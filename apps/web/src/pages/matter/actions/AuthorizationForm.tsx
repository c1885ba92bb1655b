import { DatePicker, Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';

type Values = Record<string, unknown>;
const day = (d: unknown) => (d && typeof (d as Dayjs).format === 'function' ? (d as Dayjs).format('YYYY-MM-DD') : undefined);
const trimmed = (s: unknown) => (typeof s === 'string' ? s.trim() : '');

/** The instrument as POST /approve takes it under `authorization` (the API names its fields `authorization.<name>`). */
export function authorizationBody(v: Values): Record<string, unknown> {
  const a = (v.authorization ?? {}) as Values;
  return {
    title: trimmed(a.title),
    documentNumber: trimmed(a.documentNumber),
    issuedOn: day(a.issuedOn),
    scope: trimmed(a.scope),
    validFrom: day(a.validFrom),
    validUntil: day(a.validUntil),
  };
}

/** The instrument the legal-authorization decision records (003 item (14)): title, number, date, scope, validity. */
export function AuthorizationFields() {
  const { t } = useTranslation('matter');
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('legal.form.intro')}</Typography.Paragraph>
      <Form.Item name={['authorization', 'title']} label={t('legal.instrumentTitle')} rules={required(t('legal.form.titleRequired'))}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item
        name={['authorization', 'documentNumber']}
        label={t('legal.documentNumber')}
        rules={required(t('legal.form.documentNumberRequired'))}
      >
        <Input maxLength={100} placeholder={t('legal.form.documentNumberPlaceholder')} />
      </Form.Item>
      <Form.Item
        name={['authorization', 'issuedOn']}
        label={t('legal.issuedOn')}
        rules={[{ required: true, message: t('legal.form.issuedOnRequired') }]}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name={['authorization', 'scope']} label={t('legal.scope')} rules={required(t('legal.form.scopeRequired'))}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item name={['authorization', 'validFrom']} label={t('legal.form.validFrom')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name={['authorization', 'validUntil']} label={t('legal.form.validUntil')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </>
  );
}
