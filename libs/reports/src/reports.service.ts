import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import {
  type Actor,
  type BusinessCalendar,
  type Clock,
  type DeliveryAssessment,
  type LocalizedText,
  type Target,
  type Trajectory,
  assessDelivery,
  conflict,
  deadlinesOf,
  forbidden,
  hasRole,
  notFound,
  trajectoryOf,
  webPaths,
} from '#domain';
import { AuditLog, Db, DefinitionStore, TargetReadingEntity, type Tx } from '#persistence';
import { DeliveryWriter, reformOfficeRecipients, resolveRecipients } from '#notifications';
import { CALENDAR, CLOCK, MatterReader, type TargetReadingView, readingView } from '#workflow';
import { buildProgressReport, buildScorecard } from './builders/progress.js';
import { buildReplicationReport } from './builders/replication.js';
import { ReportLoader } from './loaders/report-loader.js';
import { unitRef } from './loaders/rows.js';
import type { ProgressReport, ReplicationReport, UnitRef, UnitScorecard } from './model.js';

export interface PeriodQuery {
  from: Date;
  to: Date;
}

export interface ReplicationSummary {
  number: number;
  title: LocalizedText;
  issuedAt: string;
  issuedBy: string;
  experienceCount: number;
  checksum: string;
}

export const PROGRESS_TITLE: LocalizedText = { zh: '综合改革试点推进情况报告', en: 'Comprehensive reform pilot: progress report' };
export const SCORECARD_TITLE: LocalizedText = { zh: '牵头单位推进情况评分表', en: 'Leading units scorecard' };
export const DRAFT_REPLICATION_TITLE: LocalizedText = {
  zh: '可复制推广经验清单（待印发）',
  en: 'Replicable experiences (draft of the next batch)',
};
export const replicationTitle = (n: number): LocalizedText => ({
  zh: `深圳综合改革试点第${n}批可复制推广经验清单`,
  en: `Shenzhen comprehensive reform pilot: replicable experiences, batch ${n}`,
});

/** The audit chain of replication report n lives under a uuid made from its number. */
export const replicationAuditId = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const UPCOMING_WINDOW_DAYS = 14;

/**
 * The reports a reform office reads, and who may read which: the progress report
 * (reform office and administrators for any unit; a manager for the unit they work
 * in), the unit scorecard (reform office, administrators), replication reports
 * (issued ones: everyone signed in; the draft and issuing: the reform office).
 */
