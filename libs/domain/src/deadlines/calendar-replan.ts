import type { Instant } from '../common/ids.js';
import type { MatterEvent } from '../matters/events.js';
import type { Matter } from '../matters/matter.js';
import { reportCadence } from '../matters/reporting.js';
import type { Stage } from '../matters/vocabulary.js';
import { type BusinessCalendar, type DurationSpec, applyDuration } from '../time/business-calendar.js';
import { type WorkflowDefinitionBody, instructionPolicy, orderPolicy } from '../workflow/definition.js';

/**
 * Working-day deadlines over a year without holiday data are counted on weekends alone
 * and marked provisional. Once that year's data is added, `replanOnCalendar` counts them
 * again from the instant they were counted from; it changes nothing for ISO durations
 * or for due dates people gave (milestones).
 */

export interface WorkingDayBasis {
  /** The instant the duration was counted from. */
  from: Instant;
  spec: { workingDays: number };
  /** The due time the matter holds now. */
  dueAt: Instant;
}

const isWorkingDays = (spec: DurationSpec | null | undefined): spec is { workingDays: number } =>
  typeof spec === 'object' && spec !== null && 'workingDays' in spec;

/** How the due time behind a deadline key was counted, when it was counted in working days. */
export function workingDayBasis(
  m: Matter,
  def: Pick<
    WorkflowDefinitionBody,
    'stages' | 'approval' | 'urgeNotices' | 'progressReports' | 'timeZone' | 'milestones' | 'instructions' | 'orders' | 'acceptance'
  >,
  key: string,
  calendar: BusinessCalendar,
): WorkingDayBasis | null {
  const cut = key.indexOf(':');
  const kind = key.slice(0, cut);
  const id = key.slice(cut + 1);
  switch (kind) {
    case 'stage': {
      if (key !== `stage:${m.stage}:${m.stageEnteredAt}` || !m.stageDueAt) return null;
      const spec = def.stages[m.stage as Exclude<Stage, 'closed' | 'withdrawn' | 'terminated'>]?.due;
      return isWorkingDays(spec) ? { from: m.stageEnteredAt, spec, dueAt: m.stageDueAt } : null;
    }
    case 'step': {
      const step = m.approvalSteps.find((s) => s.id === id);
      const spec = def.approval.steps.find((d) => d.key === step?.key)?.due;
      return step?.startedAt && step.dueAt && isWorkingDays(spec) ? { from: step.startedAt, spec, dueAt: step.dueAt } : null;
    }
    case 'urge': {
      const notice = m.urgeNotices.find((n) => n.id === id);
      const spec = def.urgeNotices.acknowledgeWithin;
      return notice && isWorkingDays(spec) ? { from: notice.sentAt, spec, dueAt: notice.dueAt } : null;
    }
    case 'instruction': {
      // only the definition's time limit is counted in working days; a leader's own is a date or an instant
      const i = m.instructions.find((x) => x.id === id);
      const spec = instructionPolicy(def).reportWithin;
      return i && !i.dueGiven && isWorkingDays(spec) ? { from: i.recordedAt, spec, dueAt: i.dueAt } : null;
    }
    case 'order': {
      // only the definition's time is counted in working days; the office's own is a date or an instant
      const o = m.supervisionOrders.find((x) => x.id === id);
      const spec = orderPolicy(def).within;
      return o && !o.dueGiven && isWorkingDays(spec) ? { from: o.issuedAt, spec, dueAt: o.dueAt } : null;
    }
    case 'acceptance': {
      // acceptance:<matter or part id>:<opened at>: the definition's time to accept, counted from when it opened
      const subject = id.slice(0, id.indexOf(':'));
      const openedAt = id.slice(id.indexOf(':') + 1);
      const a = subject === m.id ? m.acceptance : m.parts.find((p) => p.id === subject)?.acceptance;
      const spec = def.acceptance?.within;
      return a && a.openedAt === openedAt && isWorkingDays(spec) ? { from: a.openedAt, spec, dueAt: a.dueAt } : null;
    }
    case 'progress': {
      const policy = def.progressReports;
      if (!m.reportPeriod) {
        // periods from before they were stored are derived on the calendar every time
        const spec = reportCadence(policy, m.riskLevel);
        return isWorkingDays(spec)
          ? { from: id, spec, dueAt: applyDuration(new Date(id), spec, def.timeZone, calendar).toISOString() }
          : null;
      }
      if (m.reportPeriod.startsAt !== id) return null;
      // the period's length is the cadence for the risk level when it opened, which the matter does not keep:
      // of the cadences the definition has, the one that lands nearest the stored due time (holidays move it by days, cadences differ by weeks)
      const stored = Date.parse(m.reportPeriod.dueAt);
      const candidates = [policy.every, ...(policy.byRisk ?? []).map((c) => c.every)].filter(isWorkingDays);
      const distance = (s: { workingDays: number }) => Math.abs(applyDuration(new Date(id), s, def.timeZone, calendar).getTime() - stored);
      const spec = candidates.sort((a, b) => distance(a) - distance(b))[0];
      return spec ? { from: id, spec, dueAt: m.reportPeriod.dueAt } : null;
    }
    default:
      return null;
  }
}

/**
 * The working-day due times of a matter's open deadlines, counted again on `calendar`:
 * one `deadlines.replanned` event with every due time that moves, or null when none does.
 */
export function replanOnCalendar(
  m: Matter,
  def: WorkflowDefinitionBody,
  calendar: BusinessCalendar,
  keys: readonly string[],
  now: Date,
): MatterEvent | null {
  const moves: Array<{ key: string; dueAt: Instant; previousDueAt: Instant }> = [];
  for (const key of keys) {
    // a period from before periods were stored is derived on the calendar each time: it follows by itself
    if (key.startsWith('progress:') && !m.reportPeriod) continue;
    const basis = workingDayBasis(m, def, key, calendar);
    if (!basis) continue;
    const dueAt = applyDuration(new Date(basis.from), basis.spec, def.timeZone, calendar).toISOString();
    if (dueAt !== basis.dueAt) moves.push({ key, dueAt, previousDueAt: basis.dueAt });
  }
  return moves.length ? { type: 'deadlines.replanned', at: now.toISOString(), actorId: '', reason: 'calendar', moves } : null;
}
