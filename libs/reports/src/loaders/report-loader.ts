import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import {
  type BusinessCalendar,
  type DeadlinePolicy,
  type DeliveryAssessment,
  type DeliveryInputs,
  type WorkflowDefinitionBody,
  applyDuration,
  assessDelivery,
  isTerminal,
  policyOf,
  targetMet,
} from '#domain';
import { DefinitionStore, type Tx } from '#persistence';
import { CALENDAR } from '#workflow';
import type { DeadlineFact, MilestoneFact, ReportFacts, SupervisionOrderFact, UrgeNoticeFact } from '../builders/facts.js';
import type { ExperienceFact } from '../builders/replication.js';
import type { AdoptionEntry, RubricCriterion } from '../model.js';
import { MATTER_COLUMNS, MATTER_JOINS, type MatterRow, iso, isoOf, loadTargets, matterRef, text, unitRef } from './rows.js';

type Q = Pick<Tx, 'query'>;
const DAY_MS = 24 * 3600 * 1000;

export interface FactsScope {
  /** Only matters this unit leads; null for all. */
  unitId: string | null;
  /** Deadlines due this many days after asOf are "upcoming". */
  upcomingWindowDays: number;
  from: Date;
  to: Date;
  asOf: Date;
  /** Also read when each matter's implementation ended within the period (a bulletin's 完成实施); off for the other reports. */
  completions?: boolean;
}

interface DeadlineRow {
  matter_id: string;
  kind: DeadlineFact['kind'];
  key: string;
  title_zh: string | null;
  title_en: string | null;
  due_at: Date;
  status: DeadlineFact['status'];
  closed_at: Date | null;
  policy: DeadlinePolicy;
  level: number | null;
  /** A part's participating unit; null for every other kind. */
  part_unit_id: string | null;
  part_unit_code: string | null;
  part_unit_name_zh: string | null;
  part_unit_name_en: string | null;
}

/**
 * Reads what reports are computed from, a few set-based queries per report (no
 * matter is loaded one by one), and judges each open matter's delivery status at
 * `asOf` by its definition's rules.
 */
