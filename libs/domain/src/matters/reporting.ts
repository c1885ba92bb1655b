import type { Instant } from '../common/ids.js';
import type { LocalizedText } from '../common/localized-text.js';
import { type BusinessCalendar, type DurationSpec, applyDuration } from '../time/business-calendar.js';
import type { ProgressReportPolicy, WorkflowDefinitionBody } from '../workflow/definition.js';
import type { Matter, ReportPeriod } from './matter.js';
import { type RiskLevel, riskRank } from './vocabulary.js';

/**
 * Periodic progress reports: while a matter is in implementation its leading unit files
 * one narrative report per period. Periods follow each other without gaps; a report
 * covers the earliest period not yet reported and opens the next one, whose length is
 * the cadence for the matter's risk level at that moment — so a rise in risk tightens
 * reporting from the next period, never the one already running.
 */

/** The reporting period for a risk level: the `byRisk` entry with the highest level reached, else `every`; null: no periodic reports. */
export function reportCadence(policy: ProgressReportPolicy, riskLevel: RiskLevel): DurationSpec | null {
  if (policy.every === null) return null;
  const reached = (policy.byRisk ?? [])
    .filter((c) => riskRank(riskLevel) >= riskRank(c.riskAtLeast))
    .sort((a, b) => riskRank(b.riskAtLeast) - riskRank(a.riskAtLeast));
  return reached[0]?.every ?? policy.every;
}

/** The period that starts at `startsAt`, numbered `number`, for a matter at `riskLevel`. */
export function reportPeriodFrom(
  number: number,
  startsAt: Instant,
  riskLevel: RiskLevel,
  def: Pick<WorkflowDefinitionBody, 'progressReports' | 'timeZone'>,
  calendar: BusinessCalendar,
): ReportPeriod | null {
  const every = reportCadence(def.progressReports, riskLevel);
  if (!every) return null;
  return { number, startsAt, dueAt: applyDuration(new Date(startsAt), every, def.timeZone, calendar).toISOString() };
}

/**
 * The period whose report is expected now, while the matter is in implementation. A
 * matter whose implementation started before periods were recorded has none stored:
 * its period runs, as it always did, from its last reading in this stage.
 */
export function currentReportPeriod(
  m: Pick<Matter, 'stage' | 'stageEnteredAt' | 'reportPeriod' | 'progress' | 'progressReports' | 'riskLevel'>,
  def: Pick<WorkflowDefinitionBody, 'progressReports' | 'timeZone'>,
  calendar: BusinessCalendar,
): ReportPeriod | null {
  if (m.stage !== 'in_implementation') return null;
  if (m.reportPeriod) return m.reportPeriod;
  const inStage = m.progress.map((p) => p.reportedAt).filter((at) => at >= m.stageEnteredAt);
  const basis = inStage.sort().at(-1) ?? m.stageEnteredAt;
  return reportPeriodFrom(inStage.length + 1, basis, m.riskLevel, def, calendar);
}

/** The period a report filed now opens after `covered`: it starts when `covered` was due. */
export function nextReportPeriod(
  covered: ReportPeriod,
  riskLevel: RiskLevel,
  def: Pick<WorkflowDefinitionBody, 'progressReports' | 'timeZone'>,
  calendar: BusinessCalendar,
): ReportPeriod | null {
  return reportPeriodFrom(covered.number + 1, covered.dueAt, riskLevel, def, calendar);
}

/** What a period's deadline is called. */
export const reportPeriodTitle = (p: Pick<ReportPeriod, 'number'>): LocalizedText => ({
  zh: `报送第${p.number}期进展报告`,
  en: `File progress report ${p.number}`,
});
