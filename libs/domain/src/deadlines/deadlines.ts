import type { Instant } from '../common/ids.js';
import type { LocalizedText } from '../common/localized-text.js';
import { type BusinessCalendar, type DurationSpec, applyDuration, describeDuration, isProvisional } from '../time/business-calendar.js';
import { parseDuration } from '../time/duration.js';
import type { Role } from '../users/actor.js';
import {
  type AutoOrderRule,
  DEFAULT_AUTO_ORDER_KINDS,
  type DeadlinePolicy,
  type EscalationTarget,
  type WorkflowDefinitionBody,
  authorizationExpiryPolicy,
  instructionPolicy,
  orderPolicy,
} from '../workflow/definition.js';
import {
  type Instruction,
  type Matter,
  acceptanceState,
  acceptancesOf,
  type SupervisionOrder,
  awaitingLegalAuthorization,
  currentStep,
  openMilestones,
  openOrders,
  openParts,
  unansweredInstructions,
} from '../matters/matter.js';
import { INSTRUCTION_STAGES, ORDER_STAGES, type Stage } from '../matters/vocabulary.js';
import { currentReportPeriod, reportPeriodTitle } from '../matters/reporting.js';
import { workingDayBasis } from './calendar-replan.js';

/**
 * Every deadline a matter has right now, derived from its state alone: the current
 * stage's due date, the current approval step, each open milestone, each participating
 * unit's open part, each leader's instruction awaiting its report, the next expected progress
 * report, each unanswered urge notice. The persistence layer stores them as
 * versioned rows and plans their timers; when a key disappears, `closingOf` says whether
 * it was met or cancelled.
 */
