/** The index page both previews (mail, reports) write: a table of samples by language. */
import { LOCALES } from '#domain';

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A table row: the sample's id and note, then one cell per language (already HTML). */
export const sampleRow = (sample: { id: string; note: string }, cells: readonly string[]) =>
  `<tr><td><code>${escapeHtml(sample.id)}</code><br><small>${escapeHtml(sample.note)}</small></td>${cells.join('')}</tr>`;

/** `intro` is HTML; the page says when and by which command it was generated. */
export function previewPage(title: string, intro: string, command: string, rows: readonly string[]): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, 'Microsoft YaHei', 'PingFang SC', sans-serif; margin: 24px; color: #1d2939; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #d0d5dd; padding: 6px 10px; text-align: left; vertical-align: top; }
small { color: #667085; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${intro}
Generated ${escapeHtml(new Date().toISOString())} by <code>${escapeHtml(command)}</code>.</p>
<table>
<thead><tr><th>sample</th>${LOCALES.map((l) => `<th>${l}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</body>
</html>
`;
}
