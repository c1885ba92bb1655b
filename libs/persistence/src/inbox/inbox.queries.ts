import { Injectable } from '@nestjs/common';
import type { DeadlineKind, LocalizedText, OrderColour, Role, Stage } from '#domain';
import type { Tx } from '../db.js';

/**
 * What awaits one person (GET /me/tasks), read straight from the rows that say so: the
 * current approval steps of their unit and role, the open deadlines whose `responsible`
 * is them or their unit and role, the evaluations assigned to them, and for the reform
 * office the matters waiting for an evaluator, every overdue deadline and the mail that
 * failed. Each statement is served by an index of migration 1764288000000.
 */
export interface InboxStep {
  stepId: string;
  matterId: string;
  title: LocalizedText;
  dueAt: Date | null;
  deadlineId: string | null;
}

export interface InboxDeadline {
  deadlineId: string;
  matterId: string;
  kind: DeadlineKind;
  key: string;
  subjectId: string | null;
  title: LocalizedText;
  dueAt: Date;
}

export interface InboxEvaluation {
  matterId: string;
  dueAt: Date | null;
  deadlineId: string | null;
}

/** A leader's instruction the leading unit has reported on and the reform office has yet to close (销号). */
export interface InboxInstruction {
  instructionId: string;
  matterId: string;
  leaderName: string;
  leaderTitle: string | null;
  dueAt: Date;
}

/** An assignment a unit returned (退回) to the reform office, which must resolve it: the matter's own (`partId` null) or a part's. */
export interface InboxReturnedAssignment {
  matterId: string;
  partId: string | null;
  unitId: string;
  reason: string;
  returnedAt: Date;
}

/** A supervision order the unit has acknowledged and the reform office has yet to close (销号). */
export interface InboxOrder {
  orderId: string;
  matterId: string;
  colour: OrderColour;
  requirement: string;
  dueAt: Date;
}

export interface InboxFailedDelivery {
  deliveryId: string;
  matterId: string | null;
  subject: string | null;
  recipientEmail: string;
  template: string;
  failedAt: Date;
}

export interface InboxMatterRef {
  id: string;
  code: string;
  title: LocalizedText;
  stage: Stage;
  leadingUnit: { id: string; code: string; name: LocalizedText };
}

export interface DoneEntry {
  seq: number;
  type: string;
  occurredAt: Date;
  matterId: string;
}

/**
 * Each statement reads at most this many rows: the counts are exact below it and "at least"
 * at it (a badge shows 999+ long before), which keeps every statement bounded at any scale.
 */
export const INBOX_SCAN_LIMIT = 1000;

const text = (zh: unknown, en: unknown): LocalizedText => ({
  ...(zh ? { zh: zh as string } : {}),
  ...(en ? { en: en as string } : {}),
});

interface DeadlineRow {
  id: string;
  matter_id: string;
  kind: DeadlineKind;
  key: string;
  subject_id: string | null;
  title_zh: string | null;
  title_en: string | null;
  due_at: Date;
}

const DEADLINE_COLUMNS = 'd.id, d.matter_id, d.kind, d.key, d.subject_id, d.title_zh, d.title_en, d.due_at';
/** Steps have their own query; the stages of approval and evaluation belong to approvers and evaluators. */
const PERSONAL_DEADLINES = `d.kind <> 'approval_step' AND d.key NOT LIKE 'stage:in_approval:%' AND d.key NOT LIKE 'stage:in_evaluation:%'`;

const toDeadline = (r: DeadlineRow): InboxDeadline => ({
  deadlineId: r.id,
  matterId: r.matter_id,
  kind: r.kind,
  key: r.key,
  subjectId: r.subject_id,
  title: text(r.title_zh, r.title_en),
  dueAt: new Date(r.due_at),
});