export const DEADLINE_KINDS = [
  'stage',
  'approval_step',
  'milestone',
  'progress_report',
  'urge_notice',
  'authorization_expiry',
  'part',
  'instruction',
  'order',
  'acceptance',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** Who must act on a deadline: receives its reminders and its first escalation. */
export type Responsible = { kind: 'user'; userId: string } | { kind: 'unit_role'; unitId: string; role: Role };

export interface DeadlineSpec {
  /** Stable identity within the matter, e.g. `milestone:<id>` or `stage:in_approval:<entered at>`. */
  key: string;
  kind: DeadlineKind;
  /** The milestone, approval step or urge notice it belongs to. */
  subjectId: string | null;
  /** What is due, for people. */
  title: LocalizedText;
  dueAt: Instant;
  /** The clock is stopped (waiting for legal authorization): no timer runs. */
  suspended: boolean;
  /**
   * Counted in working days over a year without holiday data, so on weekends alone:
   * re-planned by itself once that year's data is added (calendar-replan.ts).
   */
  provisional?: boolean;
  policy: DeadlinePolicy;
  responsible: Responsible;
  /** The unit whose head receives the second escalation. */
  unitId: string;
}

const STAGE_TITLES: Record<Stage, LocalizedText> = {
  draft: { zh: '草拟并提交', en: 'Draft and submit' },
  in_approval: { zh: '完成审批', en: 'Complete approval' },
  approved: { zh: '启动实施', en: 'Start implementation' },
  in_implementation: { zh: '完成实施', en: 'Complete implementation' },
  in_evaluation: { zh: '完成评估', en: 'Complete evaluation' },
  closed: { zh: '已结项', en: 'Closed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  terminated: { zh: '已终止', en: 'Terminated' },
};

/** Stages whose milestone clocks run: from submission until implementation ends. */
const MILESTONE_STAGES: readonly Stage[] = ['in_approval', 'approved', 'in_implementation'];

/**
 * Stages whose part clocks run: once the matter is approved (交办) until implementation
 * ends. A part given in the draft plan waits for approval, so a legal-authorization wait
 * never stops its clock. (Inferred: the documents give the division of work with the
 * task book, not when its deadlines start to count.)
 */
const PART_STAGES: readonly Stage[] = ['approved', 'in_implementation'];

export function deadlinesOf(m: Matter, def: WorkflowDefinitionBody, calendar: BusinessCalendar): DeadlineSpec[] {
  const manager: Responsible = m.managerId
    ? { kind: 'user', userId: m.managerId }
    : { kind: 'unit_role', unitId: m.leadingUnitId, role: 'manager' };
  const out: DeadlineSpec[] = [];
  const base = { suspended: false, responsible: manager, unitId: m.leadingUnitId };

  if (m.stageDueAt && m.stage !== 'closed' && m.stage !== 'withdrawn' && m.stage !== 'terminated') {
    // the evaluation is the assigned evaluator's to finish; until one is assigned, its reminders go to the manager
    const evaluator: Responsible | null = m.stage === 'in_evaluation' && m.evaluator ? { kind: 'user', userId: m.evaluator.userId } : null;
    out.push({
      ...base,
      ...(evaluator ? { responsible: evaluator } : {}),
      key: `stage:${m.stage}:${m.stageEnteredAt}`,
      kind: 'stage',
      subjectId: null,
      title: STAGE_TITLES[m.stage],
      dueAt: m.stageDueAt,
      policy: def.stages[m.stage],
    });
  }

  const step = currentStep(m);
  if (step?.dueAt) {
    out.push({
      key: `step:${step.id}`,
      kind: 'approval_step',
      subjectId: step.id,
      title: step.title,
      dueAt: step.dueAt,
      suspended: false,
      policy: def.approval,
      responsible: { kind: 'unit_role', unitId: step.unitId, role: step.role },
      unitId: step.unitId,
    });
  }

  if (MILESTONE_STAGES.includes(m.stage)) {
    const suspended = awaitingLegalAuthorization(m);
    for (const ms of openMilestones(m)) {
      out.push({
        ...base,
        key: `milestone:${ms.id}`,
        kind: 'milestone',
        subjectId: ms.id,
        title: ms.title,
        dueAt: ms.dueAt,
        suspended,
        policy: def.milestones,
      });
    }
  }

  // 分工: each participating unit answers for its own part; its contact person is reminded, or its managers
  if (PART_STAGES.includes(m.stage)) {
    for (const p of openParts(m)) {
      out.push({
        key: `part:${p.id}`,
        kind: 'part',
        subjectId: p.id,
        title: p.deliverable,
        dueAt: p.dueAt,
        suspended: false,
        policy: def.parts ?? def.milestones,
        responsible: p.contactId ? { kind: 'user', userId: p.contactId } : { kind: 'unit_role', unitId: p.unitId, role: 'manager' },
        unitId: p.unitId,
      });
    }
  }

  // 领导批示: the leading unit reports how it carried the instruction out; the report meets the deadline
  // (the office's closing, 销号, ends the item, not the unit's clock)
  if (INSTRUCTION_STAGES.includes(m.stage)) {
    for (const i of unansweredInstructions(m)) {
      out.push({
        ...base,
        key: `instruction:${i.id}`,
        kind: 'instruction',
        subjectId: i.id,
        title: instructionTitle(i),
        dueAt: i.dueAt,
        policy: instructionPolicy(def),
      });
    }
  }

  // the report of the period now open; a report filed opens the next period, and this key goes (met)
  const period = currentReportPeriod(m, def, calendar);
  if (period) {
    out.push({
      ...base,
      key: `progress:${period.startsAt}`,
      kind: 'progress_report',
      subjectId: null,
      title: reportPeriodTitle(period),
      dueAt: period.dueAt,
      policy: def.progressReports,
    });
  }

  // a time-limited legal authorization lapses: the leading unit finishes the pilot, or seeks a renewal, before then
  const instrument = m.authorizationInstrument;
  if (instrument?.validUntil && m.stage !== 'closed' && m.stage !== 'withdrawn' && m.stage !== 'terminated') {
    out.push({
      ...base,
      key: `authorization:${instrument.stepId}`,
      kind: 'authorization_expiry',
      subjectId: instrument.stepId,
      title: {
        zh: `法律法规调整授权到期（${instrument.documentNumber}）`,
        en: `Legal authorization lapses (${instrument.documentNumber})`,
      },
      dueAt: instrument.validUntil,
      policy: authorizationExpiryPolicy(def),
    });
  }

  if (m.stage !== 'closed' && m.stage !== 'withdrawn' && m.stage !== 'terminated') {
    for (const n of m.urgeNotices.filter((x) => !x.acknowledgedAt)) {
      out.push({
        ...base,
        key: `urge:${n.id}`,
        kind: 'urge_notice',
        subjectId: n.id,
        title: { zh: '确认催办通知', en: 'Acknowledge the urge notice' },
        dueAt: n.dueAt,
        policy: def.urgeNotices,
      });
    }
  }
  // 三色督办单: the unit the order names acts until the reform office closes it (销号), which meets it
  if (ORDER_STAGES.includes(m.stage)) {
    for (const o of openOrders(m)) {
      const leading = o.unitId === m.leadingUnitId;
      out.push({
        key: `order:${o.id}`,
        kind: 'order',
        subjectId: o.id,
        title: orderTitle(o),
        dueAt: o.dueAt,
        suspended: false,
        policy: orderPolicy(def),
        // the leading unit's through the matter's manager; a participating unit's through its managers
        responsible: leading ? manager : { kind: 'unit_role', unitId: o.unitId, role: 'manager' },
        unitId: o.unitId,
      });
    }
  }
  // 签收: the unit given the matter or a part accepts it; its acceptance (or the office's resolution after a return) ends the wait
  const acceptancePolicy = def.acceptance;
  if (acceptancePolicy && m.stage === 'in_implementation') {
    for (const { partId, acceptance } of acceptancesOf(m)) {
      if (acceptanceState(acceptance) !== 'pending') continue;
      const p = partId ? m.parts.find((x) => x.id === partId) : undefined;
      out.push({
        key: `acceptance:${partId ?? m.id}:${acceptance.openedAt}`,
        kind: 'acceptance',
        subjectId: partId,
        title: acceptanceTitle(p?.deliverable ?? null),
        dueAt: acceptance.dueAt,
        suspended: false,
        policy: acceptancePolicy,
        // the matter through its manager (the one the office named on a transfer); a part through its unit's managers
        responsible: p ? { kind: 'unit_role', unitId: acceptance.unitId, role: 'manager' } : manager,
        unitId: acceptance.unitId,
      });
    }
  }
  return out.map((d) => {
    const basis = workingDayBasis(m, def, d.key, calendar);
    return { ...d, provisional: basis !== null && isProvisional(new Date(basis.from), basis.spec, def.timeZone, calendar) };
  });
}

/** What an instruction's deadline asks, for reminders and the inbox: 报送张明（市委书记）批示落实情况. */
export function instructionTitle(i: Pick<Instruction, 'leaderName' | 'leaderTitle'>): LocalizedText {
  return {
    zh: `报送${i.leaderTitle ?? ''}${i.leaderName}批示落实情况`,
    en: `Report on carrying out the instruction of ${i.leaderName}${i.leaderTitle ? ` (${i.leaderTitle})` : ''}`,
  };
}

/** What an acceptance's deadline asks: 签收改革事项, or 签收分工任务：<deliverable>. */
export function acceptanceTitle(deliverable: LocalizedText | null): LocalizedText {
  if (!deliverable) return { zh: '签收改革事项', en: 'Accept the reform matter' };
  const zh = deliverable.zh ?? deliverable.en ?? '';
  const en = deliverable.en ?? deliverable.zh ?? '';
  return { zh: `签收分工任务：${zh}`, en: `Accept the part: ${en}` };
}

const COLOUR_NAMES: Record<SupervisionOrder['colour'], { zh: string; en: string }> = {
  blue: { zh: '蓝色督办单', en: 'blue supervision order' },
  yellow: { zh: '黄色督办单', en: 'yellow supervision order' },
  red: { zh: '红色督办单', en: 'red supervision order' },
};

/** What an order's deadline asks, for reminders and the inbox: 落实红色督办单：<requirement>. */
export function orderTitle(o: Pick<SupervisionOrder, 'colour' | 'requirement'>): LocalizedText {
  const brief = o.requirement.length > 60 ? `${o.requirement.slice(0, 59)}…` : o.requirement;
  return { zh: `落实${COLOUR_NAMES[o.colour].zh}：${brief}`, en: `Act on the ${COLOUR_NAMES[o.colour].en}: ${brief}` };
}

const FORWARD: Partial<Record<Stage, readonly Stage[]>> = {
  draft: ['in_approval'],
  in_approval: ['approved'],
  approved: ['in_implementation'],
  in_implementation: ['in_evaluation'],
  in_evaluation: ['closed', 'in_implementation'],
};

/**
 * The policy (reminders, escalation ladder) a deadline of this kind and key runs under in
 * a definition: what deadlinesOf gives it, for readers that have the row but not the matter.
 */
export function policyOf(def: WorkflowDefinitionBody, kind: DeadlineKind, key: string): DeadlinePolicy {
  switch (kind) {
    case 'stage':
      return def.stages[key.split(':')[1] as keyof WorkflowDefinitionBody['stages']];
    case 'approval_step':
      return def.approval;
    case 'milestone':
      return def.milestones;
    case 'part':
      return def.parts ?? def.milestones;
    case 'instruction':
      return instructionPolicy(def);
    case 'order':
      return orderPolicy(def);
    case 'acceptance':
      return def.acceptance ?? def.milestones;
    case 'progress_report':
      return def.progressReports;
    case 'urge_notice':
      return def.urgeNotices;
    case 'authorization_expiry':
      return authorizationExpiryPolicy(def);
  }
}

/** How a deadline that the matter no longer has came to an end. */
export function closingOf(key: string, after: Matter): 'met' | 'cancelled' {
  const cut = key.indexOf(':');
  const kind = key.slice(0, cut);
  const id = key.slice(cut + 1); // a uuid, or for progress the basis instant
  switch (kind) {
    case 'stage': {
      // stage:<stage>:<entered at>
      const stage = id.slice(0, id.indexOf(':')) as Stage;
      const entered = id.slice(id.indexOf(':') + 1);
      const movedOn = after.stage !== stage || after.stageEnteredAt !== entered;
      return movedOn && (FORWARD[stage] ?? []).includes(after.stage) ? 'met' : 'cancelled';
    }
    case 'step':
      return after.approvalSteps.find((s) => s.id === id)?.status === 'approved' ? 'met' : 'cancelled';
    case 'milestone':
      return after.milestones.find((ms) => ms.id === id)?.completedAt ? 'met' : 'cancelled';
    case 'part':
      return after.parts.find((p) => p.id === id)?.completedAt ? 'met' : 'cancelled';
    case 'instruction': {
      // met by the unit's report (or the office's closing after it); gone unanswered, it was cancelled with the matter
      const i = after.instructions.find((x) => x.id === id);
      return i && i.reports.length > 0 ? 'met' : 'cancelled';
    }
    case 'order':
      // met by the office's closing (销号); gone open, it was cancelled with the matter
      return after.supervisionOrders.find((o) => o.id === id)?.closedAt ? 'met' : 'cancelled';
    case 'acceptance': {
      // acceptance:<matter or part id>:<opened at>: met once that acceptance is accepted; returned, moved or ended, cancelled
      const subject = id.slice(0, id.indexOf(':'));
      const openedAt = id.slice(id.indexOf(':') + 1);
      const a = subject === after.id ? after.acceptance : after.parts.find((p) => p.id === subject)?.acceptance;
      return a && a.openedAt === openedAt && a.acceptedAt ? 'met' : 'cancelled';
    }
    case 'progress':
      // met by the narrative report of the period starting at `id`; before periods were recorded, by any later reading
      if (after.progressReports.some((r) => r.period?.startsAt === id)) return 'met';
      return after.reportPeriod === null && after.progress.some((p) => p.reportedAt > id) ? 'met' : 'cancelled';
    case 'urge':
      return after.urgeNotices.find((n) => n.id === id)?.acknowledgedAt ? 'met' : 'cancelled';
    case 'authorization':
      // the pilot closed while its authorization still held; withdrawn or terminated, it is moot
      return after.stage === 'closed' ? 'met' : 'cancelled';
    default:
      return 'cancelled';
  }
}

export interface TimerSpec {
  /** A reminder or an escalation sends mail; an `auto_order` issues a supervision order by the definition's rule. */
  kind: 'reminder' | 'escalation' | 'auto_order';
  /** Names the timer within its deadline version: `r-P7D`, `r-3wd`, `e1`, `o-red-late-5wd`, `o-blue-soon-P3D`. */
  label: string;
  level: number | null;
  fireAt: Instant;
  /** For escalations: whom this level notifies. */
  notify: readonly EscalationTarget[];
}

/**
 * The timers of a deadline: a reminder at each offset before the due time that is
 * still ahead of `now`, and every escalation level after it; and for each of the definition's
 * automatic order rules (`orders.auto`) that watches this kind of deadline, the moment it
 * issues its order: `overdueBy` after the due time (planned like an escalation, so at once when
 * already that late), `dueWithin` before it (like a reminder, only while still ahead). A suspended
 * deadline has none.
 */
export function planTimers(
  d: Pick<DeadlineSpec, 'dueAt' | 'policy' | 'suspended'> & Partial<Pick<DeadlineSpec, 'kind'>>,
  timeZone: string,
  calendar: BusinessCalendar,
  now: Date,
  autoOrders: readonly AutoOrderRule[] = [],
): TimerSpec[] {
  if (d.suspended) return [];
  const due = new Date(d.dueAt);
  const timers: TimerSpec[] = [];
  for (const offset of d.policy.reminders) {
    const fireAt = applyDuration(due, offset, timeZone, calendar, -1);
    if (fireAt.getTime() < now.getTime()) continue;
    timers.push({
      kind: 'reminder',
      label: `r-${labelOf(offset)}`,
      level: null,
      fireAt: fireAt.toISOString(),
      notify: ['responsible_manager'],
    });
  }
  for (const level of d.policy.escalation) {
    timers.push({
      kind: 'escalation',
      label: `e${level.level}`,
      level: level.level,
      fireAt: applyDuration(due, level.after, timeZone, calendar).toISOString(),
      notify: level.notify,
    });
  }
  for (const rule of autoOrders) {
    if (!d.kind || !(rule.kinds ?? DEFAULT_AUTO_ORDER_KINDS).some((k) => k === d.kind)) continue;
    const when = autoOrderWhen(rule);
    const fireAt =
      when.side === 'late' ? applyDuration(due, when.offset, timeZone, calendar) : applyDuration(due, when.offset, timeZone, calendar, -1);
    if (when.side === 'soon' && fireAt.getTime() < now.getTime()) continue;
    timers.push({ kind: 'auto_order', label: autoOrderLabel(rule), level: null, fireAt: fireAt.toISOString(), notify: [] });
  }
  return timers;
}

/** When a rule issues its order: `late` by `overdueBy` after the due time, or `soon`, `dueWithin` before it. */
function autoOrderWhen(rule: AutoOrderRule): { side: 'late' | 'soon'; offset: DurationSpec } {
  if (rule.overdueBy !== undefined) return { side: 'late', offset: rule.overdueBy };
  if (rule.dueWithin !== undefined) return { side: 'soon', offset: rule.dueWithin };
  throw new Error('an automatic order rule names overdueBy or dueWithin');
}

/** `o-red-late-5wd`: the colour, the side of the due time and the offset, which is all the timer must know to issue it. */
export function autoOrderLabel(rule: AutoOrderRule): string {
  const when = autoOrderWhen(rule);
  return `o-${rule.colour}-${when.side}-${labelOf(when.offset)}`;
}

/** The rule behind an `auto_order` timer's label; null for a label of another kind. */
export function autoOrderOfLabel(label: string): AutoOrderRule | null {
  const m = /^o-(blue|yellow|red)-(late|soon)-(?:(\d+)wd|(P.+))$/.exec(label);
  if (!m) return null;
  const offset: DurationSpec = m[3] ? { workingDays: Number(m[3]) } : m[4];
  return { colour: m[1] as AutoOrderRule['colour'], ...(m[2] === 'late' ? { overdueBy: offset } : { dueWithin: offset }) };
}

/**
 * What an order issued by a rule asks, in the office's language (zh-CN; an order's requirement is
 * one text, as an office writes it): the deadline by name, how late or how near, and what to do.
 */
export function autoOrderRequirement(rule: AutoOrderRule, subject: LocalizedText): string {
  const what = subject.zh ?? subject.en ?? '';
  const when = autoOrderWhen(rule);
  if (when.side === 'soon') return `「${what}」将在${zhDuration(when.offset)}内到期，请抓紧推进，确保按期完成。（按督办规则自动签发）`;
  const late = isZero(when.offset) ? '已逾期' : `已逾期超过${zhDuration(when.offset)}`;
  return `「${what}」${late}，请立即采取措施抓紧落实，并在督办期限内报告进展和整改情况。（按督办规则自动签发）`;
}

const isZero = (spec: DurationSpec): boolean => typeof spec === 'string' && zhDuration(spec) === '';

/** `5个工作日`, `3天`, `1天12小时`, `2秒`; '' for zero. */
function zhDuration(spec: DurationSpec): string {
  if (typeof spec !== 'string') return `${spec.workingDays}个工作日`;
  const d = parseDuration(spec);
  const parts: Array<[number, string]> = [
    [d.years, '年'],
    [d.months, '个月'],
    [d.weeks, '周'],
    [d.days, '天'],
    [d.hours, '小时'],
    [d.minutes, '分钟'],
    [d.seconds, '秒'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n}${unit}`)
    .join('');
}

const labelOf = (offset: Parameters<typeof describeDuration>[0]): string =>
  typeof offset === 'string' ? offset : `${offset.workingDays}wd`;

/** A recipient before it is resolved to people: the worker reads who holds the role when the timer fires. */
export type RecipientRef =
  | { kind: 'user'; userId: string }
  | { kind: 'unit_role'; unitId: string; role: Role }
  /** The unit's head; its managers when it has no head on record. */
  | { kind: 'unit_head'; unitId: string }
  | { kind: 'unit'; unitId: string };

/** Whom a timer notifies. `responsible_manager` means whoever must act on this deadline. */
export function recipientsOf(
  timer: Pick<TimerSpec, 'notify'>,
  d: Pick<DeadlineSpec, 'responsible' | 'unitId'>,
  authorities: { reformOfficeUnitId?: string; leadingGroupUnitId?: string },
): RecipientRef[] {
  const refs: RecipientRef[] = [];
  for (const target of timer.notify) {
    if (target === 'responsible_manager') refs.push(d.responsible);
    if (target === 'leading_unit_head') refs.push({ kind: 'unit_head', unitId: d.unitId });
    if (target === 'reform_office' && authorities.reformOfficeUnitId)
      refs.push({ kind: 'unit_role', unitId: authorities.reformOfficeUnitId, role: 'reform_office' });
    if (target === 'leading_group' && authorities.leadingGroupUnitId) refs.push({ kind: 'unit', unitId: authorities.leadingGroupUnitId });
  }
  return refs;
}

/**
 * Deadlines the leading unit answers for, and so what its on-schedule rate counts:
 * milestones, expected progress reports, reports on leaders' instructions, and the stages it must move (drafting,
 * starting implementation, completing it). Approval steps belong to the approving
 * units, the evaluation stage to the evaluator, a part to its participating unit
 * (`unitAnswering`), urge notices and supervision orders have their own figures.
 */
export function leadingUnitOwns(d: Pick<DeadlineSpec, 'kind' | 'key'>): boolean {
  if (d.kind === 'milestone' || d.kind === 'progress_report' || d.kind === 'instruction') return true;
  if (d.kind !== 'stage') return false;
  const stage = d.key.split(':')[1];
  return stage === 'draft' || stage === 'approved' || stage === 'in_implementation';
}

/**
 * The unit a deadline counts for in the scorecard: the participating unit for its part,
 * the leading unit for what `leadingUnitOwns`, none for the rest.
 */
export function unitAnswering(d: Pick<DeadlineSpec, 'kind' | 'key' | 'unitId'>, leadingUnitId: string): string | null {
  if (d.kind === 'part' || d.kind === 'acceptance') return d.unitId;
  return leadingUnitOwns(d) ? leadingUnitId : null;
}
