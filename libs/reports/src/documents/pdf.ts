/**
 * Writes a document outline as an A4 PDF with pdfkit, set in Noto Sans SC so Chinese and
 * English both render, with a title block, a running head (from page 2) and `page N of M`
 * footer, tables whose rows break across pages with the header row repeated, and bookmarks
 * for the sections.
 *
 * The layout is done here rather than by pdfkit's own `text(…, { width })` and `table()`:
 * a table cell taller than a page must continue on the next one (pdfkit's table clamps it),
 * the header row must repeat, Chinese must break between characters but not before `，。）`
 * and English only between words. So text is cut into tokens, measured (widths cached per
 * token: CJK text is mostly single characters, so the cache stays small), filled into lines,
 * and each line drawn at a known position with `lineBreak: false`.
 *
 * Deterministic: the same outline and `generatedAt` give the same bytes. The dates pdfkit
 * writes come from `generatedAt`; the trailer /ID is an MD5 of the info dictionary; font subset
 * tags derive from the font's registration order; nothing else varies between runs.
 */
import PDFDocument from 'pdfkit';
import type { DeliveryStatus } from '#domain';
import type { Block, Column, DocumentOutline, Inline, Rich } from './outline.js';
import { cjkFont } from './pdf-fonts.js';

/** Noto Sans SC 400, 600 and 700: body text; sub-headings, table headers and labels; the title, section headings and emphasis. */
type FontName = 'R' | 'S' | 'B';

interface Style {
  font: FontName;
  size: number;
  color: string;
  link?: string;
}

interface Token {
  text: string;
  style: Style;
  width: number;
  kind: 'word' | 'space' | 'break';
  /** No line break allowed between this token and the one before (`出题人”`, `OP24-01-04）`). */
  glued: boolean;
}

interface Segment {
  text: string;
  style: Style;
  /** From the line's start. */
  x: number;
  width: number;
}

type Line = Segment[];

const COLOR = {
  text: '#1D2939',
  muted: '#475467',
  code: '#344054',
  link: '#175CD3',
  rule: '#D0D5DD',
  headerFill: '#F2F4F7',
  accent: '#B42318',
};

const STATUS: Record<DeliveryStatus, { color: string; mark: string }> = {
  on_track: { color: '#067647', mark: '●' },
  at_risk: { color: '#B54708', mark: '▲' },
  off_track: { color: '#B42318', mark: '■' },
};

const A4: [number, number] = [595.28, 841.89];
const MARGIN = { top: 64, bottom: 56, left: 48, right: 48 };
const BODY = 10;
const TABLE = 8.5;
const LEADING = 1.5;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 3;
const HEADING: Record<2 | 3 | 4, { size: number; before: number; after: number }> = {
  2: { size: 14, before: 14, after: 6 },
  3: { size: 12, before: 10, after: 4 },
  4: { size: 10.5, before: 6, after: 3 },
};

// ---------------------------------------------------------------------------------------------
// Line breaking

