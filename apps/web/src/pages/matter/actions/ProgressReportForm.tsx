import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Divider, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MatterView } from '../../../api/hooks/types';
import { useFormatDateTime } from '../../../components/DateTime';
import { useLocalized } from '../../../components/LocalizedText';
import type { NamePath } from '../../../components/useApiForm';

type Values = Record<string, unknown>;
const trimmed = (s: unknown) => (typeof s === 'string' ? s.trim() : '');
const opt = (s: unknown) => trimmed(s) || undefined;

/** One (empty) value per numeric target of the matter; none when it has none, as most matters do. */
export const progressReportValues = (matter: MatterView): Values => ({
  evidenceLinks: [''],
  values: matter.targets.map((x) => ({ targetId: x.id, value: null })),
});

/**
 * The form's values as POST /progress-reports takes them, and where each value the API
 * names (`values[k]`) sits in the form: only the targets given a number are sent.
 */
export function progressReportBody(v: Values): { body: Record<string, unknown>; valueIndex: number[] } {
  const rows = (v.values as Array<{ targetId: string; value: unknown }> | undefined) ?? [];
  const valueIndex = rows.flatMap((r, i) => (typeof r.value === 'number' ? [i] : []));
  return {
    body: {
      done: trimmed(v.done),
      problems: opt(v.problems),
      nextSteps: opt(v.nextSteps),
      evidenceLinks: ((v.evidenceLinks as unknown[] | undefined) ?? []).map(trimmed).filter(Boolean),
      values: valueIndex.map((i) => ({ targetId: rows[i].targetId, value: rows[i].value as number })),
    },
    valueIndex,
  };
}

/** A field error of the API on the form: `values[k]` is the k-th target sent; links are sent without the blank ones. */
export function progressReportField(path: NamePath, valueIndex: number[], linkIndex: number[]): NamePath {
  if (path[0] === 'values' && typeof path[1] === 'number') return ['values', valueIndex[path[1]] ?? path[1], 'value'];
  if (path[0] === 'evidenceLinks' && typeof path[1] === 'number') return ['evidenceLinks', linkIndex[path[1]] ?? path[1]];
  return path;
}

export const linkIndexOf = (v: Values): number[] =>
  ((v.evidenceLinks as unknown[] | undefined) ?? []).flatMap((x, i) => (trimmed(x) ? [i] : []));

/** The period the report covers, and whether it is already late. */
export function ProgressReportIntro({ matter }: { matter: MatterView }) {
  const { t } = useTranslation('matter');
  const f = useFormatDateTime();
  // a report filed in evaluation covers no period: the stored one is only kept for a return to implementation
  const p = matter.stage === 'in_implementation' ? matter.reportPeriod : null;
  if (!p) return null;
  const late = Date.parse(p.dueAt) < Date.now();
  return (
    <Alert
      type={late ? 'warning' : 'info'}
      showIcon
      title={t('report.periodTitle', { number: p.number })}
      description={t(late ? 'report.periodLate' : 'report.periodDue', { from: f.dateTime(p.startsAt), due: f.dateTime(p.dueAt) })}
    />
  );
}

/** Up to 20 links to the evidence, each checked as an http(s) address on its field. */
export function EvidenceLinksList() {
  const { t } = useTranslation('matter');
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t('report.evidenceLinks')}
      </Typography.Title>
      <Form.List name="evidenceLinks">
        {(fields, { add, remove }) => (
          <Flex vertical gap={0}>
            {fields.map((field, i) => (
              <Flex key={field.key} gap={8} align="flex-start">
                <Form.Item
                  name={field.name}
                  label={t('report.link', { n: i + 1 })}
                  rules={[{ type: 'url', message: t('report.linkInvalid') }]}
                  style={{ flex: 1, minWidth: 0 }}
                >
                  <Input type="url" inputMode="url" placeholder="https://" maxLength={2000} />
                </Form.Item>
                <Form.Item label=" " colon={false}>
                  <Button
                    icon={<MinusCircleOutlined aria-hidden />}
                    aria-label={t('report.removeLink', { n: i + 1 })}
                    onClick={() => remove(field.name)}
                  />
                </Form.Item>
              </Flex>
            ))}
            {fields.length < 20 && (
              <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add('')} block style={{ marginBottom: 16 }}>
                {t('report.addLink')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
    </>
  );
}

/** What was done, the problems, the next steps, links to the evidence, and one value field per numeric target. */
export function ProgressReportFields({ matter }: { matter: MatterView }) {
  const { t } = useTranslation('matter');
  const pick = useLocalized();
  return (
    <>
      <Form.Item name="done" label={t('report.done')} rules={[{ required: true, whitespace: true, message: t('report.doneRequired') }]}>
        <Input.TextArea rows={4} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item name="problems" label={t('report.problemsOptional')}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item name="nextSteps" label={t('report.nextStepsOptional')}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <EvidenceLinksList />
      {matter.targets.length > 0 && (
        <>
          <Divider />
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            {t('report.values')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('report.valuesHint')}</Typography.Paragraph>
          {matter.targets.map((target, i) => (
            <div key={target.id}>
              <Form.Item name={['values', i, 'targetId']} hidden>
                <Input />
              </Form.Item>
              <Form.Item
                name={['values', i, 'value']}
                label={`${pick(target.indicator)}${t('common:paren', { text: target.unit })}`}
                extra={t('report.valueTarget', { value: target.targetValue, unit: target.unit, by: target.byDate })}
              >
                <InputNumber style={{ width: '100%' }} inputMode="decimal" />
              </Form.Item>
            </div>
          ))}
        </>
      )}
    </>
  );
}
