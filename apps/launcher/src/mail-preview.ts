/**
 * `npm run mail:preview`: renders every mail template's samples in Chinese and English into
 * out/mail-preview/ — `<sample>.<locale>.html` (the HTML part), `<sample>.<locale>.txt` (the
 * subject and the plain-text part) and an index.html linking them all — and prints the index's
 * path. Needs no database or configuration: the data comes from the templates' samples.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LOCALES } from '#domain';
import { SAMPLES, SAMPLE_RECIPIENTS, renderSample } from '../../../libs/notifications/src/templates/samples.js';
import type { RenderedMail } from '../../../libs/notifications/src/templates/template-data.js';

const outDir = resolve('out', 'mail-preview');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** A byte-order mark, so browsers and editors opening a local .txt read it as UTF-8. */
const BOM = '\uFEFF';

const rows: string[] = [];
const failures: string[] = [];
for (const sample of SAMPLES) {
  const cells: string[] = [];
  for (const locale of LOCALES) {
    const base = `${sample.id}.${locale}`;
    let mail: RenderedMail;
    try {
      mail = renderSample(sample, SAMPLE_RECIPIENTS[locale]);
    } catch (e) {
      failures.push(`${base}: ${(e as Error).message}`);
      cells.push(`<td>failed: ${escape((e as Error).message)}</td>`);
      continue;
    }
    writeFileSync(resolve(outDir, `${base}.html`), mail.html);
    writeFileSync(resolve(outDir, `${base}.txt`), `${BOM}Subject: ${mail.subject}\n\n${mail.text}`);
    cells.push(
      `<td><a href="${escape(base)}.html">HTML</a> · <a href="${escape(base)}.txt">text</a><br><small>${escape(mail.subject)}</small></td>`,
    );
  }
  rows.push(`<tr><td><code>${escape(sample.id)}</code><br><small>${escape(sample.note)}</small></td>${cells.join('')}</tr>`);
}

writeFileSync(
  resolve(outDir, 'index.html'),
  `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Reformflow mail preview</title>
<style>
body { font-family: system-ui, 'Microsoft YaHei', 'PingFang SC', sans-serif; margin: 24px; color: #1d2939; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #d0d5dd; padding: 6px 10px; text-align: left; vertical-align: top; }
small { color: #667085; }
</style>
</head>
<body>
<h1>Reformflow mail preview</h1>
<p>Every template's samples, rendered for a recipient in ${LOCALES.map((l) => `${l} (${SAMPLE_RECIPIENTS[l].timeZone})`).join(' and ')}.
Generated ${escape(new Date().toISOString())} by <code>npm run mail:preview</code>.</p>
<table>
<thead><tr><th>sample</th>${LOCALES.map((l) => `<th>${l}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</body>
</html>
`,
);

const index = resolve(outDir, 'index.html');
console.log(`[mail:preview] ${SAMPLES.length} samples × ${LOCALES.length} languages written to ${outDir}`);
console.log(`[mail:preview] open ${pathToFileURL(index).href}`);
if (failures.length > 0) {
  console.error(`[mail:preview] ${failures.length} failed to render:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
