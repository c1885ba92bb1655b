import { Inject, Injectable } from '@nestjs/common';
import {
  type Actor,
  type Clock,
  type LocalizedText,
  type MatterCommandType,
  type OrderColour,
  actionForDeadline,
  daysOverdue,
  hasRole,
  webPaths,
} from '#domain';
import { Db, DeadlineStore, DeputyStore, DirectoryStore, INBOX_SCAN_LIMIT, type InboxMatterRef, InboxQueries } from '#persistence';
import { CLOCK } from '../common/clock.js';

export const TASK_KINDS = [
  'approval_step',
  'milestone',
  'progress_report',
  'stage',
  'urge_notice',
  'evaluation',
  'evaluator_needed',
  'overdue_deadline',
  'delivery_failed',
  'authorization_expiry',
  'part',
  'instruction',
  'order',
  'acceptance',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** What the person does about a task: a matter command, or just opening the page. */
export type TaskAction = MatterCommandType | 'view' | 'view_delivery';

export interface Task {
  /** Stable across reads: `<kind>:<subject>`. */
  id: string;
  kind: TaskKind;
  matter: InboxMatterRef | null;
  subject: { id: string; title: LocalizedText } | null;
  action: TaskAction;
  dueAt: string | null;
  overdue: boolean;
  /** Whole days past due, counting a part day as one; 0 when not overdue. */
  daysOverdue: number;
  /** The highest escalation level fired for it; 0 before any. */
  escalationLevel: number;
  /** The due time is counted on weekends alone: its year has no holiday data yet (按周末估算). */
  dueProvisional: boolean;
  /** The web page that does it, with the action's form opened. */
  link: string;
  /** 委托代理: the task is this absent person's, and the reader stands in for them; null for one's own. */
  onBehalfOf: { id: string; displayName: string } | null;
  /** A supervision order's colour (三色督办单: blue, yellow, red); null for every other kind. */
  colour: OrderColour | null;
}

export interface TaskList {
  /** The most urgent first, at most 200 (INBOX_ITEMS). */
  items: Task[];
  /** Per kind, exact unless the kind is in `countsAtLeast`. */
  counts: Record<TaskKind, number>;
  /** Kinds with more waiting than were counted (a thousand or more): show "999+". */
  countsAtLeast: TaskKind[];
  /** Everything counted, of every kind. */
  total: number;
}

/**
 * 领导批示 come first (issue 16: the inbox shows open instructions first), then open red
 * supervision orders (the most pressing of the three colours), then the rest by due time, the undated last.
 */
const rank = (c: Candidate): number => (c.kind === 'instruction' ? 2 : c.kind === 'order' && c.colour === 'red' ? 1 : 0);
const byDue = (a: Candidate, b: Candidate): number =>
  rank(b) - rank(a) || (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.id.localeCompare(b.id);

/** The most items one answer lists; the counts cover the rest. */
export const INBOX_ITEMS = 200;

/** Actions whose form acts on one step, milestone or notice: their link names it. */
const SUBJECT_ACTIONS: ReadonlySet<TaskAction> = new Set([
  'approve_step',
  'complete_milestone',
  'acknowledge_urge_notice',
  'report_part',
  'report_instruction',
  'close_instruction',
  'acknowledge_supervision_order',
  'close_supervision_order',
  'accept_assignment',
  'resolve_returned_assignment',
]);

interface Candidate {
  id: string;
  kind: TaskKind;
  matterId: string | null;
  subject: Task['subject'];
  action: TaskAction;
  dueAt: Date | null;
  deadlineId: string | null;
  link: string;
  onBehalfOf?: { id: string; displayName: string };
  colour?: OrderColour;
}

function candidate(
  kind: TaskKind,
  key: string,
  matterId: string | null,
  subject: Task['subject'],
  action: TaskAction,
  dueAt: Date | null,
  deadlineId: string | null,
): Candidate {
  const command = action === 'view' || action === 'view_delivery' ? undefined : action;
  const link = matterId
    ? webPaths.matter(matterId, command, command && SUBJECT_ACTIONS.has(command) ? subject?.id : null)
    : webPaths.inbox();
  return { id: `${kind}:${key}`, kind, matterId, subject, action, dueAt, deadlineId, link };
}

const instructionToCloseTitle = (i: { leaderName: string; leaderTitle: string | null }): LocalizedText => ({
  zh: `${i.leaderTitle ?? ''}${i.leaderName}批示已报送落实情况，待销号`,
  en: `Instruction of ${i.leaderName}${i.leaderTitle ? ` (${i.leaderTitle})` : ''}: reported, to be closed`,
});

const COLOUR_ZH: Record<OrderColour, string> = { blue: '蓝色', yellow: '黄色', red: '红色' };
const orderToCloseTitle = (o: { colour: OrderColour; requirement: string }): LocalizedText => ({
  zh: `${COLOUR_ZH[o.colour]}督办单已签收，待销号：${o.requirement.slice(0, 60)}`,
  en: `${o.colour[0].toUpperCase()}${o.colour.slice(1)} supervision order acknowledged, to be closed: ${o.requirement.slice(0, 60)}`,
});

const returnedTitle = (reason: string): LocalizedText => ({
  zh: `单位退回交办事项，待处理：${reason.slice(0, 60)}`,
  en: `Assignment returned by its unit, to be resolved: ${reason.slice(0, 60)}`,
});

export interface DoneItem {
  seq: number;
  type: string;
  occurredAt: string;
  matter: InboxMatterRef | null;
}

const DAY_MS = 86_400_000;
const FAILED_MAIL_WINDOW_MS = 14 * DAY_MS;

/**
 * 我的待办: everything that awaits the signed-in person, sorted by when it is due (the
 * undated last), overdue ones marked, with the escalation level each has reached.
 * Approvers see the steps of their unit and role, managers their matters' milestones,
 * reports, stage deadlines and urge notices, evaluators their assigned evaluations; the
 * reform office also what needs the office: evaluators to assign, overdue deadlines in
 * every unit, mail that failed.
 */
@Injectable()
export class MyTasks {
  constructor(
    private readonly db: Db,
    private readonly inbox: InboxQueries,
    private readonly deadlines: DeadlineStore,
    private readonly deputyStore: DeputyStore,
    private readonly directory: DirectoryStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(actor: Actor): Promise<TaskList> {
    const now = this.clock.now();
    const own = await this.collect(actor, now);
    let candidates = own.candidates;
    const capped: TaskKind[] = [...own.capped];
    // 委托代理: what awaits the people this person stands in for, each marked as theirs
    const away = await this.deputyStore.absentFor(this.db, actor.userId, now);
    if (away.length) {
      const people = await this.directory.users(
        this.db,
        away.map((p) => p.userId),
      );
      const seen = new Set(candidates.map((c) => c.id));
      for (const period of away) {
        const person = people.get(period.userId);
        if (!person?.active) continue;
        const theirs = await this.collect({ userId: person.id, unitId: person.unitId, roles: person.roles }, now);
        const onBehalfOf = { id: person.id, displayName: person.displayName };
        for (const c of theirs.candidates) {
          if (seen.has(c.id)) continue; // a step of our unit and role is ours already
          seen.add(c.id);
          candidates.push({ ...c, onBehalfOf, link: `${c.link}${c.link.includes('?') ? '&' : '?'}onBehalfOf=${person.id}` });
        }
        capped.push(...theirs.capped.filter((k) => !capped.includes(k)));
      }
      candidates = candidates.sort(byDue);
    }
    return this.answer(candidates, capped, now);
  }

  /** Everything that awaits this person, unsorted beyond due time, with the kinds whose statement hit its limit. */
  private async collect(actor: Actor, now: Date): Promise<{ candidates: Candidate[]; capped: TaskKind[] }> {
    const office = hasRole(actor, 'reform_office');
    const [steps, deadlines, evaluations, needed, overdue, failed, toClose, ordersToClose, returned] = await Promise.all([
      this.inbox.steps(this.db, actor.unitId, actor.roles),
      this.inbox.deadlines(this.db, actor.userId, actor.unitId, actor.roles),
      hasRole(actor, 'evaluator') ? this.inbox.evaluations(this.db, actor.userId) : Promise.resolve([]),
      office ? this.inbox.evaluatorNeeded(this.db) : Promise.resolve([]),
      office ? this.inbox.overdue(this.db, now) : Promise.resolve([]),
      office ? this.inbox.failedDeliveries(this.db, new Date(now.getTime() - FAILED_MAIL_WINDOW_MS)) : Promise.resolve([]),
      office ? this.inbox.instructionsToClose(this.db) : Promise.resolve([]),
      office ? this.inbox.ordersToClose(this.db) : Promise.resolve([]),
      office ? this.inbox.returnedAssignments(this.db) : Promise.resolve([]),
    ]);
    const colours = await this.inbox.orderColours(
      this.db,
      deadlines.filter((d) => d.kind === 'order' && d.subjectId).map((d) => d.subjectId!),
    );
    const mine = new Set(deadlines.map((d) => d.deadlineId));

    // every candidate, cheap to make; only the most urgent ones are looked up and sent
    const candidates: Candidate[] = [
      ...steps.map((s) =>
        candidate('approval_step', s.stepId, s.matterId, { id: s.stepId, title: s.title }, 'approve_step', s.dueAt, s.deadlineId),
      ),
      ...deadlines.map((d) => {
        const c = candidate(
          d.kind === 'stage' ? 'stage' : d.kind,
          d.deadlineId,
          d.matterId,
          { id: d.subjectId ?? d.deadlineId, title: d.title },
          actionForDeadline(d.kind, d.key) ?? 'view',
          d.dueAt,
          d.deadlineId,
        );
        const colour = d.kind === 'order' && d.subjectId ? colours.get(d.subjectId) : undefined;
        return colour ? { ...c, colour } : c;
      }),
      // 销号: the unit has acknowledged; the office closes the order once the matter is back on track
      ...ordersToClose.map((o) => ({
        ...candidate(
          'order',
          `close:${o.orderId}`,
          o.matterId,
          { id: o.orderId, title: orderToCloseTitle(o) },
          'close_supervision_order',
          o.dueAt,
          null,
        ),
        colour: o.colour,
      })),
      // 退回: a unit gave back what it was assigned; the office keeps it with that unit or gives it to another
      ...returned.map((r) =>
        candidate(
          'acceptance',
          `returned:${r.partId ?? r.matterId}`,
          r.matterId,
          { id: r.partId ?? r.matterId, title: returnedTitle(r.reason) },
          'resolve_returned_assignment',
          r.returnedAt,
          null,
        ),
      ),
      ...evaluations.map((e) => candidate('evaluation', e.matterId, e.matterId, null, 'log_evaluation', e.dueAt, e.deadlineId)),
      ...needed.map((e) => candidate('evaluator_needed', e.matterId, e.matterId, null, 'assign_evaluator', e.dueAt, e.deadlineId)),
      ...overdue
        .filter((d) => !mine.has(d.deadlineId))
        .map((d) =>
          candidate(
            'overdue_deadline',
            d.deadlineId,
            d.matterId,
            { id: d.deadlineId, title: d.title },
            'send_urge_notice',
            d.dueAt,
            d.deadlineId,
          ),
        ),
      // 销号: the leading unit has reported; the office closes the instruction
      ...toClose.map((i) =>
        candidate(
          'instruction',
          i.instructionId,
          i.matterId,
          { id: i.instructionId, title: instructionToCloseTitle(i) },
          'close_instruction',
          i.dueAt,
          null,
        ),
      ),
      ...failed.map((f) => ({
        ...candidate(
          'delivery_failed',
          f.deliveryId,
          f.matterId,
          { id: f.deliveryId, title: { zh: f.subject ?? f.template, en: f.subject ?? f.template } },
          'view_delivery',
          null,
          null,
        ),
        link: f.matterId ? webPaths.matterTab(f.matterId, 'mail') : webPaths.inbox(),
      })),
    ].sort(byDue);
    // a statement that read its whole limit may have left rows unread: its kinds count "at least"
    const capped = [
      ...(steps.length >= INBOX_SCAN_LIMIT ? (['approval_step'] as const) : []),
      ...(deadlines.length >= INBOX_SCAN_LIMIT ||
      toClose.length >= INBOX_SCAN_LIMIT ||
      ordersToClose.length >= INBOX_SCAN_LIMIT ||
      returned.length >= INBOX_SCAN_LIMIT
        ? (['milestone', 'progress_report', 'stage', 'urge_notice', 'part', 'instruction', 'order', 'acceptance'] as const)
        : []),
      ...(evaluations.length >= INBOX_SCAN_LIMIT ? (['evaluation'] as const) : []),
      ...(needed.length >= INBOX_SCAN_LIMIT ? (['evaluator_needed'] as const) : []),
      ...(overdue.length >= INBOX_SCAN_LIMIT ? (['overdue_deadline'] as const) : []),
      ...(failed.length >= INBOX_SCAN_LIMIT ? (['delivery_failed'] as const) : []),
    ];
    return { candidates, capped };
  }

  private async answer(candidates: Candidate[], capped: readonly TaskKind[], now: Date): Promise<TaskList> {
    const counts = Object.fromEntries(TASK_KINDS.map((k) => [k, 0])) as Record<TaskKind, number>;
    for (const c of candidates) counts[c.kind] += 1;
    const shown = candidates.slice(0, INBOX_ITEMS);
    const shownDeadlines = shown.map((c) => c.deadlineId).filter((id): id is string => id !== null);
    const [levels, matters, provisional] = await Promise.all([
      this.inbox.escalationLevels(
        this.db,
        shown.map((c) => c.deadlineId).filter((id): id is string => id !== null),
      ),
      this.inbox.matters(
        this.db,
        shown.map((c) => c.matterId).filter((id): id is string => id !== null),
      ),
      this.deadlines.provisionalAmong(this.db, shownDeadlines),
    ]);
    const items = shown.map((c): Task => {
      const late = c.dueAt !== null && c.dueAt.getTime() < now.getTime();
      return {
        id: c.id,
        kind: c.kind,
        matter: c.matterId ? (matters.get(c.matterId) ?? null) : null,
        subject: c.subject,
        action: c.action,
        dueAt: c.dueAt?.toISOString() ?? null,
        overdue: late,
        daysOverdue: late ? daysOverdue(c.dueAt!, now) : 0,
        escalationLevel: c.deadlineId ? (levels.get(c.deadlineId) ?? 0) : 0,
        dueProvisional: c.deadlineId !== null && provisional.has(c.deadlineId),
        link: c.link,
        onBehalfOf: c.onBehalfOf ?? null,
        colour: c.colour ?? null,
      };
    });
    return {
      items,
      counts,
      countsAtLeast: TASK_KINDS.filter((k) => capped.includes(k)),
      total: candidates.length,
    };
  }

  async done(actor: Actor, page: number, pageSize: number): Promise<{ items: DoneItem[]; total: number; page: number; pageSize: number }> {
    const { items, total } = await this.inbox.done(this.db, actor.userId, page, pageSize);
    const matters = await this.inbox.matters(
      this.db,
      items.map((i) => i.matterId),
    );
    return {
      items: items.map((i) => ({
        seq: i.seq,
        type: i.type,
        occurredAt: i.occurredAt.toISOString(),
        matter: matters.get(i.matterId) ?? null,
      })),
      total,
      page,
      pageSize,
    };
  }
}