@Injectable()
export class ReportLoader {
  constructor(
    private readonly definitions: DefinitionStore,
    @Inject(CALENDAR) private readonly calendar: BusinessCalendar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async facts(tx: Q, scope: FactsScope): Promise<ReportFacts> {
    const matters = await tx.query<MatterRow>(
      `SELECT ${MATTER_COLUMNS} FROM matters m ${MATTER_JOINS}
       WHERE m.created_at < $2 AND ($1::uuid IS NULL OR m.leading_unit_id = $1)
       ORDER BY m.code, m.id`,
      [scope.unitId, scope.to],
    );
    // the matters in scope, as a join (cheaper than an array of ids when there are thousands)
    const inScope = `JOIN matters m ON m.id = x.matter_id WHERE m.created_at < $2 AND ($1::uuid IS NULL OR m.leading_unit_id = $1)`;
    const bodies = new Map<string, WorkflowDefinitionBody>();
    for (const id of new Set(matters.map((m) => m.workflow_definition_id))) bodies.set(id, (await this.definitions.get(tx, id)).body);
    // An open deadline further ahead than the upcoming window, the period's end and every
    // definition's dueWithin rule changes no figure: it is not read (most of a big office's rows).
    let horizon = Math.max(scope.to.getTime(), scope.asOf.getTime() + scope.upcomingWindowDays * DAY_MS);
    for (const body of bodies.values())
      for (const rule of [...body.deliveryStatus.offTrack, ...body.deliveryStatus.atRisk])
        if (rule.dueWithin !== undefined)
          horizon = Math.max(horizon, applyDuration(scope.asOf, rule.dueWithin, body.timeZone, this.calendar).getTime());
    const params = [scope.unitId, scope.to, scope.from, scope.asOf];
    const definitionOf = new Map(matters.map((m) => [m.id, bodies.get(m.workflow_definition_id)!]));
    const deadlineRows = (
      await tx.query<Omit<DeadlineRow, 'policy'>>(
        `SELECT x.matter_id, x.kind, x.key, x.title_zh, x.title_en, x.due_at, x.status, x.closed_at,
                CASE WHEN x.due_at < $4 THEN
                  (SELECT max(t.level) FROM timers t
                    WHERE t.deadline_id = x.id AND t.kind = 'escalation' AND t.state = 'fired' AND t.fired_at <= $4)
                END AS level,
                pu.id AS part_unit_id, pu.code AS part_unit_code, pu.name_zh AS part_unit_name_zh, pu.name_en AS part_unit_name_en
         FROM deadlines x LEFT JOIN units pu ON x.kind IN ('part', 'acceptance') AND pu.id = x.unit_id
         ${inScope} AND x.created_at <= $4
           AND ((x.due_at >= $3 AND x.due_at < $2) OR ((x.closed_at IS NULL OR x.closed_at > $4) AND x.due_at < $5))`,
        [...params, new Date(horizon)],
      )
    )
      // a deadline runs under its definition's policy for its kind: read from the definition, not from each row
      .map((r): DeadlineRow => ({ ...r, policy: policyOf(definitionOf.get(r.matter_id)!, r.kind, r.key) }));
    const deadlines: DeadlineFact[] = deadlineRows.map((r) => ({
      matterId: r.matter_id,
      kind: r.kind,
      key: r.key,
      title: text(r.title_zh, r.title_en),
      dueAt: isoOf(r.due_at),
      status: r.status,
      closedAt: iso(r.closed_at),
      escalationLevel: r.level ?? 0,
      ...(r.part_unit_id ? { unit: unitRef(r.part_unit_id, r.part_unit_code!, r.part_unit_name_zh, r.part_unit_name_en) } : {}),
    }));
    const milestones = (
      await tx.query<{ matter_id: string; title_zh: string | null; title_en: string | null; due_at: Date; completed_at: Date | null }>(
        `SELECT x.matter_id, x.title_zh, x.title_en, x.due_at, x.completed_at FROM milestones x ${inScope}
         AND x.completed_at >= $3 AND x.completed_at < $2`,
        [scope.unitId, scope.to, scope.from],
      )
    ).map((r): MilestoneFact => ({
      matterId: r.matter_id,
      title: text(r.title_zh, r.title_en),
      dueAt: isoOf(r.due_at),
      completedAt: iso(r.completed_at),
    }));
    const urgeNotices = (
      await tx.query<{ matter_id: string; sent_at: Date; due_at: Date; acknowledged_at: Date | null }>(
        `SELECT x.matter_id, x.sent_at, x.due_at, x.acknowledged_at FROM urge_notices x ${inScope}
         AND x.sent_at <= $4 AND (x.sent_at >= $3 OR x.acknowledged_at IS NULL OR x.acknowledged_at > $4)`,
        params,
      )
    ).map((r): UrgeNoticeFact => ({
      matterId: r.matter_id,
      sentAt: isoOf(r.sent_at),
      dueAt: isoOf(r.due_at),
      acknowledgedAt: iso(r.acknowledged_at),
    }));

    const statuses = await this.statuses(tx, matters, bodies, deadlineRows, urgeNotices, scope.asOf);
    const exemptions = await tx.query<{ id: string; fault_tolerance: { reason: string; basis: string; recordedAt: string } }>(
      `SELECT m.id, m.fault_tolerance FROM matters m
       WHERE m.fault_tolerance IS NOT NULL AND (m.fault_tolerance->>'exempted')::boolean
         AND m.created_at < $2 AND ($1::uuid IS NULL OR m.leading_unit_id = $1)`,
      [scope.unitId, scope.to],
    );
    // implementation ends when evaluation is requested (evolve: 'evaluation.requested'); the last time within the period counts
    const completions = scope.completions
      ? await tx.query<{ matter_id: string; at: Date }>(
          `SELECT e.aggregate_id AS matter_id, max(e.occurred_at) AS at
           FROM audit_events e JOIN matters m ON m.id = e.aggregate_id
           WHERE e.aggregate_type = 'matter' AND e.type = 'evaluation.requested'
             AND e.occurred_at >= $3 AND e.occurred_at < $2 AND e.occurred_at <= $4
             AND m.created_at < $2 AND ($1::uuid IS NULL OR m.leading_unit_id = $1)
           GROUP BY e.aggregate_id`,
          [scope.unitId, scope.to, scope.from, scope.asOf],
        )
      : null;
    // 三色督办单 issued by asOf, for the bulletin's red-orders section (migration 1766000000000)
    const orders = scope.completions
      ? await tx.query<{
          matter_id: string;
          colour: SupervisionOrderFact['colour'];
          unit_id: string;
          unit_code: string;
          unit_name_zh: string | null;
          unit_name_en: string | null;
          requirement: string;
          due_at: Date;
          issued_at: Date;
          acknowledged_at: Date | null;
          closed_at: Date | null;
        }>(
          `SELECT x.matter_id, x.colour, x.unit_id, u.code AS unit_code, u.name_zh AS unit_name_zh, u.name_en AS unit_name_en,
                  x.requirement, x.due_at, x.issued_at, x.acknowledged_at, x.closed_at
           FROM supervision_orders x JOIN units u ON u.id = x.unit_id ${inScope}
             AND x.issued_at <= $4 AND (x.closed_at IS NULL OR x.closed_at > $3)`,
          params,
        )
      : null;
    return {
      ...(orders
        ? {
            supervisionOrders: orders.map((r): SupervisionOrderFact => ({
              matterId: r.matter_id,
              colour: r.colour,
              unit: unitRef(r.unit_id, r.unit_code, r.unit_name_zh, r.unit_name_en),
              requirement: r.requirement,
              dueAt: isoOf(r.due_at),
              issuedAt: isoOf(r.issued_at),
              acknowledgedAt: iso(r.acknowledged_at),
              closedAt: iso(r.closed_at),
            })),
          }
        : {}),
      matters: matters.map((m) => matterRef(m, this.config.api.publicUrl, statuses.get(m.id)?.status ?? null)),
      deadlines,
      milestones,
      urgeNotices,
      ...(completions ? { implementationsCompleted: completions.map((r) => ({ matterId: r.matter_id, at: r.at.toISOString() })) } : {}),
      exemptions: exemptions.map((r) => ({
        matterId: r.id,
        reason: r.fault_tolerance.reason,
        basis: r.fault_tolerance.basis,
        recordedAt: r.fault_tolerance.recordedAt,
      })),
    };
  }

  /** The delivery status of open matters at `asOf`, from the deadlines open then, their targets' progress and open urge notices. */
  private async statuses(
    tx: Q,
    matters: readonly MatterRow[],
    bodies: ReadonlyMap<string, WorkflowDefinitionBody>,
    deadlines: readonly DeadlineRow[],
    urge: readonly UrgeNoticeFact[],
    asOf: Date,
  ): Promise<Map<string, DeliveryAssessment>> {
    const open = matters.filter((m) => !isTerminal(m.stage));
    const ids = open.map((m) => m.id);
    const inputs = new Map<string, DeliveryInputs>(
      open.map((m) => [
        m.id,
        { stage: m.stage, targets: [], progress: [], urgeNotices: [], implementationStartedAt: iso(m.implementation_started_at) },
      ]),
    );
    if (ids.length) {
      for (const { matterId, ...target } of await loadTargets(tx, ids)) inputs.get(matterId)!.targets.push(target);
      const progress = await tx.query<{
        id: string;
        matter_id: string;
        target_id: string;
        value: string;
        as_of: string;
        reported_at: Date;
        reported_by: string;
      }>(
        `SELECT id, matter_id, target_id, value, to_char(as_of, 'YYYY-MM-DD') AS as_of, reported_at, reported_by
         FROM progress_reports WHERE matter_id = ANY($1::uuid[]) AND reported_at <= $2`,
        [ids, asOf],
      );
      for (const p of progress)
        inputs.get(p.matter_id)!.progress.push({
          id: p.id,
          targetId: p.target_id,
          value: Number(p.value),
          asOf: p.as_of,
          note: null,
          reportedBy: p.reported_by,
          reportedAt: isoOf(p.reported_at),
        });
    }
    for (const n of urge) {
      const i = inputs.get(n.matterId);
      if (i && (n.acknowledgedAt === null || Date.parse(n.acknowledgedAt) > asOf.getTime()))
        i.urgeNotices.push({
          id: '',
          message: '',
          sentBy: '',
          sentAt: n.sentAt,
          dueAt: n.dueAt,
          acknowledgedAt: null,
          acknowledgedBy: null,
          response: null,
        });
    }
    const live = new Map<string, Array<{ key: string; dueAt: string; suspended: boolean; policy: DeadlinePolicy }>>();
    for (const d of deadlines) {
      if (d.status !== 'suspended' && d.closed_at !== null && d.closed_at.getTime() <= asOf.getTime()) continue;
      const list = live.get(d.matter_id) ?? [];
      list.push({ key: d.key, dueAt: isoOf(d.due_at), suspended: d.status === 'suspended', policy: d.policy });
      live.set(d.matter_id, list);
    }
    const out = new Map<string, DeliveryAssessment>();
    for (const m of open)
      out.set(m.id, assessDelivery(inputs.get(m.id)!, live.get(m.id) ?? [], bodies.get(m.workflow_definition_id)!, this.calendar, asOf));
    return out;
  }

  /**
   * Experiences with their matters, evaluations and evidence: those issued in report
   * `number`, or (null) those not issued yet — the draft of the next batch.
   */
  async experiences(tx: Q, number: number | null): Promise<{ experiences: ExperienceFact[]; rubric: RubricCriterion[] }> {
    const rows = await tx.query<
      MatterRow & {
        e_id: string;
        e_title_zh: string | null;
        e_title_en: string | null;
        practice_zh: string | null;
        practice_en: string | null;
        conditions_zh: string | null;
        conditions_en: string | null;
        regions: string[];
        fields: string[];
        recorded_at: Date;
        c_id: string;
        c_code: string;
        c_name_zh: string | null;
        c_name_en: string | null;
        ev_name: string;
        ev_unit_id: string;
        ev_unit_code: string;
        ev_unit_name_zh: string | null;
        ev_unit_name_en: string | null;
        logged_at: Date;
        narrative: string;
        scores: Array<{ criterion: string; score: number }>;
        results: Array<{ targetId: string; actualValue: number | null; evidence: { text: string; links: string[] } }>;
      }
    >(
      `SELECT ${MATTER_COLUMNS},
              e.id AS e_id, e.title_zh AS e_title_zh, e.title_en AS e_title_en, e.practice_zh, e.practice_en,
              e.conditions_zh, e.conditions_en, e.regions, e.fields, e.recorded_at,
              c.id AS c_id, c.code AS c_code, c.name_zh AS c_name_zh, c.name_en AS c_name_en,
              ev.display_name AS ev_name, eu.id AS ev_unit_id, eu.code AS ev_unit_code, eu.name_zh AS ev_unit_name_zh, eu.name_en AS ev_unit_name_en,
              x.logged_at, x.narrative, x.scores, x.results
       FROM experiences e
       JOIN matters m ON m.id = e.matter_id ${MATTER_JOINS}
       JOIN units c ON c.id = e.contact_unit_id
       JOIN evaluations x ON x.id = e.evaluation_id
       JOIN users ev ON ev.id = x.evaluator_id
       JOIN units eu ON eu.id = x.evaluator_unit_id
       WHERE ${number === null ? 'e.report_number IS NULL' : 'e.report_number = $1'}
       ORDER BY m.code, m.id`,
      number === null ? [] : [number],
    );
    const ids = rows.map((r) => r.id);
    const targets = await loadTargets(tx, ids);
    const targetById = new Map(targets.map((t) => [t.id, t]));
    const rubric: RubricCriterion[] = [];
    for (const defId of new Set(rows.map((r) => r.workflow_definition_id))) {
      const def = await this.definitions.get(tx, defId);
      for (const c of def.body.evaluation.rubric) if (!rubric.some((x) => x.key === c.key)) rubric.push({ ...c, title: { ...c.title } });
    }
    const experiences = rows.map((r): ExperienceFact => ({
      id: r.e_id,
      matter: matterRef(r, this.config.api.publicUrl, null),
      title: text(r.e_title_zh, r.e_title_en),
      practice: text(r.practice_zh, r.practice_en),
      conditions: text(r.conditions_zh, r.conditions_en),
      regions: r.regions,
      fields: r.fields,
      contactUnit: unitRef(r.c_id, r.c_code, r.c_name_zh, r.c_name_en),
      recordedAt: isoOf(r.recorded_at),
      evaluation: {
        evaluator: { name: r.ev_name, unit: unitRef(r.ev_unit_id, r.ev_unit_code, r.ev_unit_name_zh, r.ev_unit_name_en) },
        loggedAt: isoOf(r.logged_at),
        narrative: r.narrative,
        scores: r.scores,
        results: r.results.flatMap((res) => {
          const t = targetById.get(res.targetId);
          if (!t) return [];
          return [
            {
              indicator: t.indicator,
              unit: t.unit,
              baseline: t.baseline,
              targetValue: t.targetValue,
              byDate: t.byDate,
              actualValue: res.actualValue,
              met: targetMet(t.comparison, t.targetValue, res.actualValue),
              evidence: res.evidence,
            },
          ];
        }),
      },
    }));
    return { experiences, rubric };
  }

  /** Higher authorities' adoptions of these experiences, by the authority's date, authority and batch number. */
  async adoptions(tx: Q, experienceIds: readonly string[]): Promise<AdoptionEntry[]> {
    if (experienceIds.length === 0) return [];
    const rows = await tx.query<{
      experience_id: string;
      e_title_zh: string | null;
      e_title_en: string | null;
      matter_code: string;
      a_id: string;
      a_code: string;
      a_name_zh: string | null;
      a_name_en: string | null;
      number: number;
      issued_on: string | null;
      title_zh: string | null;
      title_en: string | null;
      document_number: string | null;
      action: AdoptionEntry['action'];
    }>(
      `SELECT x.experience_id, e.title_zh AS e_title_zh, e.title_en AS e_title_en, m.code AS matter_code,
              u.id AS a_id, u.code AS a_code, u.name_zh AS a_name_zh, u.name_en AS a_name_en,
              b.number, to_char(b.issued_on, 'YYYY-MM-DD') AS issued_on, b.title_zh, b.title_en, b.document_number, x.action
       FROM experience_adoptions x
       JOIN experiences e ON e.id = x.experience_id
       JOIN matters m ON m.id = e.matter_id
       JOIN authority_batches b ON b.id = x.authority_batch_id
       JOIN units u ON u.id = b.authority_unit_id
       WHERE x.experience_id = ANY($1::uuid[])
       ORDER BY b.issued_on NULLS LAST, u.code, b.number, m.code`,
      [experienceIds],
    );
    return rows.map((r) => ({
      experienceId: r.experience_id,
      experienceTitle: text(r.e_title_zh, r.e_title_en),
      matterCode: r.matter_code,
      authority: unitRef(r.a_id, r.a_code, r.a_name_zh, r.a_name_en),
      batchNumber: r.number,
      issuedOn: r.issued_on,
      batchTitle: r.title_zh || r.title_en ? text(r.title_zh, r.title_en) : null,
      documentNumber: r.document_number,
      action: r.action,
    }));
  }
}