@Injectable()
export class InboxQueries {
  /** The current step of every matter in approval that this unit and one of these roles decide. */
  async steps(tx: Pick<Tx, 'query'>, unitId: string, roles: readonly Role[]): Promise<InboxStep[]> {
    const rows = await tx.query<{
      id: string;
      matter_id: string;
      title_zh: string | null;
      title_en: string | null;
      due_at: Date | null;
      deadline_id: string | null;
    }>(
      `SELECT s.id, s.matter_id, s.title_zh, s.title_en, s.due_at, d.id AS deadline_id
       FROM approval_steps s
       JOIN matters m ON m.id = s.matter_id AND m.stage = 'in_approval' AND m.approval_round = s.round
       LEFT JOIN deadlines d ON d.matter_id = s.matter_id AND d.key = 'step:' || s.id AND d.status = 'open'
       WHERE s.unit_id = $1 AND s.role = ANY($2) AND s.status = 'pending' AND s.started_at IS NOT NULL
       ORDER BY s.due_at NULLS LAST, s.id
       LIMIT ${INBOX_SCAN_LIMIT}`,
      [unitId, [...roles]],
    );
    return rows.map((r) => ({
      stepId: r.id,
      matterId: r.matter_id,
      title: text(r.title_zh, r.title_en),
      dueAt: r.due_at ? new Date(r.due_at) : null,
      deadlineId: r.deadline_id,
    }));
  }

  /** Open deadlines this person answers for, by name or through their unit and role. */
  async deadlines(tx: Pick<Tx, 'query'>, userId: string, unitId: string, roles: readonly Role[]): Promise<InboxDeadline[]> {
    // two statements rather than an OR, so each uses its own partial index
    const [mine, ours] = await Promise.all([
      tx.query<DeadlineRow>(
        `SELECT ${DEADLINE_COLUMNS} FROM deadlines d
         WHERE d.status = 'open' AND d.responsible->>'kind' = 'user' AND (d.responsible->>'userId')::uuid = $1 AND ${PERSONAL_DEADLINES}
         ORDER BY d.due_at LIMIT ${INBOX_SCAN_LIMIT}`,
        [userId],
      ),
      tx.query<DeadlineRow>(
        `SELECT ${DEADLINE_COLUMNS} FROM deadlines d
         WHERE d.status = 'open' AND d.responsible->>'kind' = 'unit_role' AND (d.responsible->>'unitId')::uuid = $1
           AND (d.responsible->>'role') = ANY($2) AND ${PERSONAL_DEADLINES}
         ORDER BY d.due_at LIMIT ${INBOX_SCAN_LIMIT}`,
        [unitId, [...roles]],
      ),
    ]);
    return [...mine, ...ours].map(toDeadline);
  }

  /** Matters in evaluation whose current round is assigned to this evaluator. */
  async evaluations(tx: Pick<Tx, 'query'>, userId: string): Promise<InboxEvaluation[]> {
    const rows = await tx.query<{ id: string; stage_due_at: Date | null; deadline_id: string | null }>(
      `SELECT m.id, m.stage_due_at, d.id AS deadline_id
       FROM matters m
       LEFT JOIN deadlines d ON d.matter_id = m.id AND d.kind = 'stage' AND d.status = 'open'
       WHERE m.evaluator_id = $1 AND m.stage = 'in_evaluation'
       ORDER BY m.stage_due_at NULLS LAST, m.id LIMIT ${INBOX_SCAN_LIMIT}`,
      [userId],
    );
    return rows.map((r) => ({ matterId: r.id, dueAt: r.stage_due_at ? new Date(r.stage_due_at) : null, deadlineId: r.deadline_id }));
  }

  /** For the reform office: matters in evaluation that no evaluator has been assigned to. */
  async evaluatorNeeded(tx: Pick<Tx, 'query'>): Promise<InboxEvaluation[]> {
    const rows = await tx.query<{ id: string; stage_due_at: Date | null; deadline_id: string | null }>(
      `SELECT m.id, m.stage_due_at, d.id AS deadline_id
       FROM matters m
       LEFT JOIN deadlines d ON d.matter_id = m.id AND d.kind = 'stage' AND d.status = 'open'
       WHERE m.stage = 'in_evaluation' AND m.evaluator_id IS NULL
       ORDER BY m.stage_due_at NULLS LAST, m.id LIMIT ${INBOX_SCAN_LIMIT}`,
    );
    return rows.map((r) => ({ matterId: r.id, dueAt: r.stage_due_at ? new Date(r.stage_due_at) : null, deadlineId: r.deadline_id }));
  }

