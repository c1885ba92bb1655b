import { DatePicker, Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Instruction } from '../../../api/hooks/types';
import { useFormatDateTime } from '../../../components/DateTime';
import dayjs from '../../../dayjs-setup';
import { useLeader } from '../InstructionsCard';
import { EvidenceLinksList } from './ProgressReportForm';

type Values = Record<string, unknown>;
const trimmed = (s: unknown) => (typeof s === 'string' ? s.trim() : '');

/** 登记领导批示: the leader and their office, the day, the words, and the leader's time limit if any (else the workflow's). */
export function InstructionFields() {
  const { t } = useTranslation('matter');
  const f = useFormatDateTime();
  const zoneLabel = f.zoneName ? t('common:paren', { text: f.zoneName }) : '';
  return (
    <>
      <Form.Item
        name="leaderName"
        label={t('instruction.leaderName')}
        rules={[{ required: true, whitespace: true, message: t('instruction.leaderNameRequired') }]}
      >
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="leaderTitle" label={t('instruction.leaderTitle')}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="givenOn" label={t('instruction.givenOn')} rules={[{ required: true, message: t('instruction.givenOnRequired') }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item
        name="text"
        label={t('instruction.text')}
        rules={[{ required: true, whitespace: true, message: t('instruction.textRequired') }]}
      >
        <Input.TextArea rows={5} maxLength={20000} showCount />
      </Form.Item>
      <Form.Item name="dueAt" label={`${t('instruction.dueOptional')}${zoneLabel}`} extra={t('instruction.dueHint')}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
      </Form.Item>
    </>
  );
}

export const instructionBody = (v: Values, zone: string) => ({
  leaderName: trimmed(v.leaderName),
  ...(trimmed(v.leaderTitle) ? { leaderTitle: trimmed(v.leaderTitle) } : {}),
  givenOn: v.givenOn ? (v.givenOn as Dayjs).format('YYYY-MM-DD') : '',
  text: trimmed(v.text),
  ...(v.dueAt ? { dueAt: dayjs.tz((v.dueAt as Dayjs).format('YYYY-MM-DDTHH:mm:ss'), zone).format() } : {}),
});

/** The instruction being answered or closed: who gave it, its words, its time limit. */
export function InstructionIntro({ instruction: i, closing = false }: { instruction: Instruction; closing?: boolean }) {
  const { t } = useTranslation('matter');
  const f = useFormatDateTime();
  const leader = useLeader();
  return (
    <Typography.Paragraph>
      <Typography.Text strong>
        {leader(i)} · {i.givenOn}
      </Typography.Text>
      <br />
      <span style={{ whiteSpace: 'pre-wrap' }}>{i.text}</span>
      <br />
      <Typography.Text type="secondary">
        {t('instruction.due')}
        {t('common:colon')}
        {f.dateTime(i.dueAt)}
      </Typography.Text>
      {closing && (
        <>
          <br />
          {t('instruction.closeIntro')}
        </>
      )}
    </Typography.Paragraph>
  );
}

/** How the leading unit carried the instruction out, with links to the evidence. */
export function InstructionReportFields() {
  const { t } = useTranslation('matter');
  return (
    <>
      <Form.Item
        name="narrative"
        label={t('instruction.narrative')}
        rules={[{ required: true, whitespace: true, message: t('instruction.narrativeRequired') }]}
      >
        <Input.TextArea rows={5} maxLength={20000} showCount />
      </Form.Item>
      <EvidenceLinksList />
    </>
  );
}

export const instructionReportBody = (v: Values) => ({
  narrative: trimmed(v.narrative),
  evidenceLinks: ((v.evidenceLinks as unknown[] | undefined) ?? []).map(trimmed).filter(Boolean),
});
