/**
 * Writes a document outline as one self-contained HTML file: inline CSS (screen and print),
 * no scripts, no external resources, every value escaped. Statuses carry a shape and the
 * word besides their colour, so they read the same printed in black and white.
 */
import type { Block, DocumentOutline, Inline, Rich } from './outline.js';

const STATUS_MARK = { on_track: '●', at_risk: '▲', off_track: '■' } as const;
const STATUS_CLASS = { on_track: 'on-track', at_risk: 'at-risk', off_track: 'off-track' } as const;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
const withBreaks = (s: string) => escapeHtml(s).replace(/\r?\n/g, '<br>');

function inline(i: Inline): string {
  if (typeof i === 'string') return withBreaks(i);
  switch (i.kind) {
    case 'code':
      return `<code>${escapeHtml(i.text)}</code>`;
    case 'strong':
      return `<strong>${withBreaks(i.text)}</strong>`;
    case 'link':
      return `<a href="${escapeHtml(i.href)}">${escapeHtml(i.text)}</a>`;
    case 'status':
      return `<span class="status ${STATUS_CLASS[i.status]}"><span class="mark" aria-hidden="true">${STATUS_MARK[i.status]}</span> ${escapeHtml(i.text)}</span>`;
  }
}

const rich = (r: Rich) => r.map(inline).join('');

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}${b.anchor ? ` id="${escapeHtml(b.anchor)}"` : ''}>${rich(b.text).replace(/<br>/g, ' ')}</h${b.level}>`;
    case 'toc':
      return `<nav class="toc">\n<h2>${escapeHtml(b.title)}</h2>\n<ol>\n${b.entries.map((e) => `<li><a href="#${escapeHtml(e.anchor)}">${escapeHtml(e.text)}</a></li>`).join('\n')}\n</ol>\n</nav>`;
    case 'paragraph':
      return `<p>${rich(b.text)}</p>`;
    case 'note':
      return `<p class="note">${withBreaks(b.text)}</p>`;
    case 'fields':
      return `<dl class="fields">\n${b.items.map((it) => `<div><dt>${escapeHtml(it.label)}</dt><dd>${rich(it.value)}</dd></div>`).join('\n')}\n</dl>`;
    case 'table': {
      const cls = (align: string | undefined) => (align === 'right' ? ' class="num"' : '');
      const head = b.columns.map((c) => `<th scope="col"${cls(c.align)}>${escapeHtml(c.header)}</th>`).join('');
      const body = b.rows.map((row) => `<tr>${b.columns.map((c, i) => `<td${cls(c.align)}>${rich(row[i] ?? [])}</td>`).join('')}</tr>`);
      return `<div class="table-wrap">\n<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>\n</div>`;
    }
  }
}

const CSS = `
:root { color-scheme: light; }
body { margin: 0; background: #f2f4f7; color: #1d2939; font: 15px/1.6 system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans SC', 'Noto Sans CJK SC', sans-serif; }
main { max-width: 1080px; margin: 24px auto; padding: 32px 40px; background: #fff; border: 1px solid #d0d5dd; }
main.landscape { max-width: 1400px; }
.title-block { border-bottom: 3px solid #b42318; margin-bottom: 20px; padding-bottom: 12px; }
h1 { font-size: 26px; line-height: 1.3; margin: 0 0 6px; text-align: center; }
.subtitle { font-size: 17px; font-weight: 600; color: #475467; margin: 0; text-align: center; }
h2 { font-size: 20px; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 1px solid #d0d5dd; }
h3 { font-size: 17px; margin: 24px 0 8px; }
h4 { font-size: 15px; margin: 16px 0 6px; color: #344054; }
p { margin: 0 0 10px; }
.note { color: #475467; font-style: italic; }
.toc { margin: 0 0 20px; }
.toc h2 { text-align: center; border: 0; letter-spacing: 0.5em; }
.toc ol { list-style: none; padding: 0; margin: 0; }
.toc li { padding: 2px 0; border-bottom: 1px dotted #d0d5dd; }
.toc a { color: inherit; text-decoration: none; }
.fields { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 12px; }
.fields div { display: contents; }
.fields dt { color: #475467; }
.fields dd { margin: 0; overflow-wrap: anywhere; }
.table-wrap { overflow-x: auto; margin: 0 0 14px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border: 1px solid #d0d5dd; padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f2f4f7; font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fcfcfd; }
code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 0.92em; white-space: nowrap; }
a { color: #175cd3; overflow-wrap: anywhere; }
.status { display: inline-block; padding: 0 6px; border: 1px solid; border-radius: 4px; white-space: nowrap; font-weight: 600; }
.status .mark { font-size: 0.85em; }
.status.on-track { color: #067647; background: #ecfdf3; border-color: #75e0a7; }
.status.at-risk { color: #93370d; background: #fffaeb; border-color: #fec84b; }
.status.off-track { color: #b42318; background: #fef3f2; border-color: #fda29b; }
@page { size: A4; margin: 16mm 14mm; }
@page landscape { size: A4 landscape; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; margin: 0; padding: 0; border: 0; }
  main.landscape { page: landscape; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr, .fields div, img { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  .table-wrap { overflow: visible; }
  a { color: inherit; text-decoration: none; }
  .status { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .toc { break-after: page; }
}
`;

export function writeHtml(doc: DocumentOutline): string {
  const parts = [
    '<!DOCTYPE html>',
    `<html lang="${doc.locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${doc.title} · ${doc.subtitle}`)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<main class="${doc.orientation}">`,
    `<header class="title-block">\n<h1>${escapeHtml(doc.title)}</h1>\n<p class="subtitle">${escapeHtml(doc.subtitle)}</p>\n</header>`,
    ...doc.blocks.map(block),
    '</main>',
    '</body>',
    '</html>',
  ];
  return `${parts.join('\n')}\n`;
}
