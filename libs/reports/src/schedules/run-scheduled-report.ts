import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type ReportSchedule, loadReportSchedules, schedulePeriod } from '#config';
import { type Clock, LOCALES, type Locale, localDateAt, webPaths } from '#domain';
import { type NewDelivery, DeliveryWriter, type Recipient, reformOfficeRecipients, resolveRecipients } from '#notifications';
import { Db } from '#persistence';
import { CLOCK } from '#workflow';
import { renderDocument } from '../documents/render.js';
import type { Report, UnitRef } from '../model.js';
import { Bulletins } from '../bulletins.service.js';
import { Reports } from '../reports.service.js';

export type RunOutcome = 'stored' | 'duplicate' | 'unknown_schedule';

/** One report of a run and who receives it: the whole office's, or one leading unit's for its managers. */
interface Scope {
  /** `all`, or the unit's code. */
  name: string;
  unit: UnitRef | null;
  report: Report;
  recipients: Recipient[];
}

/**
 * One tick of a report schedule: builds the report of the period since the previous tick,
 * renders its files in each recipient's language, and in one transaction stores the run,
 * its files and one mail per recipient with the files attached. The run is unique per
 * schedule and period start, so a second worker, a retried job or a re-delivered tick
 * finds it taken and writes nothing.
 */
@Injectable()
export class RunScheduledReport {
  private readonly logger = new Logger(RunScheduledReport.name);
  private loaded: ReportSchedule[] | null = null;

