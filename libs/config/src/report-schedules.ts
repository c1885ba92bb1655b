import { existsSync, readFileSync } from 'node:fs';
import { CronExpressionParser } from 'cron-parser';
import { parse } from 'yaml';
import { z } from 'zod';
import { validate } from '#validation';

/**
 * Scheduled reports (config/report-schedules.yaml): each schedule is a cron expression
 * in a time zone; at each tick the worker builds the report of the period since the
 * previous tick, stores it, and mails it with its files attached.
 */
export const REPORT_SCHEDULE_KINDS = ['progress', 'scorecard', 'replication', 'bulletin'] as const;
export const REPORT_RECIPIENTS = ['reform_office', 'unit_managers'] as const;
export const SCHEDULED_FORMATS = ['pdf', 'md', 'html'] as const;

export interface ReportSchedule {
  /** Stable name: the BullMQ job scheduler id and the key of its stored runs. */
  key: string;
  kind: (typeof REPORT_SCHEDULE_KINDS)[number];
  /** Five fields, or six with seconds first. */
  cron: string;
  timeZone: string;
  /**
   * `reform_office`: one report of every unit to each reform-office user;
   * `unit_managers` (progress only): each leading unit's managers get their unit's report;
   * a bulletin (情况通报, always `unit_managers`) is issued, numbered, to every unit's managers and the reform office.
   */
  recipients: (typeof REPORT_RECIPIENTS)[number];
  formats: Array<(typeof SCHEDULED_FORMATS)[number]>;
}

export class ReportScheduleError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid report schedules:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ReportScheduleError';
  }
}

const scheduleSchema = z
  .strictObject({
    key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and -, at most 63 characters'),
    kind: z.enum(REPORT_SCHEDULE_KINDS),
    cron: z.string().min(9).max(100),
    timeZone: z.string().optional(),
    recipients: z.enum(REPORT_RECIPIENTS),
    formats: z.array(z.enum(SCHEDULED_FORMATS)).min(1).default(['pdf']),
  })
  .refine((s) => s.recipients !== 'unit_managers' || s.kind === 'progress' || s.kind === 'bulletin', {
    message: 'unit_managers receive progress reports (their own unit) and bulletins only',
    path: ['recipients'],
  })
  .refine((s) => s.kind !== 'bulletin' || s.recipients === 'unit_managers', {
    message: 'a bulletin goes to every unit: recipients must be unit_managers',
    path: ['recipients'],
  });

const fileSchema = z.strictObject({ schedules: z.array(scheduleSchema).default([]) });

/** Reads and checks the schedules; a missing file means no scheduled reports. Every problem is named by its path. */
export function loadReportSchedules(file: string, defaultTimeZone: string): ReportSchedule[] {
  if (!existsSync(file)) return [];
  return parseReportSchedules(file, readFileSync(file, 'utf8'), defaultTimeZone);
}

export function parseReportSchedules(file: string, source: string, defaultTimeZone: string): ReportSchedule[] {
  let raw: unknown;
  try {
    raw = parse(source) ?? {};
  } catch (e) {
    throw new ReportScheduleError(file, [`not YAML: ${(e as Error).message}`]);
  }
  const parsed = validate(fileSchema, raw);
  if (!parsed.ok)
    throw new ReportScheduleError(
      file,
      parsed.errors.map((e) => `${e.field}: ${e.message}`),
    );
  const problems: string[] = [];
  const seen = new Set<string>();
  const schedules = parsed.data.schedules.map((s, i): ReportSchedule => {
    const timeZone = s.timeZone ?? defaultTimeZone;
    if (seen.has(s.key)) problems.push(`schedules[${i}].key: "${s.key}" is used twice`);
    seen.add(s.key);
    try {
      new Intl.DateTimeFormat('en', { timeZone });
    } catch {
      problems.push(`schedules[${i}].timeZone: "${timeZone}" is not an IANA time zone`);
    }
    try {
      CronExpressionParser.parse(s.cron, { tz: 'UTC' });
    } catch (e) {
      problems.push(`schedules[${i}].cron: ${(e as Error).message}`);
    }
    return { key: s.key, kind: s.kind, cron: s.cron, timeZone, recipients: s.recipients, formats: s.formats };
  });
  if (problems.length) throw new ReportScheduleError(file, problems);
  return schedules;
}

/**
 * The period a tick reports on: from the tick before it to the tick itself, [from, to).
 * `firedAt` is the tick's scheduled time (the job scheduler's), so every worker agrees.
 */
export function schedulePeriod(schedule: Pick<ReportSchedule, 'cron' | 'timeZone'>, firedAt: Date): { from: Date; to: Date } {
  const e = CronExpressionParser.parse(schedule.cron, { tz: schedule.timeZone, currentDate: new Date(firedAt.getTime() + 1) });
  const to = e.prev().toDate();
  const from = e.prev().toDate();
  return { from, to };
}
