import { Alert, Button, DatePicker, Drawer, Flex, Form, Grid, Input, InputNumber, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from '../../../dayjs-setup';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDirectoryUsers, useUserNames } from '../../../api/hooks/directory';
import { type MatterCommand, useMatterCommand } from '../../../api/hooks/matter';
import type { MatterActionType, MatterView } from '../../../api/hooks/types';
import { ConflictAlert } from '../../../components/ConflictAlert';
import { useFormatDateTime, useTimeZone } from '../../../components/DateTime';
import { useLocalized } from '../../../components/LocalizedText';
import { useUnitName } from '../../../components/UnitName';
import { type NamePath, useApiForm, useProblemText } from '../../../components/useApiForm';
import { AuthorizationFields, authorizationBody } from './AuthorizationForm';
import { EvaluationFields, evaluationBody } from './EvaluationForm';
import {
  ProgressReportFields,
  ProgressReportIntro,
  linkIndexOf,
  progressReportBody,
  progressReportField,
  progressReportValues,
} from './ProgressReportForm';
import { RiskRegisterFields, riskRegisterBody, riskRegisterValues } from './RiskRegisterForm';
import { PartFields, PartReportFields, partReportBody, partValues } from './PartForm';
import { AcceptanceIntro, ResolveFields, resolveBody } from './AcceptanceForm';
import { InstructionFields, InstructionIntro, InstructionReportFields, instructionBody, instructionReportBody } from './InstructionForm';
import { OrderFields, OrderIntro, orderBody, orderValues } from './OrderForm';
import { PlanFields, planBody, planValues } from '../PlanForm';

type Values = Record<string, unknown>;

/** Localized text from two inputs, leaving out the empty one (the API refuses empty strings). */
export const lt = (v: { zh?: string; en?: string } | undefined) => {
  const zh = v?.zh?.trim();
  const en = v?.en?.trim();
  return { ...(zh ? { zh } : {}), ...(en ? { en } : {}) };
};
const opt = (s: unknown) => (typeof s === 'string' && s.trim() ? s.trim() : undefined);

/** A date-time picked in the reader's zone, as an instant with its offset. */
export const instantOf = (d: Dayjs, zone: string) => dayjs.tz(d.format('YYYY-MM-DDTHH:mm:ss'), zone).format();

interface Spec {
  fields: ReactNode;
  command: (v: Values) => Omit<MatterCommand, 'version'>;
  initial?: Values;
  intro?: ReactNode;
  danger?: boolean;
  wide?: boolean;
  /** Where an API field error lands when the form names it differently. */
  mapField?: (path: NamePath) => NamePath | null;
}