const CJK =
  /^(?:[\u1100-\u11FF\u2E80-\u2FDF\u2FF0-\u303F\u3040-\u31FF\u3200-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|[\uD840-\uD87F][\uDC00-\uDFFF])$/;
const TOKEN =
  /\n|[ \t\u3000]+|[\u1100-\u11FF\u2E80-\u2FDF\u2FF0-\u2FFF\u3001-\u303F\u3040-\u31FF\u3200-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|[\uD840-\uD87F][\uDC00-\uDFFF]|[^\n \t\u3000\u1100-\u11FF\u2E80-\u2FDF\u2FF0-\u2FFF\u3001-\u303F\u3040-\u31FF\u3200-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\uD840-\uD87F]+/gu;
/** May not begin a line (closing punctuation), may not end one (opening punctuation). */
const NO_START = new Set([...'，。、；：？！）》」』〕】〉”’…%,.;:?!)]}·']);
const NO_END = new Set([...'（《「『〔【〈“‘([{']);

const isCjk = (ch: string) => CJK.test(ch);
const firstChar = (s: string) => String.fromCodePoint(s.codePointAt(0)!);
const lastChar = (s: string) => {
  const chars = [...s];
  return chars[chars.length - 1];
};

/** Whether a line may break between two adjacent words with no space between them. */
function breakable(before: string, after: string): boolean {
  const a = lastChar(before);
  const b = firstChar(after);
  if (NO_START.has(b) || NO_END.has(a)) return false;
  return isCjk(a) || isCjk(b);
}

/** Widths per font of 1-point text, shared by every document: the fonts are the same files. */
const widthCache = new Map<string, number>();
const WIDTH_CACHE_LIMIT = 200_000;

class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly width: number;
  private readonly height: number;
  private y = MARGIN.top;
  /** 0-based index of the page being written. */
  private page = 0;
  /** The page each anchored heading landed on, for the table of contents. */
  private readonly anchorPages = new Map<string, number>();
  /** Table-of-contents lines waiting for their page numbers. */
  private readonly tocLines: Array<{ page: number; y: number; textEnd: number; anchor: string; style: Style }> = [];
  private bookmark: PDFKit.PDFOutline | null = null;
  // what the content stream was last told, so each line does not repeat it
  private current: { font: FontName | null; size: number; color: string } = { font: null, size: 0, color: '' };

  constructor(
    private readonly outline: DocumentOutline,
    generatedAt: Date,
  ) {
    [this.width, this.height] = outline.orientation === 'landscape' ? [A4[1], A4[0]] : A4;
    this.doc = new PDFDocument({
      size: 'A4',
      layout: outline.orientation,
      margins: MARGIN,
      bufferPages: true,
      lang: outline.locale,
      displayTitle: true,
      info: {
        Title: `${outline.title} · ${outline.subtitle}`,
        Author: 'Reformflow',
        Creator: 'Reformflow',
        Producer: 'Reformflow (PDFKit)',
        CreationDate: generatedAt,
        ModDate: generatedAt,
      },
    });
    this.doc.registerFont('R', cjkFont('regular'));
    this.doc.registerFont('S', cjkFont('semibold'));
    this.doc.registerFont('B', cjkFont('bold'));
  }

  private get contentWidth() {
    return this.width - MARGIN.left - MARGIN.right;
  }
  private get bottom() {
    return this.height - MARGIN.bottom;
  }

  // -- measuring and wrapping -----------------------------------------------------------------

  private measure(text: string, style: Style): number {
    const key = `${style.font}\u0000${text}`;
    let unit = widthCache.get(key);
    if (unit === undefined) {
      if (widthCache.size > WIDTH_CACHE_LIMIT) widthCache.clear();
      this.use(style.font, 1000, null);
      unit = this.doc.widthOfString(text) / 1000;
      widthCache.set(key, unit);
    }
    return unit * style.size;
  }

  private runs(r: Rich, base: Style): Array<{ text: string; style: Style }> {
    const out: Array<{ text: string; style: Style }> = [];
    const bold: Style = { ...base, font: 'B' };
    const code: Style = { ...base, color: COLOR.code };
    for (const i of r as Inline[]) {
      if (typeof i === 'string') out.push({ text: i, style: base });
      else if (i.kind === 'code') out.push({ text: i.text, style: code });
      else if (i.kind === 'strong') out.push({ text: i.text, style: bold });
      else if (i.kind === 'link') out.push({ text: i.text, style: { ...base, color: COLOR.link, link: i.href } });
      else {
        const s = STATUS[i.status];
        out.push(
          { text: `${s.mark}\u00A0`, style: { ...base, color: s.color } },
          { text: i.text, style: { ...base, font: 'B', color: s.color } },
        );
      }
    }
    return out;
  }

  private tokens(r: Rich, base: Style): Token[] {
    const out: Token[] = [];
    for (const run of this.runs(r, base)) {
      for (const m of run.text.replace(/\r\n?/g, '\n').matchAll(TOKEN)) {
        const text = m[0];
        const prev = out[out.length - 1];
        if (text === '\n') out.push({ text, style: run.style, width: 0, kind: 'break', glued: false });
        else if (/^[ \t\u3000]/.test(text))
          out.push({ text: ' ', style: run.style, width: this.measure(' ', run.style), kind: 'space', glued: false });
        else {
          const glued = prev?.kind === 'word' && !breakable(prev.text, text);
          out.push({ text, style: run.style, width: this.measure(text, run.style), kind: 'word', glued });
        }
      }
    }
    return out;
  }

  /** Fills the text into lines at most `width` wide; a word wider than a line is cut between characters. */
  private wrap(r: Rich, base: Style, width: number): Line[] {
    const lines: Line[] = [];
    let line: Line = [];
    let x = 0;
    let space: Token | null = null;
    const place = (text: string, style: Style, w: number) => {
      const last = line[line.length - 1];
      if (last && last.style === style && Math.abs(last.x + last.width - x) < 0.001) {
        last.text += text;
        last.width += w;
      } else line.push({ text, style, x, width: w });
      x += w;
    };
    const newLine = () => {
      lines.push(line);
      line = [];
      x = 0;
      space = null;
    };
    const tokens = this.tokens(r, base);
    const limit = width + 0.01;
    for (let i = 0; i < tokens.length;) {
      const t = tokens[i];
      if (t.kind === 'break') {
        newLine();
        i++;
        continue;
      }
      if (t.kind === 'space') {
        if (line.length > 0) space = t;
        i++;
        continue;
      }
      // a box: this word and the words glued to it
      let j = i + 1;
      let w = t.width;
      while (j < tokens.length && tokens[j].kind === 'word' && tokens[j].glued) w += tokens[j++].width;
      const sw = space ? space.width : 0;
      if (x + sw + w <= limit) {
        if (space) place(' ', space.style, sw);
      } else if (w <= limit) {
        if (line.length > 0) newLine();
      } else {
        // wider than a line: cut it, starting on the current line if a fair share of it is left
        if (line.length > 0 && width - x - sw < width * 0.25) newLine();
        else if (space) place(' ', space.style, sw);
        for (let k = i; k < j; k++) {
          for (const ch of tokens[k].text) {
            const cw = this.measure(ch, tokens[k].style);
            if (x + cw > limit && line.length > 0) newLine();
            place(ch, tokens[k].style, cw);
          }
        }
        space = null;
        i = j;
        continue;
      }
      for (let k = i; k < j; k++) place(tokens[k].text, tokens[k].style, tokens[k].width);
      space = null;
      i = j;
    }
    if (line.length > 0 || lines.length === 0) lines.push(line);
    return lines;
  }

  private naturalWidth(r: Rich, base: Style): number {
    return this.tokens(r, base).reduce((w, t) => w + t.width, 0);
  }

  // -- drawing ---------------------------------------------------------------------------------

  private use(font: FontName, size: number, color: string | null) {
    if (this.current.font !== font) {
      this.doc.font(font);
      this.current.font = font;
    }
    if (this.current.size !== size) {
      this.doc.fontSize(size);
      this.current.size = size;
    }
    if (color !== null && this.current.color !== color) {
      this.doc.fillColor(color);
      this.current.color = color;
    }
  }

  private drawLine(line: Line, x: number, y: number, align: 'left' | 'right' | 'center' = 'left', width = 0) {
    const natural = line.length > 0 ? line[line.length - 1].x + line[line.length - 1].width : 0;
    const offset = align === 'right' ? width - natural : align === 'center' ? (width - natural) / 2 : 0;
    for (const s of line) {
      this.use(s.style.font, s.style.size, s.style.color);
      this.doc.text(s.text, x + offset + s.x, y, s.style.link ? { lineBreak: false, link: s.style.link } : { lineBreak: false });
    }
  }

  private rule(x1: number, x2: number, y: number, color = COLOR.rule, lineWidth = 0.5) {
    this.doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(lineWidth).strokeColor(color).stroke().restore();
  }

  private newPage() {
    this.doc.addPage();
    this.page++;
    this.y = MARGIN.top;
    // a new page starts a fresh graphics state
    this.current = { font: null, size: 0, color: '' };
  }

  /** Room for `h` more points on this page, or a new page. */
  private ensure(h: number) {
    if (this.y + h > this.bottom && this.y > MARGIN.top) this.newPage();
  }

  private titleBlock() {
    const w = this.contentWidth;
    // centred, as the title of an official document is
    for (const line of this.wrap([this.outline.title], { font: 'B', size: 20, color: COLOR.accent }, w)) {
      this.drawLine(line, MARGIN.left, this.y, 'center', w);
      this.y += 20 * 1.35;
    }
    this.y += 4;
    for (const line of this.wrap([this.outline.subtitle], { font: 'S', size: 12, color: COLOR.muted }, w)) {
      this.drawLine(line, MARGIN.left, this.y, 'center', w);
      this.y += 12 * LEADING;
    }
    this.y += 4;
    this.rule(MARGIN.left, MARGIN.left + w, this.y, COLOR.accent, 2);
    this.y += 14;
  }

  /** `follow`: the height of what must stay on the page with the heading (the start of the next block). */
  private heading(level: 2 | 3 | 4, text: Rich, anchor: string | undefined, follow: number) {
    const h = HEADING[level];
    const lines = this.wrap(text, { font: level === 2 ? 'B' : 'S', size: h.size, color: COLOR.text }, this.contentWidth);
    const lh = h.size * 1.4;
    // keep a heading with the first lines of what follows it
    this.ensure(h.before + lines.length * lh + h.after + follow);
    if (this.y > MARGIN.top) this.y += h.before;
    if (anchor) {
      this.doc.addNamedDestination(anchor, 'XYZ', MARGIN.left, this.y, null);
      this.anchorPages.set(anchor, this.page);
    }
    if (level === 2) this.bookmark = this.doc.outline.addItem(lines.map((l) => l.map((s) => s.text).join('')).join(''));
    else if (level === 3) (this.bookmark ?? this.doc.outline).addItem(lines.map((l) => l.map((s) => s.text).join('')).join(''));
    for (const line of lines) {
      this.drawLine(line, MARGIN.left, this.y);
      this.y += lh;
    }
    if (level === 2) this.rule(MARGIN.left, MARGIN.left + this.contentWidth, this.y);
    this.y += h.after;
  }

  private paragraph(text: Rich, style: Style, after = 6) {
    const lh = style.size * LEADING;
    for (const line of this.wrap(text, style, this.contentWidth)) {
      this.ensure(lh);
      this.drawLine(line, MARGIN.left, this.y);
      this.y += lh;
    }
    this.y += after;
  }

  private columnWidths(columns: readonly Column[], rows: ReadonlyArray<readonly Rich[]>, base: Style): number[] {
    const total = this.contentWidth;
    // a code column is as wide as its widest code (so none is broken), within 30% of the table
    const fixed = columns.map((c, i) => {
      if (!c.noWrap) return 0;
      let widest = 0;
      for (const r of rows) widest = Math.max(widest, this.naturalWidth(r[i] ?? [], base));
      return Math.min(total * 0.3, Math.max(36, widest + 2 * CELL_PAD_X + 1));
    });
    const rest = total - fixed.reduce((a, b) => a + b, 0);
    const weights = columns.reduce((s, c) => s + (c.noWrap ? 0 : c.weight), 0);
    return columns.map((c, i) => (c.noWrap ? fixed[i] : (rest * c.weight) / weights));
  }

  /**
   * A table, or with `header: false` a borderless label–value list. A row that does not fit
   * goes to the next page under a repeated header row; a row taller than a page is split
   * between lines and continues on the next page.
   */
  private table(
    columns: readonly Column[],
    rows: ReadonlyArray<readonly Rich[]>,
    opts: { header: boolean; size: number; labelColumn?: boolean },
  ) {
    const base: Style = { font: 'R', size: opts.size, color: COLOR.text };
    const lh = opts.size * LEADING;
    let widths = this.columnWidths(columns, rows, base);
    if (!opts.header) {
      // label–value: the label column as wide as its longest label, within a third of the page
      const label = Math.min(
        this.contentWidth / 3,
        Math.max(...rows.map((r) => this.naturalWidth(r[0] ?? [], { ...base, font: 'S' }))) + 2 * CELL_PAD_X + 4,
      );
      widths = [label, this.contentWidth - label];
    }
    const xs = widths.map((_w, i) => MARGIN.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const right = MARGIN.left + widths.reduce((a, b) => a + b, 0);
    const headerStyle: Style = { font: 'S', size: opts.size, color: COLOR.text };
    const headerLines = opts.header ? columns.map((c, i) => this.wrap([c.header], headerStyle, widths[i] - 2 * CELL_PAD_X)) : [];
    const headerHeight = opts.header ? Math.max(...headerLines.map((l) => l.length)) * lh + 2 * CELL_PAD_Y : 0;
    const padY = opts.header ? CELL_PAD_Y : 1;

    const drawHeader = () => {
      if (!opts.header) return;
      this.doc
        .save()
        .rect(MARGIN.left, this.y, right - MARGIN.left, headerHeight)
        .fill(COLOR.headerFill)
        .restore();
      this.current.color = '';
      headerLines.forEach((lines, c) =>
        lines.forEach((line, k) =>
          this.drawLine(line, xs[c] + CELL_PAD_X, this.y + CELL_PAD_Y + k * lh, columns[c].align, widths[c] - 2 * CELL_PAD_X),
        ),
      );
      this.y += headerHeight;
      this.rule(MARGIN.left, right, this.y, COLOR.muted);
    };

    const cellStyle = (c: number): Style => (!opts.header && c === 0 ? { font: 'S', size: opts.size, color: COLOR.muted } : base);
    const pageRoom = this.bottom - MARGIN.top - headerHeight;
    let first = true;
    for (const row of rows) {
      const cells = columns.map((_c, i) => this.wrap(row[i] ?? [], cellStyle(i), widths[i] - 2 * CELL_PAD_X));
      const count = Math.max(...cells.map((l) => l.length));
      const height = count * lh + 2 * padY;
      if (first) {
        // the header row never ends a page alone
        this.ensure(headerHeight + Math.min(height, 2 * lh + 2 * padY));
        drawHeader();
        first = false;
      }
      if (this.y + height > this.bottom && height <= pageRoom) {
        this.newPage();
        drawHeader();
      }
      for (let from = 0; from < count;) {
        const fit = Math.floor((this.bottom - this.y - 2 * padY) / lh);
        if (fit < 1) {
          this.newPage();
          drawHeader();
          continue;
        }
        const to = Math.min(count, from + fit);
        cells.forEach((lines, c) => {
          for (let k = from; k < Math.min(to, lines.length); k++)
            this.drawLine(lines[k], xs[c] + CELL_PAD_X, this.y + padY + (k - from) * lh, columns[c].align, widths[c] - 2 * CELL_PAD_X);
        });
        this.y += (to - from) * lh + 2 * padY;
        if (opts.header) this.rule(MARGIN.left, right, this.y);
        from = to;
        if (from < count) {
          this.newPage();
          drawHeader();
        }
      }
    }
    this.y += opts.header ? 8 : 4;
  }

  /** How much of a block must follow its heading on the same page: a table's header row and first row, else three lines. */
  private keepWithHeading(next: Block | undefined): number {
    if (next?.kind !== 'table') return 3 * BODY * LEADING;
    const size = TABLE;
    const lh = size * LEADING;
    const base: Style = { font: 'R', size, color: COLOR.text };
    const widths = this.columnWidths(next.columns, next.rows, base);
    const lines = (cells: ReadonlyArray<Rich>, style: Style) =>
      Math.max(1, ...next.columns.map((_c, i) => this.wrap(cells[i] ?? [], style, widths[i] - 2 * CELL_PAD_X).length));
    const header = lines(
      next.columns.map((c) => [c.header]),
      { ...base, font: 'S' },
    );
    const first = next.rows.length > 0 ? Math.min(2, lines(next.rows[0], base)) : 0;
    return (header + first) * lh + 4 * CELL_PAD_Y;
  }

  private block(b: Block, next?: Block) {
    switch (b.kind) {
      case 'heading':
        return this.heading(b.level, b.text, b.anchor, this.keepWithHeading(next));
      case 'toc':
        return this.toc(b.title, b.entries);
      case 'paragraph':
        return this.paragraph(b.text, { font: 'R', size: BODY, color: COLOR.text });
      case 'note':
        return this.paragraph([b.text], { font: 'R', size: 9, color: COLOR.muted });
      case 'fields':
        return this.table(
          [
            { header: '', weight: 1 },
            { header: '', weight: 3 },
          ],
          b.items.map((it) => [[it.label], it.value]),
          { header: false, size: 9.5 },
        );
      case 'table':
        return this.table(b.columns, b.rows, { header: true, size: TABLE });
    }
  }

  /**
   * The contents on a page of their own after the title block: each entry links to its heading;
   * the page numbers are written once the body is laid out (`tocPageNumbers`).
   */
  private toc(title: string, entries: ReadonlyArray<{ text: string; anchor: string }>) {
    const w = this.contentWidth;
    const h = HEADING[2];
    this.ensure(h.before + h.size * 1.4 + 3 * BODY * LEADING);
    this.y += h.before;
    for (const line of this.wrap([title], { font: 'B', size: h.size, color: COLOR.text }, w)) {
      this.drawLine(line, MARGIN.left, this.y, 'center', w);
      this.y += h.size * 1.4;
    }
    this.y += 8;
    const style: Style = { font: 'R', size: BODY + 0.5, color: COLOR.text };
    const lh = style.size * 1.8;
    const numberRoom = 36;
    for (const e of entries) {
      const lines = this.wrap([e.text], style, w - numberRoom);
      this.ensure(lines.length * lh);
      const top = this.y;
      lines.forEach((line) => {
        this.drawLine(line, MARGIN.left, this.y);
        this.y += lh;
      });
      const last = lines[lines.length - 1];
      const textEnd = last.length > 0 ? last[last.length - 1].x + last[last.length - 1].width : 0;
      this.tocLines.push({ page: this.page, y: this.y - lh, textEnd: MARGIN.left + textEnd, anchor: e.anchor, style });
      this.doc.goTo(MARGIN.left, top, w, this.y - top, e.anchor);
    }
    this.newPage();
  }

  /** Dot leaders and page numbers for the contents, now that every heading has its page. */
  private tocPageNumbers() {
    const right = MARGIN.left + this.contentWidth;
    for (const t of this.tocLines) {
      const page = this.anchorPages.get(t.anchor);
      if (page === undefined) continue;
      this.doc.switchToPage(t.page);
      this.current = { font: null, size: 0, color: '' };
      const num = String(page + 1);
      const nw = this.measure(num, t.style);
      const to = right - nw - 4;
      const dots = Math.max(0, Math.floor((to - t.textEnd - 4) / this.measure('.', t.style)));
      if (dots > 0) {
        const leader = '.'.repeat(dots);
        this.drawLine(
          [{ text: leader, style: { ...t.style, color: COLOR.muted }, x: 0, width: 0 }],
          to - this.measure(leader, t.style),
          t.y,
        );
      }
      this.drawLine([{ text: num, style: t.style, x: 0, width: nw }], right - nw, t.y);
    }
  }

  /** Running head from page 2, `page N of M` on every page: drawn once the page count is known. */
  private pageFurniture() {
    const range = this.doc.bufferedPageRange();
    const w = this.contentWidth;
    const small: Style = { font: 'R', size: 8, color: COLOR.muted };
    const head = this.fit(`${this.outline.title} · ${this.outline.subtitle}`, small, w);
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      this.current = { font: null, size: 0, color: '' };
      if (i > range.start) {
        this.drawLine([{ text: head, style: small, x: 0, width: 0 }], MARGIN.left, 30);
        this.rule(MARGIN.left, MARGIN.left + w, 44);
      }
      const foot = this.outline.pageOf(i - range.start + 1, range.count);
      const fw = this.measure(foot, small);
      this.rule(MARGIN.left, MARGIN.left + w, this.height - 42);
      if (this.outline.footer) {
        const note = this.fit(this.outline.footer, small, w - fw - 24);
        this.drawLine([{ text: note, style: small, x: 0, width: 0 }], MARGIN.left, this.height - 36);
      }
      this.drawLine([{ text: foot, style: small, x: 0, width: fw }], MARGIN.left + w - fw, this.height - 36);
    }
  }

  /** The text, cut with an ellipsis if wider than `width`. */
  private fit(text: string, style: Style, width: number): string {
    if (this.measure(text, style) <= width) return text;
    const chars = [...text];
    let lo = 0;
    let hi = chars.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.measure(`${chars.slice(0, mid).join('')}…`, style) <= width) lo = mid;
      else hi = mid - 1;
    }
    return `${chars.slice(0, lo).join('')}…`;
  }

  async write(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    this.doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve, reject) => {
      this.doc.on('end', resolve);
      this.doc.on('error', reject);
    });
    this.titleBlock();
    this.outline.blocks.forEach((b, i) => this.block(b, this.outline.blocks[i + 1]));
    this.tocPageNumbers();
    this.pageFurniture();
    this.doc.end();
    await done;
    return Buffer.concat(chunks);
  }
}

export function writePdf(outline: DocumentOutline, generatedAt: Date): Promise<Buffer> {
  return new PdfWriter(outline, generatedAt).write();
}
