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
import { escapeHtml, previewPage, sampleRow } from './preview-page.js';
import { type RenderedMail, SAMPLES, SAMPLE_RECIPIENTS, renderSample } from '#notifications';

const outDir = resolve('out', 'mail-preview');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

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
      cells.push(`<td>failed: ${escapeHtml((e as Error).message)}</td>`);
      continue;
    }
    writeFileSync(resolve(outDir, `${base}.html`), mail.html);
    writeFileSync(resolve(outDir, `${base}.txt`), `${BOM}Subject: ${mail.subject}\n\n${mail.text}`);
    cells.push(
      `<td><a href="${escapeHtml(base)}.html">HTML</a> · <a href="${escapeHtml(base)}.txt">text</a><br><small>${escapeHtml(mail.subject)}</small></td>`,
    );
  }
  rows.push(sampleRow(sample, cells));
}

writeFileSync(
  resolve(outDir, 'index.html'),
  previewPage(
    'Reformflow mail preview',
    `Every template's samples, rendered for a recipient in ${LOCALES.map((l) => `${l} (${SAMPLE_RECIPIENTS[l].timeZone})`).join(' and ')}.`,
    'npm run mail:preview',
    rows,
  ),
);

const index = resolve(outDir, 'index.html');
console.log(`[mail:preview] ${SAMPLES.length} samples × ${LOCALES.length} languages written to ${outDir}`);
console.log(`[mail:preview] open ${pathToFileURL(index).href}`);
if (failures.length > 0) {
  console.error(`[mail:preview] ${failures.length} failed to render:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