function useSpec(matter: MatterView, type: MatterActionType, subjectId: string | undefined): Spec {
  const { t } = useTranslation('matter');
  const pick = useLocalized();
  const zone = useTimeZone();
  const f = useFormatDateTime();
  const unitName = useUnitName();
  const names = useUserNames();
  const evaluators = useDirectoryUsers('evaluator', undefined, type === 'assign_evaluator');
  const managers = useDirectoryUsers('manager', matter.leadingUnitId, type === 'reassign_manager');
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  const comment = (label: string, rules?: object[]) => (
    <Form.Item name="comment" label={label} rules={rules}>
      <Input.TextArea rows={4} maxLength={4000} showCount />
    </Form.Item>
  );
  // which form rows the last progress report sent, so `values[k]` of a refusal lands on its target
  const sent = useRef<{ values: number[]; links: number[] }>({ values: [], links: [] });
  const milestone = matter.milestones.find((m) => m.id === subjectId);
  const notice = matter.urgeNotices.find((n) => n.id === subjectId);
  const part = matter.parts.find((p) => p.id === subjectId);
  const instruction = matter.instructions.find((i) => i.id === subjectId);
  const order = matter.supervisionOrders.find((o) => o.id === subjectId);
  const dueField = (
    <Form.Item
      name="dueAt"
      label={`${t('form.dueAt')}${f.zoneName ? t('common:paren', { text: f.zoneName }) : ''}`}
      rules={[{ required: true, message: t('form.dueAtRequired') }]}
    >
      <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
    </Form.Item>
  );
  const titleFields = (
    <>
      <Form.Item name={['title', 'zh']} label={t('form.milestoneTitleZh')} rules={required(t('form.milestoneTitleRequired'))}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name={['title', 'en']} label={t('form.milestoneTitleEn')}>
        <Input maxLength={300} />
      </Form.Item>
    </>
  );

  switch (type) {
    case 'approve_step': {
      // the legal-authorization decision records its instrument (003 item (14))
      const legal = matter.currentStep?.legalAuthorization === true;
      return {
        fields: legal ? (
          <>
            <AuthorizationFields />
            {comment(t('form.commentOptional'))}
          </>
        ) : (
          comment(t('form.commentOptional'))
        ),
        command: (v) => ({
          method: 'POST',
          path: '/approve',
          body: { comment: opt(v.comment), ...(legal ? { authorization: authorizationBody(v) } : {}) },
        }),
      };
    }
    case 'reject_step':
      return {
        danger: true,
        fields: comment(t('form.comment'), required(t('form.commentRequired'))),
        command: (v) => ({ method: 'POST', path: '/reject', body: { comment: opt(v.comment) } }),
      };
    case 'return_step':
      return {
        fields: comment(t('form.comment'), required(t('form.commentRequired'))),
        command: (v) => ({ method: 'POST', path: '/return', body: { comment: opt(v.comment) } }),
      };
    case 'submit':
      return { intro: t('form.confirmSubmit'), fields: null, command: () => ({ method: 'POST', path: '/submit', body: {} }) };
    case 'start_implementation':
      return { intro: t('form.confirmStart'), fields: null, command: () => ({ method: 'POST', path: '/start-implementation', body: {} }) };
    case 'edit':
      return {
        wide: true,
        fields: <PlanFields mode="edit" />,
        initial: planValues(matter),
        command: (v) => ({ method: 'PATCH', path: '', body: planBody(v, zone, 'edit') }),
      };
    case 'add_milestone':
      return {
        fields: (
          <>
            {titleFields}
            {dueField}
          </>
        ),
        command: (v) => ({
          method: 'POST',
          path: '/milestones',
          body: { title: lt(v.title as never), dueAt: instantOf(v.dueAt as Dayjs, zone) },
        }),
      };
    case 'edit_milestone':
      return {
        fields: (
          <>
            {titleFields}
            {dueField}
          </>
        ),
        initial: milestone ? { title: { zh: milestone.title.zh, en: milestone.title.en }, dueAt: dayjs(milestone.dueAt).tz(zone) } : {},
        command: (v) => ({
          method: 'PATCH',
          path: `/milestones/${subjectId}`,
          body: { title: lt(v.title as never), dueAt: instantOf(v.dueAt as Dayjs, zone) },
        }),
      };
    case 'remove_milestone':
      return {
        danger: true,
        intro: t('form.confirmRemove', { title: pick(milestone?.title) }),
        fields: null,
        command: () => ({ method: 'DELETE', path: `/milestones/${subjectId}` }),
      };
    case 'complete_milestone':
      return {
        intro: milestone ? (
          <Typography.Paragraph>
            <Typography.Text strong>{pick(milestone.title)}</Typography.Text>
            <br />
            {t('plan.due')}
            {t('common:colon')}
            {f.dateTime(milestone.dueAt)}
          </Typography.Paragraph>
        ) : null,
        fields: (
          <Form.Item name="note" label={t('form.note')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        ),
        command: (v) => ({ method: 'POST', path: `/milestones/${subjectId}/complete`, body: { note: opt(v.note) } }),
      };
    case 'assign_part':
      return {
        intro: t('part.assignIntro'),
        fields: <PartFields matter={matter} due={dueField} />,
        initial: matter.participatingUnitIds.length === 1 ? { unitId: matter.participatingUnitIds[0] } : {},
        command: (v) => ({
          method: 'POST',
          path: '/parts',
          body: {
            unitId: v.unitId,
            deliverable: lt(v.deliverable as never),
            dueAt: instantOf(v.dueAt as Dayjs, zone),
            contactId: (v.contactId as string | undefined) ?? null,
          },
        }),
      };
    case 'edit_part':
      return {
        fields: <PartFields matter={matter} part={part} due={dueField} />,
        initial: partValues(part, zone),
        command: (v) => ({
          method: 'PATCH',
          path: `/parts/${subjectId}`,
          body: {
            deliverable: lt(v.deliverable as never),
            dueAt: instantOf(v.dueAt as Dayjs, zone),
            contactId: (v.contactId as string | undefined) ?? null,
          },
        }),
      };
    case 'remove_part':
      return {
        danger: true,
        intro: t('part.confirmRemove', { unit: part ? unitName(part.unitId) : '', title: pick(part?.deliverable) }),
        fields:
          matter.stage === 'draft' ? null : (
            <Form.Item name="reason" label={t('part.removeReason')} rules={required(t('form.reasonRequired'))}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          ),
        command: (v) => ({ method: 'POST', path: `/parts/${subjectId}/cancel`, body: { reason: opt(v.reason) } }),
      };
    case 'report_part':
      return {
        wide: true,
        intro: part ? (
          <Typography.Paragraph>
            <Typography.Text strong>{pick(part.deliverable)}</Typography.Text>
            <br />
            {t('plan.due')}
            {t('common:colon')}
            {f.dateTime(part.dueAt)}
          </Typography.Paragraph>
        ) : null,
        fields: <PartReportFields />,
        initial: { evidenceLinks: [''], complete: false },
        mapField: (path) =>
          path[0] === 'evidenceLinks' && typeof path[1] === 'number' ? ['evidenceLinks', sent.current.links[path[1]] ?? path[1]] : path,
        command: (v) => {
          sent.current = { values: [], links: linkIndexOf(v) };
          return { method: 'POST', path: `/parts/${subjectId}/reports`, body: partReportBody(v) };
        },
      };
    // 签收: the matter's own acceptance, or (the subject a part) that part's
    case 'accept_assignment':
      return {
        intro: <AcceptanceIntro matter={matter} part={part} />,
        fields: (
          <Form.Item name="comment" label={t('acceptance.comment')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        ),
        command: (v) => ({
          method: 'POST',
          path: `${part ? `/parts/${part.id}` : ''}/acceptance/accept`,
          body: { comment: opt(v.comment) },
        }),
      };
    case 'return_assignment':
      return {
        intro: (
          <>
            <AcceptanceIntro matter={matter} part={part} />
            <Typography.Paragraph type="secondary">{t('acceptance.returnIntro')}</Typography.Paragraph>
          </>
        ),
        fields: (
          <Form.Item
            name="reason"
            label={t('acceptance.returnReason')}
            rules={[{ required: true, whitespace: true, message: t('acceptance.returnReasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={4000} showCount />
          </Form.Item>
        ),
        command: (v) => ({ method: 'POST', path: `${part ? `/parts/${part.id}` : ''}/acceptance/return`, body: { reason: opt(v.reason) } }),
      };
    case 'resolve_returned_assignment':
      return {
        intro: <AcceptanceIntro matter={matter} part={part} />,
        fields: <ResolveFields matter={matter} part={part} />,
        initial: { resolution: 'keep' },
        command: (v) => ({ method: 'POST', path: `${part ? `/parts/${part.id}` : ''}/acceptance/resolve`, body: resolveBody(v) }),
      };
    case 'record_instruction':
      return {
        wide: true,
        intro: t('instruction.recordIntro'),
        fields: <InstructionFields />,
        initial: { givenOn: dayjs().tz(zone) },
        command: (v) => ({ method: 'POST', path: '/instructions', body: instructionBody(v, zone) }),
      };
    case 'report_instruction':
      return {
        wide: true,
        intro: instruction ? <InstructionIntro instruction={instruction} /> : null,
        fields: <InstructionReportFields />,
        initial: { evidenceLinks: [''] },
        mapField: (path) =>
          path[0] === 'evidenceLinks' && typeof path[1] === 'number' ? ['evidenceLinks', sent.current.links[path[1]] ?? path[1]] : path,
        command: (v) => {
          sent.current = { values: [], links: linkIndexOf(v) };
          return { method: 'POST', path: `/instructions/${subjectId}/reports`, body: instructionReportBody(v) };
        },
      };
    case 'close_instruction':
      return {
        intro: instruction ? <InstructionIntro instruction={instruction} closing /> : null,
        fields: (
          <Form.Item name="remark" label={t('instruction.remark')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        ),
        command: (v) => ({ method: 'POST', path: `/instructions/${subjectId}/close`, body: { remark: opt(v.remark) } }),
      };
    case 'issue_supervision_order':
      return {
        wide: true,
        intro: t('order.issueIntro'),
        fields: <OrderFields matter={matter} />,
        initial: orderValues(),
        command: (v) => ({ method: 'POST', path: '/supervision-orders', body: orderBody(v, zone) }),
      };
    case 'acknowledge_supervision_order':
      return {
        intro: order ? <OrderIntro order={order} /> : null,
        fields: (
          <Form.Item name="response" label={t('form.response')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        ),
        command: (v) => ({ method: 'POST', path: `/supervision-orders/${subjectId}/acknowledge`, body: { response: opt(v.response) } }),
      };
    case 'close_supervision_order':
      return {
        intro: order ? <OrderIntro order={order} closing /> : null,
        fields: (
          <Form.Item name="remark" label={t('order.remark')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        ),
        command: (v) => ({ method: 'POST', path: `/supervision-orders/${subjectId}/close`, body: { remark: opt(v.remark) } }),
      };
    case 'report_progress':
      return {
        initial: { targetId: matter.targets.length === 1 ? matter.targets[0].id : undefined, asOf: dayjs().tz(zone) },
        fields: (
          <>
            <Form.Item name="targetId" label={t('form.target')} rules={[{ required: true, message: t('form.targetRequired') }]}>
              <Select
                options={matter.targets.map((x) => ({ value: x.id, label: `${pick(x.indicator)}${t('common:paren', { text: x.unit })}` }))}
              />
            </Form.Item>
            <Form.Item name="value" label={t('form.value')} rules={[{ required: true, message: t('form.valueRequired') }]}>
              <InputNumber style={{ width: '100%' }} inputMode="decimal" />
            </Form.Item>
            <Form.Item name="asOf" label={t('form.asOf')} rules={[{ required: true, message: t('form.asOfRequired') }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="note" label={t('form.note')}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </>
        ),
        command: (v) => ({
          method: 'POST',
          path: '/progress',
          body: { targetId: v.targetId, value: v.value, asOf: (v.asOf as Dayjs).format('YYYY-MM-DD'), note: opt(v.note) },
        }),
      };
    case 'request_evaluation':
      return {
        fields: (
          <Form.Item name="note" label={t('form.note')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        ),
        command: (v) => ({ method: 'POST', path: '/request-evaluation', body: { note: opt(v.note) } }),
      };
    case 'assign_evaluator':
      return {
        fields: (
          <>
            <Form.Item
              name="evaluatorId"
              label={t('form.evaluator')}
              extra={t('form.evaluatorHint')}
              rules={[{ required: true, message: t('form.evaluatorRequired') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={evaluators.isPending}
                options={(evaluators.data ?? []).map((u) => ({
                  value: u.id,
                  label: `${u.displayName}${t('common:paren', { text: unitName(u.unitId) })}`,
                }))}
              />
            </Form.Item>
            {matter.evaluator && (
              <Form.Item
                name="reason"
                label={t('form.replaceReason')}
                extra={t('form.replaceHint', { name: names(matter.evaluator.userId) })}
                rules={required(t('form.reasonRequired'))}
              >
                <Input.TextArea rows={3} maxLength={4000} />
              </Form.Item>
            )}
          </>
        ),
        command: (v) => ({ method: 'POST', path: '/evaluator', body: { evaluatorId: v.evaluatorId, reason: opt(v.reason) } }),
      };
    case 'reassign_manager':
      return {
        fields: (
          <>
            <Form.Item
              name="managerId"
              label={t('form.manager')}
              extra={t('form.managerHint')}
              rules={[{ required: true, message: t('form.managerRequired') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={managers.isPending}
                options={(managers.data ?? []).filter((u) => u.id !== matter.managerId).map((u) => ({ value: u.id, label: u.displayName }))}
              />
            </Form.Item>
            <Form.Item name="reason" label={t('form.handoverReason')} rules={required(t('form.reasonRequired'))}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </>
        ),
        command: (v) => ({ method: 'POST', path: '/manager', body: { managerId: v.managerId, reason: opt(v.reason) } }),
      };
    case 'log_evaluation':
      return {
        wide: true,
        fields: <EvaluationFields matter={matter} />,
        initial: { results: matter.targets.map((x) => ({ targetId: x.id, actualValue: null, evidence: { text: '', links: [] } })) },
        command: (v) => ({ method: 'POST', path: '/evaluations', body: evaluationBody(v, zone) }),
      };
    case 'withdraw':
      return {
        danger: true,
        intro: t('form.confirmWithdraw'),
        fields: (
          <Form.Item name="reason" label={t('form.reasonOptional')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        ),
        command: (v) => ({ method: 'POST', path: '/withdraw', body: { reason: opt(v.reason) } }),
      };
    case 'terminate':
      return {
        danger: true,
        intro: t('form.confirmTerminate'),
        fields: (
          <Form.Item name="reason" label={t('form.reason')} rules={required(t('form.reasonRequired'))}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        ),
        command: (v) => ({ method: 'POST', path: '/terminate', body: { reason: opt(v.reason) } }),
      };
    case 'send_urge_notice':
      return {
        fields: (
          <Form.Item name="message" label={t('form.message')} rules={required(t('form.messageRequired'))}>
            <Input.TextArea rows={4} maxLength={4000} showCount />
          </Form.Item>
        ),
        command: (v) => ({ method: 'POST', path: '/urge-notices', body: { message: opt(v.message) } }),
      };
    case 'acknowledge_urge_notice':
      return {
        intro: notice ? (
          <Alert
            type="warning"
            showIcon
            title={t('form.ackIntro')}
            description={
              <>
                <Typography.Paragraph style={{ marginBottom: 4 }}>{notice.message}</Typography.Paragraph>
                <Typography.Text type="secondary">
                  {t('urge.openDetail', {
                    name: names(notice.sentBy) || t('timeline.system'),
                    sent: f.dateTime(notice.sentAt),
                    due: f.dateTime(notice.dueAt),
                  })}
                </Typography.Text>
              </>
            }
          />
        ) : null,
        fields: (
          <Form.Item name="response" label={t('form.response')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        ),
        command: (v) => ({ method: 'POST', path: `/urge-notices/${subjectId}/acknowledge`, body: { response: opt(v.response) } }),
      };
    case 'file_progress_report':
      return {
        wide: true,
        intro: <ProgressReportIntro matter={matter} />,
        fields: <ProgressReportFields matter={matter} />,
        initial: progressReportValues(matter),
        mapField: (path) => progressReportField(path, sent.current.values, sent.current.links),
        command: (v) => {
          const { body, valueIndex } = progressReportBody(v);
          sent.current = { values: valueIndex, links: linkIndexOf(v) };
          return { method: 'POST', path: '/progress-reports', body };
        },
      };
    case 'update_risks':
      return {
        wide: true,
        fields: <RiskRegisterFields />,
        initial: riskRegisterValues(matter),
        command: (v) => ({ method: 'POST', path: '/risks', body: riskRegisterBody(v) }),
      };
  }
}

/**
 * The form of one action, in a Drawer. Sends If-Match with the version read; a 409 keeps what was
 * typed and says who changed what; field errors land on their fields.
 */
export function ActionDrawer({
  matter,
  type,
  subjectId,
  onClose,
  onDone,
}: {
  matter: MatterView;
  type: MatterActionType;
  subjectId?: string;
  onClose: () => void;
  onDone: (type: MatterActionType) => void;
}) {
  const { t } = useTranslation('matter');
  const narrow = Grid.useBreakpoint().md === false;
  const [opened] = useState(matter);
  const [conflictBase, setConflictBase] = useState<MatterView | null>(null);
  const spec = useSpec(matter, type, subjectId);
  const { form, problem, unplaced, handleError, clear } = useApiForm<Values>({ mapField: spec.mapField });
  const problemText = useProblemText();
  const command = useMatterCommand(matter.id);
  const title = t(`common:action.${type}`);

  const onFinish = (v: Values) => {
    clear();
    // after a conflict the person has seen the change: the next try is made against the latest version
    const version = conflictBase ? matter.version : opened.version;
    command.mutate(
      { ...spec.command(v), version },
      {
        onSuccess: () => onDone(type),
        onError: (e) => {
          const p = handleError(e);
          if (p.status === 409) setConflictBase(opened);
        },
      },
    );
  };

  const general = problem && problem.status !== 409 && (problem.errors.length === 0 || unplaced.length > 0);
  return (
    <Drawer
      open
      title={title}
      onClose={onClose}
      size={narrow ? window.innerWidth : spec.wide ? 760 : 480}
      placement="right"
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button type="primary" danger={spec.danger} loading={command.isPending} onClick={() => form.submit()}>
            {title}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        {conflictBase && problem?.status === 409 && <ConflictAlert before={conflictBase} latest={matter} />}
        {general && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={problemText(problem)}
            description={unplaced.length ? unplaced.map((e) => <div key={e.field}>{`${e.field}: ${e.message}`}</div>) : undefined}
          />
        )}
        {spec.intro && (typeof spec.intro === 'string' ? <Typography.Paragraph>{spec.intro}</Typography.Paragraph> : spec.intro)}
        <Form form={form} layout="vertical" initialValues={spec.initial} onFinish={onFinish} scrollToFirstError name={`action-${type}`}>
          {spec.fields}
        </Form>
      </Flex>
    </Drawer>
  );
}
