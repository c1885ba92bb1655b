import { Card, Divider, Flex, Form, Input, InputNumber, Radio, Select, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDefinitions } from '../../../api/hooks/directory';
import type { MatterView, RubricCriterion, Verdict } from '../../../api/hooks/types';
import { useLocalized } from '../../../components/LocalizedText';

type Values = Record<string, unknown>;
const VERDICTS: Verdict[] = ['replicable', 'needs_adjustment', 'ineffective'];

/** The rubric of the matter's workflow version: one whole-number field per criterion. */
export function useRubric(matter: MatterView): { rubric: RubricCriterion[] | undefined; loading: boolean } {
  const defs = useDefinitions();
  const def =
    defs.data?.find((d) => d.name === matter.workflow.name && d.version === matter.workflow.version) ??
    defs.data?.filter((d) => d.name === matter.workflow.name).at(-1);
  return { rubric: def?.body.evaluation?.rubric, loading: defs.isPending };
}

const trimmed = (s: unknown) => (typeof s === 'string' ? s.trim() : '');
const lt = (zh: unknown) => ({ zh: trimmed(zh) });

export function evaluationBody(v: Values, _zone: string): unknown {
  const verdict = v.verdict as Verdict;
  const results = ((v.results as Values[] | undefined) ?? []).map((r) => {
    const evidence = (r.evidence as Values | undefined) ?? {};
    return {
      targetId: r.targetId,
      actualValue: typeof r.actualValue === 'number' ? r.actualValue : null,
      evidence: {
        text: trimmed(evidence.text),
        links: ((evidence.links as string[] | undefined) ?? []).map((x) => x.trim()).filter(Boolean),
      },
    };
  });
  const exp = (v.experience as Values | undefined) ?? {};
  return {
    verdict,
    narrative: trimmed(v.narrative),
    scores: v.scores ?? {},
    results,
    ...(verdict === 'replicable'
      ? {
          experience: {
            title: lt(exp.title),
            practice: lt(exp.practice),
            conditions: lt(exp.conditions),
            regions: (exp.regions as string[] | undefined) ?? [],
            fields: (exp.fields as string[] | undefined) ?? [],
          },
        }
      : {}),
    ...(verdict === 'needs_adjustment' ? { adjustment: { plan: trimmed((v.adjustment as Values | undefined)?.plan) } } : {}),
    ...(verdict === 'ineffective' ? { lessons: trimmed(v.lessons) } : {}),
  };
}

/** Rubric scores, per-target actuals with evidence, the verdict and the section that verdict needs. */
export function EvaluationFields({ matter }: { matter: MatterView }) {
  const { t } = useTranslation('matter');
  const pick = useLocalized();
  const { rubric, loading } = useRubric(matter);
  const verdict = Form.useWatch<Verdict | undefined>('verdict');
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {rubric?.length
          ? t('form.rubric', { min: Math.min(...rubric.map((c) => c.min)), max: Math.max(...rubric.map((c) => c.max)) })
          : t('evaluation.scores')}
      </Typography.Title>
      {loading && <Spin description={t('form.rubricLoading')} />}
      <Flex wrap gap={16}>
        {(rubric ?? []).map((c) => (
          <Form.Item
            key={c.key}
            name={['scores', c.key]}
            label={`${pick(c.title)}${t('common:paren', { text: `${c.min}–${c.max}` })}`}
            rules={[{ required: true, message: t('form.scoreRequired') }]}
            style={{ minWidth: 160 }}
          >
            <InputNumber min={c.min} max={c.max} precision={0} step={1} style={{ width: 120 }} />
          </Form.Item>
        ))}
      </Flex>
      {matter.targets.length > 0 && (
        <>
          <Divider />
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            {t('form.results')}
          </Typography.Title>
          {matter.targets.map((target, i) => {
            const name = pick(target.indicator);
            return (
              <Card key={target.id} size="small" title={name} style={{ marginBottom: 12 }}>
                <Form.Item name={['results', i, 'targetId']} hidden>
                  <Input />
                </Form.Item>
                <Form.Item
                  name={['results', i, 'actualValue']}
                  label={`${t('form.actualValue')}${t('common:paren', { text: target.unit })}`}
                  extra={t('form.actualValueHint')}
                >
                  <InputNumber style={{ width: '100%' }} aria-label={`${t('form.actualValue')}${t('common:colon')}${name}`} />
                </Form.Item>
                <Form.Item
                  name={['results', i, 'evidence', 'text']}
                  label={t('form.evidence')}
                  rules={required(t('form.evidenceRequired'))}
                >
                  <Input.TextArea rows={2} aria-label={`${t('form.evidence')}${t('common:colon')}${name}`} />
                </Form.Item>
                <Form.Item name={['results', i, 'evidence', 'links']} label={t('form.links')}>
                  <Select
                    mode="tags"
                    open={false}
                    tokenSeparators={[' ', ',']}
                    aria-label={`${t('form.links')}${t('common:colon')}${name}`}
                  />
                </Form.Item>
              </Card>
            );
          })}
        </>
      )}
      <Divider />
      <Form.Item name="verdict" label={t('form.verdict')} rules={[{ required: true, message: t('form.verdictRequired') }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={VERDICTS.map((v) => ({ value: v, label: t(`common:verdict.${v}`) }))}
        />
      </Form.Item>
      <Form.Item name="narrative" label={t('form.narrative')} rules={required(t('form.narrativeRequired'))}>
        <Input.TextArea rows={4} />
      </Form.Item>
      {verdict === 'replicable' && (
        <Card size="small" title={t('form.experience')}>
          <Form.Item name={['experience', 'title']} label={t('form.experienceTitle')} rules={required(t('form.experienceTitleRequired'))}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name={['experience', 'practice']} label={t('form.practice')} rules={required(t('form.practiceRequired'))}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Form.Item name={['experience', 'conditions']} label={t('form.conditions')} rules={required(t('form.conditionsRequired'))}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item
            name={['experience', 'regions']}
            label={t('form.regions')}
            rules={[{ required: true, type: 'array', min: 1, message: t('form.regionsRequired') }]}
          >
            <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
          </Form.Item>
          <Form.Item
            name={['experience', 'fields']}
            label={t('form.fields')}
            rules={[{ required: true, type: 'array', min: 1, message: t('form.fieldsRequired') }]}
          >
            <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
          </Form.Item>
        </Card>
      )}
      {verdict === 'needs_adjustment' && (
        <Card size="small" title={t('form.adjustment')}>
          <Form.Item name={['adjustment', 'plan']} label={t('form.adjustmentPlan')} rules={required(t('form.adjustmentPlanRequired'))}>
            <Input.TextArea rows={4} />
          </Form.Item>
        </Card>
      )}
      {verdict === 'ineffective' && (
        <Form.Item name="lessons" label={t('form.lessons')} rules={required(t('form.lessonsRequired'))}>
          <Input.TextArea rows={4} />
        </Form.Item>
      )}
    </>
  );
}
