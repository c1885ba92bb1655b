import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from '../../dayjs-setup';
import { useTranslation } from 'react-i18next';
import { useBatches, useDirectoryUsers, useUnits } from '../../api/hooks/directory';
import type { MatterView } from '../../api/hooks/types';
import common from '../../locales/zh-CN/common.json';
import { useFormatDateTime } from '../../components/DateTime';
import { useLocalized } from '../../components/LocalizedText';

type Values = Record<string, unknown>;
const KINDS = Object.keys(common.kind);
const POLICY_AREAS = Object.keys(common.policyArea);
const RISK_LEVELS = Object.keys(common.riskLevel);
const LIKELIHOODS = Object.keys(common.likelihood);
const COMPARISONS = Object.keys(common.comparison);

const trimmed = (s: unknown) => (typeof s === 'string' ? s.trim() : '');
const lt = (v: unknown) => {
  const o = (v ?? {}) as { zh?: string; en?: string };
  const zh = trimmed(o.zh);
  const en = trimmed(o.en);
  return { ...(zh ? { zh } : {}), ...(en ? { en } : {}) };
};

/** A matter as the plan form's values. */
export function planValues(m: MatterView): Values {
  return {
    code: m.code,
    title: m.title,
    description: m.description,
    kind: m.kind,
    policyArea: m.policyArea,
    leadingUnitId: m.leadingUnitId,
    participatingUnitIds: m.participatingUnitIds,
    managerId: m.managerId ?? undefined,
    riskLevel: m.riskLevel,
    requiresLegalAuthorization: m.requiresLegalAuthorization,
    legalAdjustment: m.legalAdjustment ?? undefined,
    targets: m.targets.map((x) => ({ ...x, byDate: dayjs(x.byDate) })),
    risks: m.risks,
  };
}

/** The plan form's values as the API's body (createMatter or the draft edit). */
export function planBody(v: Values, zone: string, mode: 'new' | 'edit'): Record<string, unknown> {
  const description = lt(v.description);
  const body: Record<string, unknown> = {
    code: trimmed(v.code),
    title: lt(v.title),
    ...(Object.keys(description).length ? { description } : {}),
    kind: v.kind,
    policyArea: v.policyArea,
    leadingUnitId: v.leadingUnitId,
    participatingUnitIds: v.participatingUnitIds ?? [],
    managerId: v.managerId ?? null,
    riskLevel: v.riskLevel,
    requiresLegalAuthorization: Boolean(v.requiresLegalAuthorization),
    // 003 item (14): what the measure adjusts decides who authorizes it
    legalAdjustment:
      v.requiresLegalAuthorization && (v.legalAdjustment as Values | undefined)?.level
        ? { level: (v.legalAdjustment as Values).level, name: trimmed((v.legalAdjustment as Values).name) }
        : null,
    targets: ((v.targets as Values[] | undefined) ?? []).map((x) => ({
      ...(x.id ? { id: x.id } : {}),
      indicator: lt(x.indicator),
      baseline: typeof x.baseline === 'number' ? x.baseline : null,
      targetValue: x.targetValue,
      unit: trimmed(x.unit),
      byDate: (x.byDate as Dayjs).format('YYYY-MM-DD'),
      comparison: x.comparison ?? 'at_least',
    })),
    risks: ((v.risks as Values[] | undefined) ?? []).map((r) => ({
      ...(r.id ? { id: r.id } : {}),
      description: trimmed(r.description),
      likelihood: r.likelihood,
      impact: r.impact,
      mitigation: trimmed(r.mitigation),
    })),
  };
  if (mode === 'new') {
    body.batchId = v.batchId;
    body.milestones = ((v.milestones as Values[] | undefined) ?? []).map((m) => ({
      title: lt(m.title),
      dueAt: dayjs.tz((m.dueAt as Dayjs).format('YYYY-MM-DDTHH:mm:ss'), zone).format(),
    }));
  }
  return body;
}

