import { Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MatterView } from '../../../api/hooks/types';
import common from '../../../locales/zh-CN/common.json';
import { RiskListFields } from '../PlanForm';

type Values = Record<string, unknown>;
const RISK_LEVELS = Object.keys(common.riskLevel);
const trimmed = (s: unknown) => (typeof s === 'string' ? s.trim() : '');

export const riskRegisterValues = (m: MatterView): Values => ({ riskLevel: m.riskLevel, risks: m.risks, note: '' });

/** The whole register as POST /risks takes it: the level, every risk (kept ones by id), the note. */
export function riskRegisterBody(v: Values): Record<string, unknown> {
  return {
    riskLevel: v.riskLevel,
    risks: ((v.risks as Values[] | undefined) ?? []).map((r) => ({
      ...(r.id ? { id: r.id } : {}),
      description: trimmed(r.description),
      likelihood: r.likelihood,
      impact: r.impact,
      mitigation: trimmed(r.mitigation),
    })),
    note: trimmed(v.note) || undefined,
  };
}

/** The level, the risks as an editable list, and why the register changes. */
export function RiskRegisterFields() {
  const { t } = useTranslation('matter');
  return (
    <>
      <Typography.Paragraph type="secondary">{t('riskRegister.intro')}</Typography.Paragraph>
      <Form.Item name="riskLevel" label={t('field.riskLevel')} rules={[{ required: true, message: t('draft.riskLevelRequired') }]}>
        <Select options={RISK_LEVELS.map((k) => ({ value: k, label: t(`common:riskLevel.${k}`) }))} />
      </Form.Item>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('riskRegister.risks')}
      </Typography.Title>
      <RiskListFields />
      <Form.Item name="note" label={t('riskRegister.noteOptional')} style={{ marginTop: 16 }}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
    </>
  );
}
