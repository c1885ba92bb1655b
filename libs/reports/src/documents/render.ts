/**
 * A report as a document: Markdown, HTML or PDF, in Chinese or English. Renderers read only
 * the report (no database, no clock), so the same report always gives the same bytes, which
 * is what lets a stored checksum identify a mailed file.
 */
import { type Locale, localDateAt } from '#domain';
import type { DocumentFormat, Report } from '../model.js';
import { DEFAULT_TIME_ZONE, ReportRenderError } from './format.js';
import { writeHtml } from './html.js';
import { layoutReport } from './layout.js';
import { writeMarkdown } from './markdown.js';
import { writePdf } from './pdf.js';

export function renderMarkdown(report: Report, locale: Locale): string {
  return writeMarkdown(layoutReport(report, locale));
}

export function renderHtml(report: Report, locale: Locale): string {
  return writeHtml(layoutReport(report, locale));
}

export function renderPdf(report: Report, locale: Locale): Promise<Buffer> {
  const generatedAt = new Date(report.generatedAt);
  if (Number.isNaN(generatedAt.getTime()))
    throw new ReportRenderError(`generatedAt: expected an ISO-8601 instant, got ${JSON.stringify(report.generatedAt)}`);
  return writePdf(layoutReport(report, locale), generatedAt);
}

export const DOCUMENT_CONTENT_TYPES: Readonly<Record<DocumentFormat, string>> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

export interface RenderedDocument {
  body: Buffer;
  contentType: string;
  filename: string;
}

export async function renderDocument(report: Report, format: DocumentFormat, locale: Locale): Promise<RenderedDocument> {
  const filename = `${documentBaseName(report)}.${format}`;
  switch (format) {
    case 'md':
      return { body: Buffer.from(renderMarkdown(report, locale), 'utf8'), contentType: DOCUMENT_CONTENT_TYPES.md, filename };
    case 'html':
      return { body: Buffer.from(renderHtml(report, locale), 'utf8'), contentType: DOCUMENT_CONTENT_TYPES.html, filename };
    case 'pdf':
      return { body: await renderPdf(report, locale), contentType: DOCUMENT_CONTENT_TYPES.pdf, filename };
    default:
      throw new ReportRenderError(`format: expected md, html or pdf, got ${JSON.stringify(format)}`);
  }
}

const localDate = (instant: string, timeZone: string) => {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new ReportRenderError(`expected an ISO-8601 instant, got ${JSON.stringify(instant)}`);
  return localDateAt(new Date(ms), timeZone);
};

/** The last day a period covers: the day of the instant just before its exclusive end, as the document states it. */
const lastDay = (end: string, timeZone: string) => localDate(new Date(Date.parse(end) - 1).toISOString(), timeZone);

/** Letters, digits and `-` only: a unit code as a file name part. */
const asciiPart = (s: string) => s.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');

/**
 * The file name, ASCII only, without extension: `replication-report-3`,
 * `replication-report-draft-2026-11-23`, `progress-report-2026-11-16_2026-11-22`,
 * `progress-report-SZ-STIC-2026-11-16_2026-11-22`, `unit-scorecard-2026-11-16_2026-11-22`.
 * Dates are the first and the last day the period covers, in the report's zone, as the document states them.
 */
export function documentBaseName(report: Report): string {
  const zone = report.timeZone?.trim() ? report.timeZone : DEFAULT_TIME_ZONE;
  switch (report.kind) {
    case 'replication':
      return report.number === null
        ? `replication-report-draft-${localDate(report.generatedAt, zone)}`
        : `replication-report-${report.number}`;
    case 'progress': {
      const unit = report.unit ? asciiPart(report.unit.code) : '';
      return `progress-report-${unit ? `${unit}-` : ''}${localDate(report.period.from, zone)}_${lastDay(report.period.to, zone)}`;
    }
    case 'scorecard':
      return `unit-scorecard-${localDate(report.period.from, zone)}_${lastDay(report.period.to, zone)}`;
    case 'bulletin':
      return report.number === null ? `bulletin-draft-${localDate(report.generatedAt, zone)}` : `bulletin-${report.number}`;
  }
}
