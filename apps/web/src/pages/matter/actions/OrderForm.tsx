import { DatePicker, Form, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { MatterView, SupervisionOrder } from '../../../api/hooks/types';
import { useFormatDateTime } from '../../../components/DateTime';
import { useLocalized } from '../../../components/LocalizedText';
import dayjs from '../../../dayjs-setup';

type Values = Record<string, unknown>;
const trimmed = (s: unknown) => (typeof s === 'string' ? s.trim() : '');
const WHOLE = '';

/** 下发督办单: its colour, what it is issued on (the matter, an open milestone or part), what must be done, and by when (else the workflow's time). */
export function OrderFields({ matter }: { matter: MatterView }) {
  const { t } = useTranslation('matter');
  const f = useFormatDateTime();
  const pick = useLocalized();
  const zoneLabel = f.zoneName ? t('common:paren', { text: f.zoneName }) : '';
  const subjects = [
    { value: WHOLE, label: t('order.wholeMatter') },
    ...matter.milestones.filter((m) => !m.completedAt).map((m) => ({ value: `milestone:${m.id}`, label: pick(m.title) })),
    ...matter.parts.filter((p) => !p.completedAt).map((p) => ({ value: `part:${p.id}`, label: pick(p.deliverable) })),
  ];
  return (
    <>
      <Form.Item name="colour" label={t('order.colour')} rules={[{ required: true, message: t('order.colourRequired') }]}>
        <Select
          options={(['blue', 'yellow', 'red'] as const).map((c) => ({
            value: c,
            label: `${t(`common:orderColour.${c}`)}${t('common:paren', { text: t(`order.meaning.${c}`) })}`,
          }))}
        />
      </Form.Item>
      <Form.Item name="subjectKey" label={t('order.subject')}>
        <Select options={subjects} />
      </Form.Item>
      <Form.Item
        name="requirement"
        label={t('order.requirement')}
        rules={[{ required: true, whitespace: true, message: t('order.requirementRequired') }]}
      >
        <Input.TextArea rows={4} maxLength={20000} showCount />
      </Form.Item>
      <Form.Item name="dueAt" label={`${t('order.dueOptional')}${zoneLabel}`} extra={t('order.dueHint')}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
      </Form.Item>
    </>
  );
}

export const orderValues = (): Values => ({ subjectKey: WHOLE });

export const orderBody = (v: Values, zone: string) => ({
  colour: v.colour,
  ...(v.subjectKey ? { subjectKey: v.subjectKey } : {}),
  requirement: trimmed(v.requirement),
  ...(v.dueAt ? { dueAt: dayjs.tz((v.dueAt as Dayjs).format('YYYY-MM-DDTHH:mm:ss'), zone).format() } : {}),
});

/** The order being acknowledged or closed: its colour, what it requires, by when. */
export function OrderIntro({ order: o, closing = false }: { order: SupervisionOrder; closing?: boolean }) {
  const { t } = useTranslation('matter');
  const f = useFormatDateTime();
  return (
    <Typography.Paragraph>
      <Typography.Text strong>{t(`common:orderColour.${o.colour}`)}</Typography.Text>
      <br />
      <span style={{ whiteSpace: 'pre-wrap' }}>{o.requirement}</span>
      <br />
      <Typography.Text type="secondary">
        {t('order.due')}
        {t('common:colon')}
        {f.dateTime(o.dueAt)}
      </Typography.Text>
      <br />
      {closing ? t('order.closeIntro') : t('order.acknowledgeIntro')}
    </Typography.Paragraph>
  );
}