  constructor(
    private readonly db: Db,
    private readonly reports: Reports,
    private readonly bulletins: Bulletins,
    private readonly deliveries: DeliveryWriter,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The schedules in the configured file, read once (a bad file stops the worker at start). */
  schedules(): ReportSchedule[] {
    this.loaded ??= loadReportSchedules(this.config.reports.schedulesFile, this.config.reports.timeZone);
    return this.loaded;
  }

  async execute(scheduleKey: string, firedAt: Date): Promise<RunOutcome> {
    const schedule = this.schedules().find((s) => s.key === scheduleKey);
    if (!schedule) {
      this.logger.warn(`schedule "${scheduleKey}" is no longer configured: tick at ${firedAt.toISOString()} skipped`);
      return 'unknown_schedule';
    }
    const period = schedulePeriod(schedule, firedAt);
    if (schedule.kind === 'bulletin') {
      // a bulletin is numbered and stored as issued, like one the office issues by hand; its mail links to it
      const issued = await this.bulletins.issueScheduled(schedule.key, period);
      if (issued)
        this.logger.log(`${schedule.key}: bulletin ${issued.number} issued for ${period.from.toISOString()} – ${period.to.toISOString()}`);
      return issued ? 'stored' : 'duplicate';
    }
    const taken = await this.db.query('SELECT 1 FROM report_runs WHERE schedule_key = $1 AND period_start = $2', [
      schedule.key,
      period.from,
    ]);
    if (taken.length) return 'duplicate';

    const now = this.clock.now();
    const scopes = await this.scopes(schedule, period, now);
    const files: Array<{ scope: string; locale: Locale; format: string; filename: string; contentType: string; body: Buffer }> = [];
    for (const scope of scopes) {
      const locales = LOCALES.filter((l) => scope.recipients.some((r) => r.locale === l));
      for (const locale of locales.length ? locales : (['zh-CN'] as Locale[]))
        for (const format of schedule.formats) {
          const doc = await renderDocument(scope.report, format, locale);
          files.push({ scope: scope.name, locale, format, filename: doc.filename, contentType: doc.contentType, body: doc.body });
        }
    }
    const checksum = createHash('sha256')
      .update(scopes.map((s) => `${s.name}:${s.report.checksum}`).join('\n'))
      .digest('hex');

    return this.db.transaction(async (tx) => {
      const [run] = await tx.query<{ id: string }>(
        `INSERT INTO report_runs (schedule_key, kind, period_start, period_end, parameters, checksum)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6)
         ON CONFLICT (schedule_key, period_start) DO NOTHING RETURNING id`,
        [
          schedule.key,
          schedule.kind,
          period.from,
          period.to,
          JSON.stringify({
            cron: schedule.cron,
            timeZone: schedule.timeZone,
            recipients: schedule.recipients,
            formats: schedule.formats,
            firedAt,
            scopes: scopes.map((s) => s.name),
          }),
          checksum,
        ],
      );
      if (!run) return 'duplicate';
      const stored = new Map<string, { fileId: string; filename: string; contentType: string }>();
      for (const f of files) {
        const [row] = await tx.query<{ id: string }>(
          `INSERT INTO report_files (run_id, scope, locale, format, filename, content_type, size, checksum, body)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [
            run.id,
            f.scope,
            f.locale,
            f.format,
            f.filename,
            f.contentType,
            f.body.length,
            createHash('sha256').update(f.body).digest('hex'),
            f.body,
          ],
        );
        stored.set(`${f.scope}/${f.locale}/${f.format}`, { fileId: row.id, filename: f.filename, contentType: f.contentType });
      }
      const mails: NewDelivery[] = [];
      for (const scope of scopes)
        for (const recipient of scope.recipients) {
          const attachments = schedule.formats.flatMap((format) => stored.get(`${scope.name}/${recipient.locale}/${format}`) ?? []);
          mails.push({
            deliveryKey: `report:${schedule.key}:${period.from.getTime()}:${scope.name}:${recipient.userId}`,
            matterId: null,
            recipient,
            calendar: null,
            attachments,
            ...this.mailOf(schedule, scope, period, attachments.map((a) => a.filename).join(', ')),
          });
        }
      await this.deliveries.write(tx, mails);
      this.logger.log(
        `${schedule.key}: ${period.from.toISOString()} – ${period.to.toISOString()} stored (${files.length} files, ${mails.length} mails)`,
      );
      return 'stored' as const;
    });
  }

  private async scopes(schedule: ReportSchedule, period: { from: Date; to: Date }, now: Date): Promise<Scope[]> {
    if (schedule.recipients === 'unit_managers') {
      const units = await this.db.query<{ id: string; code: string }>(
        `SELECT DISTINCT u.id, u.code FROM matters m JOIN units u ON u.id = m.leading_unit_id WHERE m.created_at < $1 ORDER BY u.code`,
        [period.to],
      );
      const out: Scope[] = [];
      for (const u of units) {
        const recipients = await resolveRecipients(this.db, [{ kind: 'unit_role', unitId: u.id, role: 'manager' }]);
        if (recipients.length === 0) continue;
        const report = await this.reports.buildProgress(this.db, u.id, period, now);
        out.push({ name: u.code, unit: report.kind === 'progress' ? report.unit : null, report, recipients });
      }
      return out;
    }
    const recipients = await reformOfficeRecipients(this.db);
    const report =
      schedule.kind === 'progress'
        ? await this.reports.buildProgress(this.db, null, period, now)
        : schedule.kind === 'scorecard'
          ? await this.reports.buildScorecard(this.db, period, now)
          : await this.reports.buildDraft(this.db, now);
    // (bulletins never come here: execute issues them through Bulletins)
    return [{ name: 'all', unit: null, report, recipients }];
  }

  private mailOf(
    schedule: ReportSchedule,
    scope: Scope,
    period: { from: Date; to: Date },
    attachments: string,
  ): Pick<NewDelivery, 'template' | 'data'> {
    const zone = schedule.timeZone;
    const from = localDateAt(period.from, zone);
    // the last day covered: the period ends (exclusive) at the tick
    const to = localDateAt(new Date(period.to.getTime() - 1), zone);
    const base = this.config.api.publicUrl;
    const range = `from=${encodeURIComponent(period.from.toISOString())}&to=${encodeURIComponent(period.to.toISOString())}`;
    const r = scope.report;
    if (r.kind === 'bulletin') throw new Error('a bulletin is issued through Bulletins, not mailed as a scheduled report');
    if (r.kind === 'progress') {
      return {
        template: 'progress-report',
        data: {
          report: {
            from,
            to,
            unit: scope.unit ? scope.unit.name : null,
            matters: r.totals.matters,
            overdue: new Set(r.overdue.map((o) => o.matter.id)).size,
            url: `${base}${webPaths.dashboard()}?${range}${scope.unit ? `&unitId=${scope.unit.id}` : ''}`,
          },
        },
      };
    }
    return {
      template: 'report-ready',
      data: {
        report: {
          kind: r.kind === 'scorecard' ? 'scorecard' : 'replication-draft',
          title: r.title,
          from,
          to,
          count: r.kind === 'scorecard' ? r.rows.length : r.total,
          url: r.kind === 'scorecard' ? `${base}${webPaths.scorecard()}?${range}` : `${base}${webPaths.replicationReports()}`,
          attachments,
        },
      },
    };
  }
}
