import { Inject, Injectable } from '@nestjs/common';
import { type Actor, type Clock, type LocalizedText, type MatterCommandType, actionForDeadline, hasRole, webPaths } from '#domain';
import { Db, type InboxDeadline, type InboxMatterRef, InboxQueries } from '#persistence';
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
  /** The web page that does it, with the action's form opened. */
  link: string;
}

export interface TaskList {
  items: Task[];
  counts: Record<TaskKind, number>;
  total: number;
}

export interface DoneItem {
  seq: number;
  type: string;
  occurredAt: string;
  matter: InboxMatterRef | null;
}

const DAY_MS = 86_400_000;
const FAILED_MAIL_WINDOW_MS = 14 * DAY_MS;

const deadlineAction = (d: InboxDeadline): TaskAction => actionForDeadline(d.kind, d.key) ?? 'view';

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
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(actor: Actor): Promise<TaskList> {
    const now = this.clock.now();
    const office = hasRole(actor, 'reform_office');
    const [steps, deadlines, evaluations, needed, overdue, failed] = await Promise.all([
      this.inbox.steps(this.db, actor.unitId, actor.roles),
      this.inbox.deadlines(this.db, actor.userId, actor.unitId, actor.roles),
      hasRole(actor, 'evaluator') ? this.inbox.evaluations(this.db, actor.userId) : Promise.resolve([]),
      office ? this.inbox.evaluatorNeeded(this.db) : Promise.resolve({ items: [], total: 0 }),
      office ? this.inbox.overdue(this.db, now) : Promise.resolve({ items: [], total: 0 }),
      office
        ? this.inbox.failedDeliveries(this.db, new Date(now.getTime() - FAILED_MAIL_WINDOW_MS))
        : Promise.resolve({ items: [], total: 0 }),
    ]);
    const mine = new Set(deadlines.map((d) => d.deadlineId));
    const othersOverdue = overdue.items.filter((d) => !mine.has(d.deadlineId));

    const deadlineIds = [
      ...steps.map((s) => s.deadlineId),
      ...deadlines.map((d) => d.deadlineId),
      ...evaluations.map((e) => e.deadlineId),
      ...needed.items.map((e) => e.deadlineId),
      ...othersOverdue.map((d) => d.deadlineId),
    ].filter((id): id is string => id !== null);
    const matterIds = [
      ...steps.map((s) => s.matterId),
      ...deadlines.map((d) => d.matterId),
      ...evaluations.map((e) => e.matterId),
      ...needed.items.map((e) => e.matterId),
      ...othersOverdue.map((d) => d.matterId),
      ...failed.items.map((f) => f.matterId).filter((id): id is string => id !== null),
    ];
    const [levels, matters] = await Promise.all([
      this.inbox.escalationLevels(this.db, deadlineIds),
      this.inbox.matters(this.db, matterIds),
    ]);

    const item = (
      kind: TaskKind,
      key: string,
      matterId: string | null,
      subject: Task['subject'],
      action: TaskAction,
      dueAt: Date | null,
      deadlineId: string | null,
      link?: string,
    ): Task => {
      const late = dueAt !== null && dueAt.getTime() < now.getTime();
      return {
        id: `${kind}:${key}`,
        kind,
        matter: matterId ? (matters.get(matterId) ?? null) : null,
        subject,
        action,
        dueAt: dueAt?.toISOString() ?? null,
        overdue: late,
        daysOverdue: late ? Math.ceil((now.getTime() - dueAt.getTime()) / DAY_MS) : 0,
        escalationLevel: deadlineId ? (levels.get(deadlineId) ?? 0) : 0,
        link:
          link ??
          (matterId ? webPaths.matter(matterId, action === 'view' || action === 'view_delivery' ? undefined : action, subject?.id) : '/'),
      };
    };

    const items: Task[] = [
      ...steps.map((s) =>
        item('approval_step', s.stepId, s.matterId, { id: s.stepId, title: s.title }, 'approve_step', s.dueAt, s.deadlineId),
      ),
      ...deadlines.map((d) =>
        item(
          d.kind === 'stage' ? 'stage' : (d.kind as TaskKind),
          d.deadlineId,
          d.matterId,
          d.subjectId ? { id: d.subjectId, title: d.title } : { id: d.deadlineId, title: d.title },
          deadlineAction(d),
          d.dueAt,
          d.deadlineId,
        ),
      ),
      ...evaluations.map((e) => item('evaluation', e.matterId, e.matterId, null, 'log_evaluation', e.dueAt, e.deadlineId)),
      ...needed.items.map((e) => item('evaluator_needed', e.matterId, e.matterId, null, 'assign_evaluator', e.dueAt, e.deadlineId)),
      ...othersOverdue.map((d) =>
        item('overdue_deadline', d.deadlineId, d.matterId, { id: d.deadlineId, title: d.title }, 'send_urge_notice', d.dueAt, d.deadlineId),
      ),
      ...failed.items.map((f) =>
        item(
          'delivery_failed',
          f.deliveryId,
          f.matterId,
          { id: f.deliveryId, title: { zh: f.subject ?? f.template, en: f.subject ?? f.template } },
          'view_delivery',
          null,
          null,
          f.matterId ? webPaths.matterTab(f.matterId, 'mail') : webPaths.inbox(),
        ),
      ),
    ].sort((a, b) => (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff') || a.id.localeCompare(b.id));

    const counts = Object.fromEntries(TASK_KINDS.map((k) => [k, 0])) as Record<TaskKind, number>;
    for (const t of items) counts[t.kind] += 1;
    // the office-wide lists are capped; their counts are not
    counts.evaluator_needed = needed.total;
    counts.overdue_deadline = Math.max(counts.overdue_deadline, overdue.total - (overdue.items.length - othersOverdue.length));
    counts.delivery_failed = failed.total;
    return { items, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
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
