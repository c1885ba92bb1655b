/**
 * Writes a document outline as GitHub-flavoured Markdown that also reads as plain text:
 * every value escaped (so `*`, `<`, `|` and `_` in the data stay text, and no raw HTML gets
 * through), codes in code spans (searchable as written), tables with `|` and line breaks
 * escaped inside cells, so each row keeps its column count.
 */
import type { Block, Column, DocumentOutline, Inline, Rich } from './outline.js';

const STATUS_MARK = { on_track: '●', at_risk: '▲', off_track: '■' } as const;

/** Backslash-escapes what Markdown would otherwise read as syntax. */
function escapeText(s: string, inTable: boolean): string {
  let out = s
    .replace(/[\\`*[\]<>~]/g, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    // `_` opens emphasis only at a word's edge; inside a word (`science_technology`) it stays as written
    .replace(/_/g, (m, i: number, all: string) =>
      /[\p{L}\p{N}]/u.test(all[i - 1] ?? '') && /[\p{L}\p{N}]/u.test(all[i + 1] ?? '') ? m : '\\_',
    );
  if (inTable) out = out.replace(/\|/g, '\\|');
  return out;
}

/** What a line may not start with: a heading, a quote, a list item, a thematic break, an indented code block. */
function escapeLineStart(line: string): string {
  return line
    .trimStart()
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

function codeSpan(s: string, inTable: boolean): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  const body = inTable ? s.replace(/\|/g, '\\|') : s;
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A link target Markdown cannot misread: spaces, brackets and pipes percent-encoded. */
const linkTarget = (href: string) =>
  href.replace(/[\s<>()|\\`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

function inline(i: Inline, inTable: boolean): string {
  if (typeof i === 'string') return escapeText(i, inTable);
  switch (i.kind) {
    case 'code':
      return codeSpan(i.text, inTable);
    case 'strong':
      return `**${escapeText(i.text, inTable)}**`;
    case 'link':
      return `[${escapeText(i.text, inTable)}](${linkTarget(i.href)})`;
    case 'status':
      return `${STATUS_MARK[i.status]} ${escapeText(i.text, inTable)}`;
  }
}

type Context = 'block' | 'heading' | 'table';

/** Inline text with its line breaks as `lineBreak`; in running text, each line's start made safe. */
function rich(r: Rich, lineBreak: string, context: Context = 'block'): string {
  const text = r.map((i) => inline(i, context === 'table')).join('');
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  return (context === 'block' ? lines.map(escapeLineStart) : lines).join(lineBreak);
}

/** Heading text: one line, `#` escaped so none is read as the closing sequence. */
const headingText = (r: Rich) => rich(r, ' ', 'heading').replace(/#/g, '\\#');

function table(columns: readonly Column[], rows: ReadonlyArray<readonly Rich[]>): string {
  const cell = (r: Rich) => rich(r, '<br>', 'table') || ' ';
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(columns.map((c) => escapeText(c.header, true))),
    line(columns.map((c) => (c.align === 'right' ? '---:' : '---'))),
    ...rows.map((row) => line(columns.map((_c, i) => cell(row[i] ?? [])))),
  ].join('\n');
}

function block(b: Block, labelSeparator: string): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${headingText(b.text)}`;
    case 'paragraph':
      return rich(b.text, '  \n');
    case 'note':
      return `*${rich([b.text], '*  \n*')}*`;
    case 'fields':
      return b.items
        .map((it) => `- **${escapeText(it.label, false)}**${escapeText(labelSeparator, false)}${rich(it.value, '  \n  ')}`)
        .join('\n');
    case 'table':
      return table(b.columns, b.rows);
    case 'toc':
      return `**${escapeText(b.title, false)}**\n\n${b.entries.map((e) => `- ${escapeLineStart(escapeText(e.text, false))}`).join('\n')}`;
  }
}

export function writeMarkdown(doc: DocumentOutline): string {
  const parts = [`# ${headingText([doc.title])}`, `**${escapeText(doc.subtitle, false)}**`];
  for (const b of doc.blocks) parts.push(block(b, doc.labelSeparator));
  return `${parts.join('\n\n')}\n`;
}