  /** For the reform office: every open deadline already past, most overdue first, across units. */
  async overdue(tx: Pick<Tx, 'query'>, now: Date): Promise<InboxDeadline[]> {
    const rows = await tx.query<DeadlineRow>(
      `SELECT ${DEADLINE_COLUMNS} FROM deadlines d WHERE d.status = 'open' AND d.due_at < $1 ORDER BY d.due_at LIMIT ${INBOX_SCAN_LIMIT}`,
      [now],
    );
    return rows.map(toDeadline);
  }

  /** For the reform office: reported instructions awaiting 销号 on matters still under way, oldest first (migration 1765800000000). */
  async instructionsToClose(tx: Pick<Tx, 'query'>): Promise<InboxInstruction[]> {
    const rows = await tx.query<{ id: string; matter_id: string; leader_name: string; leader_title: string | null; due_at: Date }>(
      `SELECT li.id, li.matter_id, li.leader_name, li.leader_title, li.due_at
       FROM matter_instructions li
       JOIN matters m ON m.id = li.matter_id AND m.stage IN ('approved', 'in_implementation', 'in_evaluation')
       WHERE li.closed_at IS NULL AND li.reports <> '[]'::jsonb
       ORDER BY li.recorded_at, li.id LIMIT ${INBOX_SCAN_LIMIT}`,
    );
    return rows.map((r) => ({
      instructionId: r.id,
      matterId: r.matter_id,
      leaderName: r.leader_name,
      leaderTitle: r.leader_title,
      dueAt: new Date(r.due_at),
    }));
  }

  /** For the reform office: assignments returned (退回) by their unit and not yet resolved, oldest first (migration 1766100000000). */
  async returnedAssignments(tx: Pick<Tx, 'query'>): Promise<InboxReturnedAssignment[]> {
    const rows = await tx.query<{
      matter_id: string;
      part_id: string | null;
      acceptance: { unitId: string; returnReason: string; returnedAt: string };
    }>(
      `SELECT m.id AS matter_id, NULL::uuid AS part_id, m.acceptance
       FROM matters m
       WHERE m.acceptance ? 'returnedAt' AND m.acceptance->>'returnedAt' IS NOT NULL AND m.stage = 'in_implementation'
       UNION ALL
       SELECT pt.matter_id, pt.id, pt.acceptance
       FROM matter_parts pt JOIN matters m ON m.id = pt.matter_id AND m.stage = 'in_implementation'
       WHERE pt.acceptance ? 'returnedAt' AND pt.acceptance->>'returnedAt' IS NOT NULL AND pt.completed_at IS NULL
       ORDER BY 1, 2 NULLS FIRST LIMIT ${INBOX_SCAN_LIMIT}`,
    );
    return rows.map((r) => ({
      matterId: r.matter_id,
      partId: r.part_id,
      unitId: r.acceptance.unitId,
      reason: r.acceptance.returnReason,
      returnedAt: new Date(r.acceptance.returnedAt),
    }));
  }

  /** For the reform office: supervision orders the unit has acknowledged and the office has yet to close (销号), oldest first (migration 1766000000000). */
  async ordersToClose(tx: Pick<Tx, 'query'>): Promise<InboxOrder[]> {
    const rows = await tx.query<{ id: string; matter_id: string; colour: OrderColour; requirement: string; due_at: Date }>(
      `SELECT so.id, so.matter_id, so.colour, so.requirement, so.due_at
       FROM supervision_orders so
       JOIN matters m ON m.id = so.matter_id AND m.stage IN ('approved', 'in_implementation', 'in_evaluation')
       WHERE so.closed_at IS NULL AND so.acknowledged_at IS NOT NULL
       ORDER BY so.issued_at, so.id LIMIT ${INBOX_SCAN_LIMIT}`,
    );
    return rows.map((r) => ({
      orderId: r.id,
      matterId: r.matter_id,
      colour: r.colour,
      requirement: r.requirement,
      dueAt: new Date(r.due_at),
    }));
  }