@Injectable()
export class Reports {
  constructor(
    private readonly db: Db,
    private readonly loader: ReportLoader,
    private readonly audit: AuditLog,
    private readonly deliveries: DeliveryWriter,
    private readonly matters: MatterReader,
    private readonly definitions: DefinitionStore,
    @Inject(CALENDAR) private readonly calendar: BusinessCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get timeZone(): string {
    return this.config.reports.timeZone;
  }

  /** An open matter's delivery status now (green, amber, red) and every rule that holds; null status once it is closed. */
  async matterStatus(actor: Actor, matterId: string): Promise<DeliveryAssessment & { matterId: string; asOf: string }> {
    const m = await this.matters.get(actor, matterId);
    const { body } = await this.definitions.get(this.db, m.workflow.definitionId);
    const now = this.clock.now();
    return { matterId, asOf: now.toISOString(), ...assessDelivery(m, deadlinesOf(m, body, this.calendar), body, this.calendar, now) };
  }

  /** Each target's reported values against its planned line from baseline (when implementation started) to target (at its date). */
  async matterTrajectory(
    actor: Actor,
    matterId: string,
  ): Promise<{ matterId: string; asOf: string; targets: Array<Trajectory & { target: Target; documentReadings: TargetReadingView[] }> }> {
    const m = await this.matters.get(actor, matterId);
    const { body } = await this.definitions.get(this.db, m.workflow.definitionId);
    const now = this.clock.now();
    // values the source documents give for a target (000's 76.5 % for BEP-02), beside the units' own reports
    const readings = (
      await this.db.dataSource.getRepository(TargetReadingEntity).find({ where: { matterId }, order: { asOf: 'ASC', recordedAt: 'ASC' } })
    ).map(readingView);
    return {
      matterId,
      asOf: now.toISOString(),
      targets: m.targets.map((t) => ({
        target: t,
        ...trajectoryOf(m, t, body.timeZone, now),
        documentReadings: readings.filter((r) => r.targetId === t.id),
      })),
    };
  }

  /** The unit a progress report may cover for this person: any (null = all) for the office, their own for a manager. */
  progressScope(actor: Actor, unitId: string | null): string | null {
    if (hasRole(actor, 'reform_office') || hasRole(actor, 'admin')) return unitId;
    if (hasRole(actor, 'manager')) {
      if (unitId !== null && unitId !== actor.unitId)
        throw forbidden('report.other_unit', 'a manager reads the progress report of their own unit only');
      return actor.unitId;
    }
    throw forbidden('report.not_permitted', 'the progress report is for the reform office and the managers of leading units');
  }

  async progress(actor: Actor, unitId: string | null, period: PeriodQuery): Promise<ProgressReport> {
    return this.buildProgress(this.db, this.progressScope(actor, unitId), period, this.clock.now());
  }

  /** The progress report as of `now`, for the worker's schedules and the API alike. */
  async buildProgress(tx: Pick<Tx, 'query'>, unitId: string | null, period: PeriodQuery, now: Date): Promise<ProgressReport> {
    const asOf = new Date(Math.min(period.to.getTime(), now.getTime()));
    const unit = unitId === null ? null : await this.unit(tx, unitId);
    const facts = await this.loader.facts(tx, { unitId, from: period.from, to: period.to, asOf, upcomingWindowDays: UPCOMING_WINDOW_DAYS });
    return buildProgressReport(facts, {
      title: PROGRESS_TITLE,
      unit,
      period: { from: period.from.toISOString(), to: period.to.toISOString() },
      asOf: asOf.toISOString(),
      generatedAt: now.toISOString(),
      timeZone: this.timeZone,
      upcomingWindowDays: UPCOMING_WINDOW_DAYS,
    });
  }

  async scorecard(actor: Actor, period: PeriodQuery): Promise<UnitScorecard> {
    if (!hasRole(actor, 'reform_office') && !hasRole(actor, 'admin'))
      throw forbidden('report.not_permitted', 'the unit scorecard is for the reform office');
    return this.buildScorecard(this.db, period, this.clock.now());
  }

  async buildScorecard(tx: Pick<Tx, 'query'>, period: PeriodQuery, now: Date): Promise<UnitScorecard> {
    const asOf = new Date(Math.min(period.to.getTime(), now.getTime()));
    const facts = await this.loader.facts(tx, { unitId: null, from: period.from, to: period.to, asOf, upcomingWindowDays: 0 });
    return buildScorecard(facts, {
      title: SCORECARD_TITLE,
      period: { from: period.from.toISOString(), to: period.to.toISOString() },
      asOf: asOf.toISOString(),
      generatedAt: now.toISOString(),
      timeZone: this.timeZone,
    });
  }

  /** What the next batch would issue: every experience not issued yet. */
  async replicationDraft(actor: Actor): Promise<ReplicationReport> {
    this.requireOffice(actor, 'read the draft of the next replication report');
    return this.withAdoptions(await this.buildDraft(this.db, this.clock.now()));
  }

  /** The report with its experiences' adoptions by higher authorities as recorded now, outside its checksum. */
  private async withAdoptions(report: ReplicationReport): Promise<ReplicationReport> {
    const ids = report.groups.flatMap((g) => g.experiences.map((e) => e.id));
    return { ...report, adoptions: { asOf: this.clock.now().toISOString(), items: await this.loader.adoptions(this.db, ids) } };
  }

  async buildDraft(tx: Pick<Tx, 'query'>, now: Date): Promise<ReplicationReport> {
    const { experiences, rubric } = await this.loader.experiences(tx, null);
    return buildReplicationReport(experiences, {
      number: null,
      issuedAt: null,
      issuedBy: null,
      title: DRAFT_REPLICATION_TITLE,
      generatedAt: now.toISOString(),
      timeZone: this.timeZone,
      rubric,
    });
  }

  async listReplication(): Promise<ReplicationSummary[]> {
    const rows = await this.db.query<{
      number: number;
      title_zh: string | null;
      title_en: string | null;
      issued_at: Date;
      issued_by: string;
      experience_count: number;
      checksum: string;
    }>(
      `SELECT r.number, r.title_zh, r.title_en, r.issued_at, u.display_name AS issued_by, r.experience_count, r.checksum
       FROM replication_reports r JOIN users u ON u.id = r.issued_by ORDER BY r.number`,
    );
    return rows.map((r) => ({
      number: r.number,
      title: { ...(r.title_zh !== null ? { zh: r.title_zh } : {}), ...(r.title_en !== null ? { en: r.title_en } : {}) },
      issuedAt: r.issued_at.toISOString(),
      issuedBy: r.issued_by,
      experienceCount: r.experience_count,
      checksum: r.checksum,
    }));
  }

  /** An issued report exactly as it was issued (the stored document, not recomputed). */
  async replication(number: number): Promise<ReplicationReport> {
    const [row] = await this.db.query<{ document: ReplicationReport }>('SELECT document FROM replication_reports WHERE number = $1', [
      number,
    ]);
    if (!row) throw notFound('replication_report.unknown', `no replication report has number ${number}`, 'number');
    return this.withAdoptions(row.document);
  }

  /**
   * Issues the next numbered batch, in one transaction: every experience not issued yet
   * gets this number (an experience is issued exactly once: the table's trigger refuses
   * to change it later), the report is stored as issued with its checksum, the audit
   * trail records it, and the reform office and the leading units' managers are mailed.
   * Two reform-office users issuing at once get two consecutive batches or one batch and
   * a 409, never the same experience twice.
   */
  async issueReplication(actor: Actor, title: LocalizedText | undefined): Promise<ReplicationReport> {
    this.requireOffice(actor, 'issue a replication report');
    return this.db.transaction(async (tx) => {
      // one issuer at a time: numbers are consecutive and no experience is taken twice
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('reformflow.replication_reports'))`);
      const now = this.clock.now();
      const [{ next }] = await tx.query<{ next: number }>('SELECT COALESCE(max(number), 0) + 1 AS next FROM replication_reports');
      const { experiences, rubric } = await this.loader.experiences(tx, null);
      if (experiences.length === 0)
        throw conflict(
          'replication.nothing_to_issue',
          'every recorded experience has been issued already: there is nothing for a new batch',
        );
      const [issuer] = await tx.query<{
        display_name: string;
        unit_id: string;
        code: string;
        name_zh: string | null;
        name_en: string | null;
      }>(
        `SELECT u.display_name, n.id AS unit_id, n.code, n.name_zh, n.name_en FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id = $1`,
        [actor.userId],
      );
      const report = buildReplicationReport(experiences, {
        number: next,
        issuedAt: now.toISOString(),
        issuedBy: { name: issuer.display_name, unit: unitRef(issuer.unit_id, issuer.code, issuer.name_zh, issuer.name_en) },
        title: title ?? replicationTitle(next),
        generatedAt: now.toISOString(),
        timeZone: this.timeZone,
        rubric,
      });
      await tx.execute(
        `INSERT INTO replication_reports (number, title_zh, title_en, issued_at, issued_by, experience_count, checksum, document)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
        [next, report.title.zh ?? null, report.title.en ?? null, now, actor.userId, report.total, report.checksum, JSON.stringify(report)],
      );
      const taken = await tx.execute('UPDATE experiences SET report_number = $1 WHERE id = ANY($2::uuid[]) AND report_number IS NULL', [
        next,
        experiences.map((e) => e.id),
      ]);
      if (taken !== experiences.length)
        throw new Error(`replication report ${next}: ${taken} of ${experiences.length} experiences could be issued`);
      await this.audit.append(tx, 'replication_report', replicationAuditId(next), [
        {
          type: 'replication_report.issued',
          actorId: actor.userId,
          occurredAt: now.toISOString(),
          payload: { number: next, checksum: report.checksum, experiences: experiences.map((e) => ({ id: e.id, matterId: e.matter.id })) },
        },
      ]);
      await this.mailIssued(tx, report, next);
      return report;
    });
  }

  /** The reform office and the managers of the units whose experiences are in the batch hear of it. */
  private async mailIssued(tx: Tx, report: ReplicationReport, n: number): Promise<void> {
    const units = [...new Set(report.groups.flatMap((g) => g.experiences.map((e) => e.matter.leadingUnit.id)))];
    const recipients = new Map(
      [
        ...(await reformOfficeRecipients(tx)),
        ...(await resolveRecipients(
          tx,
          units.map((unitId) => ({ kind: 'unit_role' as const, unitId, role: 'manager' as const })),
        )),
      ].map((r) => [r.userId, r]),
    );
    await this.deliveries.write(
      tx,
      [...recipients.values()].map((recipient) => ({
        deliveryKey: `replication-report:${n}:${recipient.userId}`,
        matterId: null,
        recipient,
        template: 'replication-report-issued' as const,
        data: {
          report: {
            number: n,
            title: report.title,
            experiences: report.total,
            issuedAt: report.issuedAt!,
            url: `${this.config.api.publicUrl}${webPaths.replicationReport(n)}`,
          },
        },
        calendar: null,
      })),
    );
  }

  private requireOffice(actor: Actor, what: string): void {
    if (!hasRole(actor, 'reform_office') && !hasRole(actor, 'admin'))
      throw forbidden('report.not_permitted', `only the reform office may ${what}`);
  }

  private async unit(tx: Pick<Tx, 'query'>, id: string): Promise<UnitRef> {
    const [u] = await tx.query<{ id: string; code: string; name_zh: string | null; name_en: string | null }>(
      'SELECT id, code, name_zh, name_en FROM units WHERE id = $1',
      [id],
    );
    if (!u) throw notFound('unit.unknown', 'no unit has this id', 'unitId');
    return unitRef(u.id, u.code, u.name_zh, u.name_en);
  }
}
