import type { Locale } from '#domain';
import type { Report } from '../model.js';
import { ReportFormat, ReportRenderError } from './format.js';
import type { DocumentOutline } from './outline.js';
import { layoutBulletin } from './bulletin.layout.js';
import { layoutProgress } from './progress.layout.js';
import { layoutReplication } from './replication.layout.js';
import { layoutScorecard } from './scorecard.layout.js';

/** The report as a document outline in the reader's language and the report's zone. */
export function layoutReport(report: Report, locale: Locale): DocumentOutline {
  const f = new ReportFormat(locale, report.timeZone);
  const footer = `${f.labels.meta.generatedAt} ${f.time(report.generatedAt, 'generatedAt')} · SHA-256 ${f.plain(report.checksum).slice(0, 16)}`;
  switch (report.kind) {
    case 'replication':
      return { ...layoutReplication(report, f), footer };
    case 'progress':
      return { ...layoutProgress(report, f), footer };
    case 'scorecard':
      return { ...layoutScorecard(report, f), footer };
    case 'bulletin':
      return { ...layoutBulletin(report, f), footer };
    default:
      throw new ReportRenderError(
        `kind: expected replication, progress, scorecard or bulletin, got ${JSON.stringify((report as { kind?: unknown }).kind)}`,
      );
  }
}