  /** The colour of each of these supervision orders (the inbox tags and sorts them by it). */
  async orderColours(tx: Pick<Tx, 'query'>, orderIds: readonly string[]): Promise<Map<string, OrderColour>> {
    if (orderIds.length === 0) return new Map();
    const rows = await tx.query<{ id: string; colour: OrderColour }>(
      `SELECT id, colour FROM supervision_orders WHERE id = ANY($1::uuid[])`,
      [[...orderIds]],
    );
    return new Map(rows.map((r) => [r.id, r.colour]));
  }

  /** For the reform office: mail that could not be delivered since `since`. */
  async failedDeliveries(tx: Pick<Tx, 'query'>, since: Date): Promise<InboxFailedDelivery[]> {
    const rows = await tx.query<{
      id: string;
      matter_id: string | null;
      subject: string | null;
      recipient_email: string;
      template: string;
      updated_at: Date;
    }>(
      `SELECT id, matter_id, subject, recipient_email, template, updated_at
       FROM deliveries WHERE state = 'failed' AND updated_at >= $1
       ORDER BY updated_at DESC LIMIT ${INBOX_SCAN_LIMIT}`,
      [since],
    );
    return rows.map((r) => ({
      deliveryId: r.id,
      matterId: r.matter_id,
      subject: r.subject,
      recipientEmail: r.recipient_email,
      template: r.template,
      failedAt: new Date(r.updated_at),
    }));
  }

  /** The highest escalation level fired for the current version of each deadline. */
  async escalationLevels(tx: Pick<Tx, 'query'>, deadlineIds: readonly string[]): Promise<Map<string, number>> {
    if (deadlineIds.length === 0) return new Map();
    const rows = await tx.query<{ deadline_id: string; level: number }>(
      `SELECT t.deadline_id, max(t.level) AS level
       FROM timers t JOIN deadlines d ON d.id = t.deadline_id AND d.version = t.deadline_version
       WHERE t.deadline_id = ANY($1::uuid[]) AND t.kind = 'escalation' AND t.state = 'fired'
       GROUP BY t.deadline_id`,
      [[...new Set(deadlineIds)]],
    );
    return new Map(rows.map((r) => [r.deadline_id, Number(r.level)]));
  }

  async matters(tx: Pick<Tx, 'query'>, ids: readonly string[]): Promise<Map<string, InboxMatterRef>> {
    if (ids.length === 0) return new Map();
    const rows = await tx.query<Record<string, unknown>>(
      `SELECT m.id, m.code, m.title_zh, m.title_en, m.stage, u.id AS unit_id, u.code AS unit_code, u.name_zh AS unit_name_zh, u.name_en AS unit_name_en
       FROM matters m JOIN units u ON u.id = m.leading_unit_id WHERE m.id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(
      rows.map((r) => [
        r.id as string,
        {
          id: r.id as string,
          code: r.code as string,
          title: text(r.title_zh, r.title_en),
          stage: r.stage as Stage,
          leadingUnit: { id: r.unit_id as string, code: r.unit_code as string, name: text(r.unit_name_zh, r.unit_name_en) },
        },
      ]),
    );
  }

  /** What this person did to matters, newest first (their own audit events). */
  async done(tx: Pick<Tx, 'query'>, userId: string, page: number, pageSize: number): Promise<{ items: DoneEntry[]; total: number }> {
    const [rows, [{ total }]] = await Promise.all([
      tx.query<{ seq: number; type: string; occurred_at: Date; aggregate_id: string }>(
        `SELECT seq, type, occurred_at, aggregate_id FROM audit_events
         WHERE actor_id = $1 AND aggregate_type = 'matter' ORDER BY id DESC LIMIT $2 OFFSET $3`,
        [userId, pageSize, (page - 1) * pageSize],
      ),
      tx.query<{ total: string }>(`SELECT count(*) AS total FROM audit_events WHERE actor_id = $1 AND aggregate_type = 'matter'`, [userId]),
    ]);
    return {
      items: rows.map((r) => ({ seq: r.seq, type: r.type, occurredAt: new Date(r.occurred_at), matterId: r.aggregate_id })),
      total: Number(total),
    };
  }
}
