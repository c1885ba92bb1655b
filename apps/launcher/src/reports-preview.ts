/**
 * `npm run reports:preview`: renders every sample report in every format (Markdown, HTML, PDF)
 * and language into out/reports-preview/ — `<sample>.<locale>.<md|html|pdf>` and an index.html
 * linking them all — and prints the index's path. Needs no database or configuration: the data
 * comes from the reports library's samples.
 *
 * `npm run reports:preview -- --measure` also renders a progress report of 10,000 matters
 * (2,000 overdue, 2,000 upcoming, 2,000 milestones), a replication report of 500 experiences
 * and a scorecard of 200 units in each format and language, writes them as
 * `measure-<kind>.<locale>.<format>`, and prints a table: time, size, PDF pages, peak RSS.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LOCALES } from '#domain';
import {
  DOCUMENT_FORMATS,
  type Report,
  SAMPLE_REPORTS,
  largeProgressReport,
  largeReplicationReport,
  largeScorecard,
  renderDocument,
} from '#reports';
import { escapeHtml, previewPage, sampleRow } from './preview-page.js';

const outDir = resolve('out', 'reports-preview');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const rows: string[] = [];
const failures: string[] = [];
for (const sample of SAMPLE_REPORTS) {
  const cells: string[] = [];
  for (const locale of LOCALES) {
    const links: string[] = [];
    for (const format of DOCUMENT_FORMATS) {
      const file = `${sample.id}.${locale}.${format}`;
      try {
        const doc = await renderDocument(sample.report, format, locale);
        writeFileSync(resolve(outDir, file), doc.body);
        links.push(`<a href="${escapeHtml(file)}">${format.toUpperCase()}</a> <small>${kb(doc.body.length)}</small>`);
      } catch (e) {
        failures.push(`${file}: ${(e as Error).message}`);
        links.push(`${format.toUpperCase()} failed: ${escapeHtml((e as Error).message)}`);
      }
    }
    cells.push(`<td>${links.join(' · ')}</td>`);
  }
  rows.push(sampleRow(sample, cells));
}

writeFileSync(
  resolve(outDir, 'index.html'),
  previewPage(
    'Reformflow report preview',
    `Every sample report in Markdown, HTML and PDF, in ${LOCALES.join(' and ')}. The file names a mail or download would carry
come from <code>renderDocument</code>; here each is <code>&lt;sample&gt;.&lt;locale&gt;.&lt;format&gt;</code>.`,
    'npm run reports:preview',
    rows,
  ),
);

const index = resolve(outDir, 'index.html');
console.log(
  `[reports:preview] ${SAMPLE_REPORTS.length} samples × ${DOCUMENT_FORMATS.length} formats × ${LOCALES.length} languages written to ${outDir}`,
);
console.log(`[reports:preview] open ${pathToFileURL(index).href}`);

if (process.argv.includes('--measure')) await measure();

if (failures.length > 0) {
  console.error(`[reports:preview] ${failures.length} failed to render:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}

/**
 * Renders three large reports in every format and language and prints one row per document.
 * `peak RSS` is the process's high-water mark after that document (it never goes down), so a
 * row whose figure jumps is the one that needed the memory.
 */
async function measure() {
  const large: Array<[string, Report]> = [
    [
      'progress, 10,000 matters (2,000 overdue, 2,000 upcoming, 2,000 milestones)',
      largeProgressReport({ matters: 10_000, overdue: 2_000, upcoming: 2_000, milestones: 2_000 }),
    ],
    ['replication, 500 experiences', largeReplicationReport(500)],
    ['scorecard, 200 units', largeScorecard(200)],
  ];
  const rows: string[][] = [['report', 'format', 'language', 'ms', 'bytes', 'pages', 'peak RSS']];
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  console.log(
    `[reports:preview] measure: reports built; RSS now ${mb(process.memoryUsage().rss)}, peak so far ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
  for (const [what, report] of large) {
    for (const format of DOCUMENT_FORMATS) {
      for (const locale of LOCALES) {
        const started = performance.now();
        const doc = await renderDocument(report, format, locale);
        const ms = performance.now() - started;
        // pdfkit writes each page's dictionary uncompressed: `/Type /Page` (not `/Pages`) once per page
        const pages = format === 'pdf' ? String(doc.body.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0) : '';
        const rss = `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;
        rows.push([what, format, locale, ms.toFixed(0), doc.body.length.toLocaleString('en'), pages, rss]);
        writeFileSync(resolve(outDir, `measure-${report.kind}.${locale}.${format}`), doc.body);
      }
    }
  }
  const widths = rows[0].map((_h, c) => Math.max(...rows.map((r) => r[c].length)));
  const right = new Set([3, 4, 5, 6]);
  for (const [k, r] of rows.entries()) {
    console.log(r.map((cell, c) => (right.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  '));
    if (k === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