/** The plan's fields: basics, units, targets, risks (and for a new matter its batch and milestones). */
export function PlanFields({ mode }: { mode: 'new' | 'edit' }) {
  const { t } = useTranslation('matter');
  const pick = useLocalized();
  const f = useFormatDateTime();
  const units = useUnits();
  const batches = useBatches();
  const leadingUnitId = Form.useWatch<string | undefined>('leadingUnitId');
  const legal = Form.useWatch<boolean | undefined>('requiresLegalAuthorization');
  const managers = useDirectoryUsers('manager', leadingUnitId, !!leadingUnitId);
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.id, label: pick(u.name) || u.code }));
  const req = (message: string) => [{ required: true, message }];
  const reqText = (message: string) => [{ required: true, whitespace: true, message }];
  const h = (s: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{s}</h2>;
  const half = { xs: 24, md: 12 };
  return (
    <>
      <Card size="small" title={h(t('draft.basics'))} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          {mode === 'new' && (
            <Col {...half}>
              <Form.Item name="batchId" label={t('field.batch')} rules={req(t('draft.batchRequired'))}>
                <Select
                  loading={batches.isPending}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(batches.data ?? []).map((b) => ({ value: b.id, label: pick(b.title) || String(b.code ?? b.id) }))}
                />
              </Form.Item>
            </Col>
          )}
          <Col {...half}>
            <Form.Item name="code" label={t('field.code')} extra={t('draft.codeHint')} rules={reqText(t('draft.codeRequired'))}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['title', 'zh']} label={t('field.titleZh')} rules={reqText(t('draft.titleRequired'))}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={['title', 'en']} label={t('field.titleEn')}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="kind" label={t('field.kind')} rules={req(t('draft.kindRequired'))}>
              <Select options={KINDS.map((k) => ({ value: k, label: t(`common:kind.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="policyArea" label={t('field.policyArea')} rules={req(t('draft.policyAreaRequired'))}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={POLICY_AREAS.map((k) => ({ value: k, label: t(`common:policyArea.${k}`) }))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="riskLevel" label={t('field.riskLevel')} rules={req(t('draft.riskLevelRequired'))}>
              <Select options={RISK_LEVELS.map((k) => ({ value: k, label: t(`common:riskLevel.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="requiresLegalAuthorization" label={t('field.legal')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {legal ? (
            <>
              <Col {...half}>
                <Form.Item
                  name={['legalAdjustment', 'level']}
                  label={t('field.legalLevel')}
                  extra={t('field.legalLevelHelp')}
                  rules={req(t('draft.legalLevelRequired'))}
                >
                  <Select
                    options={(['law', 'administrative_regulation'] as const).map((k) => ({ value: k, label: t(`legal.level.${k}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name={['legalAdjustment', 'name']} label={t('field.legalName')} rules={reqText(t('draft.legalNameRequired'))}>
                  <Input maxLength={300} placeholder={t('field.legalNamePlaceholder')} />
                </Form.Item>
              </Col>
            </>
          ) : null}
          <Col xs={24}>
            <Form.Item name={['description', 'zh']} label={t('field.descriptionZh')}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={h(t('draft.units'))} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="leadingUnitId" label={t('field.leadingUnit')} rules={req(t('draft.leadingUnitRequired'))}>
              <Select showSearch={{ optionFilterProp: 'label' }} loading={units.isPending} options={unitOptions} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="managerId" label={t('field.manager')} extra={t('draft.managerHint')}>
              <Select
                allowClear
                disabled={!leadingUnitId}
                loading={managers.isFetching}
                options={(managers.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="participatingUnitIds" label={t('field.participatingUnits')}>
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                options={unitOptions.filter((u) => u.value !== leadingUnitId)}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={h(t('draft.targets'))} style={{ marginBottom: 16 }}>
        <Form.List name="targets">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Row gutter={12} key={field.key} align="top" style={{ borderBottom: '1px dashed #eee', marginBottom: 12 }}>
                  <Form.Item name={[field.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Col xs={24} md={10}>
                    <Form.Item
                      name={[field.name, 'indicator', 'zh']}
                      label={`${t('draft.indicatorZh')} ${i + 1}`}
                      rules={reqText(t('draft.indicatorRequired'))}
                    >
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[field.name, 'unit']} label={t('draft.unit')} rules={reqText(t('draft.unitRequired'))}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item name={[field.name, 'comparison']} label={t('draft.comparison')} initialValue="at_least">
                      <Select options={COMPARISONS.map((k) => ({ value: k, label: t(`common:comparison.${k}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item name={[field.name, 'baseline']} label={t('plan.baseline')}>
                      <InputNumber style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item name={[field.name, 'targetValue']} label={t('plan.targetValue')} rules={req(t('draft.targetValueRequired'))}>
                      <InputNumber style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={18} md={6}>
                    <Form.Item name={[field.name, 'byDate']} label={t('plan.byDate')} rules={req(t('draft.byDateRequired'))}>
                      <DatePicker style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={6} md={2}>
                    <Form.Item label=" " colon={false}>
                      <Button
                        icon={<MinusCircleOutlined aria-hidden />}
                        aria-label={`${t('common:actions.remove')} ${i + 1}`}
                        onClick={() => remove(field.name)}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ comparison: 'at_least' })} block>
                {t('draft.addTarget')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>
      {mode === 'new' && (
        <Card size="small" title={h(t('draft.milestones'))} style={{ marginBottom: 16 }}>
          <Form.List name="milestones">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Row gutter={12} key={field.key} align="top">
                    <Col xs={24} md={12}>
                      <Form.Item
                        name={[field.name, 'title', 'zh']}
                        label={`${t('plan.milestone')} ${i + 1}`}
                        rules={reqText(t('form.milestoneTitleRequired'))}
                      >
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={18} md={10}>
                      <Form.Item
                        name={[field.name, 'dueAt']}
                        label={`${t('form.dueAt')}${t('common:paren', { text: f.zoneName })}`}
                        rules={req(t('form.dueAtRequired'))}
                      >
                        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={6} md={2}>
                      <Form.Item label=" " colon={false}>
                        <Button
                          icon={<MinusCircleOutlined aria-hidden />}
                          aria-label={`${t('common:actions.remove')} ${t('plan.milestone')} ${i + 1}`}
                          onClick={() => remove(field.name)}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add()} block>
                  {t('draft.addMilestone')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
      )}
      <Card size="small" title={h(t('draft.risks'))} style={{ marginBottom: 16 }}>
        <RiskListFields />
      </Card>
    </>
  );
}

/** The risk register as an editable list: each risk's description, likelihood, impact and mitigation; ids kept. */
export function RiskListFields() {
  const { t } = useTranslation('matter');
  const reqText = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <Form.List name="risks">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, i) => (
            <Row gutter={12} key={field.key} align="top" style={{ borderBottom: '1px dashed #eee', marginBottom: 12 }}>
              <Form.Item name={[field.name, 'id']} hidden>
                <Input />
              </Form.Item>
              <Col xs={24} md={11}>
                <Form.Item
                  name={[field.name, 'description']}
                  label={`${t('plan.risk')} ${i + 1}`}
                  rules={reqText(t('draft.descriptionRequired'))}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item name={[field.name, 'likelihood']} label={t('plan.likelihood')} initialValue="medium">
                  <Select options={LIKELIHOODS.map((k) => ({ value: k, label: t(`common:likelihood.${k}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item name={[field.name, 'impact']} label={t('plan.impact')} initialValue="medium">
                  <Select options={LIKELIHOODS.map((k) => ({ value: k, label: t(`common:likelihood.${k}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={18} md={23}>
                <Form.Item name={[field.name, 'mitigation']} label={t('plan.mitigation')} rules={reqText(t('draft.mitigationRequired'))}>
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={6} md={1}>
                <Form.Item label=" " colon={false}>
                  <Button
                    icon={<MinusCircleOutlined aria-hidden />}
                    aria-label={`${t('common:actions.remove')} ${t('plan.risk')} ${i + 1}`}
                    onClick={() => remove(field.name)}
                  />
                </Form.Item>
              </Col>
            </Row>
          ))}
          <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ likelihood: 'medium', impact: 'medium' })} block>
            {t('draft.addRisk')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
