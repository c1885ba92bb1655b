/**
 * A report laid out as a document, independent of the file format: the title block, headings,
 * paragraphs, label–value fields and tables, in reading order, every value already formatted
 * in the reader's language and zone. The layouts (`*.layout.ts`) build one from a report; the
 * Markdown, HTML and PDF writers only decide how each block looks. So the three formats say the
 * same things in the same order, and a field added to a layout appears in all of them.
 */
import type { DeliveryStatus, Locale } from '#domain';

/** A piece of text with at most one kind of emphasis. Plain strings may contain `\n` (a line break). */
export type Inline =
  | string
  | { kind: 'code'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'link'; text: string; href: string }
  /** A delivery status: a shape and the word, coloured where the format has colour. */
  | { kind: 'status'; status: DeliveryStatus; text: string };

/** A run of inline pieces, written one after another. */
export type Rich = readonly Inline[];

export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
  /** Share of the table's width in the PDF (relative to the other columns). */
  weight: number;
  /** Codes: the PDF makes the column at least as wide as its widest value, so a code is never broken. */
  noWrap?: boolean;
}

export type Block =
  /** `anchor`: the id a table of contents points at (ASCII letters, digits and `-`). */
  | { kind: 'heading'; level: 2 | 3 | 4; text: Rich; anchor?: string }
  /** A table of contents: each entry names a heading's anchor; the PDF adds page numbers. */
  | { kind: 'toc'; title: string; entries: ReadonlyArray<{ text: string; anchor: string }> }
  | { kind: 'paragraph'; text: Rich }
  /** Muted text: an empty section, a legend. */
  | { kind: 'note'; text: string }
  | { kind: 'fields'; items: ReadonlyArray<{ label: string; value: Rich }> }
  | { kind: 'table'; columns: readonly Column[]; rows: ReadonlyArray<readonly Rich[]> };

export interface DocumentOutline {
  locale: Locale;
  /** The report's title: the document's title, the PDF's running head. */
  title: string;
  /** The second line of the title block: batch number or draft, period. */
  subtitle: string;
  /** The PDF page's orientation (A4 either way); wide tables ask for landscape. */
  orientation: 'portrait' | 'landscape';
  /** Between a label and its value in running text (`：` / `: `). */
  labelSeparator: string;
  /** `page N of M` in the reader's language. */
  pageOf: (page: number, pages: number) => string;
  /** A line at the foot of every PDF page that ties a printed page to its document: generation time and checksum. */
  footer?: string;
  blocks: Block[];
}

export const inlineText = (i: Inline): string => (typeof i === 'string' ? i : i.text);
export const richText = (r: Rich): string => r.map(inlineText).join('');
