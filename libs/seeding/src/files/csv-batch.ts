/**
 * A batch as a CSV file: a header row naming the columns, then one row per matter. Column
 * names are the YAML field names (`title.zh`, `leadingUnit`), the batch header sits in
 * `batch.*` columns (filled on the first row; later rows leave them empty or repeat them),
 * targets and risks in numbered groups (`target1.targetValue`, `risk2.mitigation`), and
 * several participating units in one cell separated by `;`, as are participating units' parts
 * (`unit code|due date|what it delivers`). README.md lists every column.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { LIMITS } from '#domain';
import type { Located, RawBatch, RawEntry } from './batch-file.js';
import type { RowProblem } from './problems.js';

export const CSV_BATCH_COLUMNS = [
  'batch.code',
  'batch.title.zh',
  'batch.title.en',
  'batch.issuingAuthority',
  'batch.issuedOn',
  'batch.sourceDocument',
  'batch.workflow',
  'batch.note',
] as const;

export const CSV_MATTER_COLUMNS = [
  'code',
  'item',
  'source',
  'title.zh',
  'title.en',
  'description.zh',
  'description.en',
  'kind',
  'kindBasis',
  'policyArea',
  'leadingUnit',
  'leadingUnitBasis',
  'participatingUnits',
  'requiresLegalAuthorization',
  'legalBasis',
  // 003 item (14): the law (NPC Standing Committee) or administrative regulation (State Council) adjusted, and which
  'legalAdjustment.level',
  'legalAdjustment.name',
  // a national body's approval without adjusting a law: a separate condition
  'nationalApproval.authority',
  'nationalApproval.basis',
  'riskLevel',
  // 分工: `unit code|due date|what it delivers`, several separated by `;`
  'parts',
] as const;

export const CSV_TARGET_FIELDS = [
  'indicator.zh',
  'indicator.en',
  'baseline',
  'targetValue',
  'unit',
  'byDate',
  'comparison',
  'source',
] as const;
export const CSV_RISK_FIELDS = ['description', 'likelihood', 'impact', 'mitigation'] as const;

/** Columns a file must have; and one of `title.zh`, `title.en`. */
const REQUIRED = ['batch.code', 'code', 'kind', 'policyArea', 'leadingUnit', 'riskLevel'];

const GROUP = /^(target|risk)([1-9]\d*)\.(.+)$/;
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const TRUE = new Set(['true', 'yes', 'y', '1', '是']);
const FALSE = new Set(['false', 'no', 'n', '0', '否']);

type Column =
  | { kind: 'batch'; path: string[] }
  | { kind: 'matter'; path: string[]; name: string }
  | { kind: 'group'; group: 'targets' | 'risks'; n: number; path: string[] };

/** Reads decoded CSV text; fails only when the file is not a batch at all (delimiter, header, quoting). */
export function readCsvBatch(text: string): { ok: true; raw: RawBatch } | { ok: false; problems: RowProblem[] } {
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  if (!firstLine.includes(',')) {
    const other = [';', '\t', '；', '|'].find((d) => firstLine.includes(d));
    if (other) {
      const name = other === '\t' ? 'tabs' : `"${other}"`;
      return fail(1, '$', 'delimiter', `the columns are separated by ${name}: separate them by commas (",") as CSV does`);
    }
  }
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { info: true, skip_empty_lines: true, relax_column_count: true, bom: true }) as unknown as typeof records;
  } catch (e) {
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines ?? 1;
      return fail(line, '$', 'csv_syntax', e.message.replace(/^[A-Z_]+:\s*/, ''));
    }
    throw e;
  }
  if (records.length === 0) return fail(1, '$', 'header', 'the file is empty: the first row names the columns');

  const [head, ...data] = records;
  const headerRow = startLine(head);
  const names = head.record.map((c) => c.trim());
  const problems: RowProblem[] = [];
  const columns: Column[] = [];
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (seen.has(name))
      problems.push({ row: headerRow, field: name, rule: 'duplicate_column', message: `column ${i + 1} repeats "${name}"` });
    seen.add(name);
    const column = columnOf(name);
    if (!column)
      problems.push({
        row: headerRow,
        field: name || `column ${i + 1}`,
        rule: 'unknown_column',
        message: name ? `"${name}" is not a column of a batch file (see README.md, "Importing a batch")` : 'the column has no name',
      });
    else columns.push(column);
  });
  for (const required of REQUIRED) {
    if (!seen.has(required))
      problems.push({ row: headerRow, field: required, rule: 'missing_column', message: `the header has no "${required}" column` });
  }
  if (!seen.has('title.zh') && !seen.has('title.en')) {
    problems.push({
      row: headerRow,
      field: 'title.zh',
      rule: 'missing_column',
      message: 'the header needs a "title.zh" or a "title.en" column',
    });
  }
  if (problems.length) return { ok: false, problems };
  if (data.length === 0)
    return fail(headerRow, '$', 'no_rows', 'the file has a header but no matters: one row per matter follows the header');

  const rowProblems: RowProblem[] = [];
  const matters: RawEntry[] = [];
  let header: RawEntry | null = null;
  for (const rec of data) {
    const row = startLine(rec);
    if (rec.record.length !== names.length) {
      rowProblems.push({
        row,
        field: '$',
        rule: 'column_count',
        message: `has ${rec.record.length} cells where the header has ${names.length} columns: is a comma inside a cell without quotes?`,
      });
      continue;
    }
    const { matter, batch, fieldOf } = rowValues(rec.record, columns);
    const rowOf = () => row;
    if (!header) header = { row, value: batch, rowOf, fieldOf: (p) => (p.length ? `batch.${p.map(String).join('.')}` : 'batch') };
    else rowProblems.push(...batchMismatches(header, batch, row));
    matters.push({ row, value: matter, rowOf, fieldOf });
  }
  header ??= { row: headerRow, value: {}, rowOf: () => headerRow, fieldOf: (p) => `batch.${p.map(String).join('.')}` };
  return { ok: true, raw: { format: 'csv', header, matters, problems: rowProblems } };
}

function fail(row: number, field: string, rule: string, message: string): { ok: false; problems: RowProblem[] } {
  return { ok: false, problems: [{ row, field, rule, message }] };
}

/** A record ends on `info.lines`; it starts as many lines earlier as its cells hold line breaks. */
function startLine(rec: { record: string[]; info: { lines: number } }): number {
  const breaks = rec.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
  return rec.info.lines - breaks;
}

function columnOf(name: string): Column | null {
  if ((CSV_BATCH_COLUMNS as readonly string[]).includes(name)) return { kind: 'batch', path: name.split('.').slice(1) };
  if ((CSV_MATTER_COLUMNS as readonly string[]).includes(name)) return { kind: 'matter', path: name.split('.'), name };
  const g = GROUP.exec(name);
  if (!g) return null;
  const group = g[1] === 'target' ? 'targets' : 'risks';
  const n = Number(g[2]);
  const fields: readonly string[] = group === 'targets' ? CSV_TARGET_FIELDS : CSV_RISK_FIELDS;
  if (n > (group === 'targets' ? LIMITS.targets : LIMITS.risks) || !fields.includes(g[3])) return null;
  return { kind: 'group', group, n, path: g[3].split('.') };
}

function set(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]] = value;
}

/** One record as the entry a YAML file would hold, and how to name its fields as columns. */
function rowValues(
  cells: string[],
  columns: Column[],
): { matter: Record<string, unknown>; batch: Record<string, unknown> } & Pick<Located, 'fieldOf'> {
  const matter: Record<string, unknown> = {};
  const batch: Record<string, unknown> = {};
  const groups = { targets: new Map<number, Record<string, unknown>>(), risks: new Map<number, Record<string, unknown>>() };
  columns.forEach((c, i) => {
    const cell = cells[i].trim();
    if (cell === '') return;
    if (c.kind === 'batch') set(batch, c.path, cell);
    else if (c.kind === 'group') {
      const numeric = c.group === 'targets' && (c.path[0] === 'baseline' || c.path[0] === 'targetValue');
      const entry = groups[c.group].get(c.n) ?? {};
      groups[c.group].set(c.n, entry);
      set(entry, c.path, numeric && NUMBER.test(cell) ? Number(cell) : cell);
    } else set(matter, c.path, cellValue(c.name, cell));
  });
  const order = { targets: [...groups.targets.keys()].sort((a, b) => a - b), risks: [...groups.risks.keys()].sort((a, b) => a - b) };
  if (order.targets.length) matter.targets = order.targets.map((n) => groups.targets.get(n));
  if (order.risks.length) matter.risks = order.risks.map((n) => groups.risks.get(n));
  return {
    matter,
    batch,
    fieldOf(path) {
      const [head, index, ...rest] = path.map(String);
      if ((head === 'targets' || head === 'risks') && index !== undefined) {
        const n = order[head][Number(index)] ?? Number(index) + 1;
        const prefix = `${head === 'targets' ? 'target' : 'risk'}${n}`;
        return rest.length ? `${prefix}.${rest.join('.')}` : prefix;
      }
      if (head === 'participatingUnits' || head === 'parts') return head;
      return path.length ? path.map(String).join('.') : '$';
    },
  };
}

function cellValue(column: string, cell: string): unknown {
  switch (column) {
    case 'item':
      return /^\d+$/.test(cell) ? Number(cell) : cell;
    case 'requiresLegalAuthorization': {
      const v = cell.toLowerCase();
      return TRUE.has(v) ? true : FALSE.has(v) ? false : cell;
    }
    case 'participatingUnits':
      return cell
        .split(/[;；]/)
        .map((c) => c.trim())
        .filter(Boolean);
    case 'parts':
      // `SZ-COMMERCE|2027-06-30|制定配套政策`: a part missing a piece fails the schema on that piece
      return cell
        .split(/[;；]/)
        .map((c) => c.trim())
        .filter(Boolean)
        .map((c) => {
          const [unit, due, ...what] = c.split(/[|｜]/).map((x) => x.trim());
          const deliverable = what.join('|');
          return { unit, ...(due ? { due } : {}), ...(deliverable ? { deliverable: { zh: deliverable } } : {}) };
        });
    default:
      return cell;
  }
}

function batchMismatches(first: RawEntry, batch: Record<string, unknown>, row: number): RowProblem[] {
  const out: RowProblem[] = [];
  const firstValues = flatten(first.value as Record<string, unknown>);
  for (const [key, value] of Object.entries(flatten(batch))) {
    if (firstValues[key] !== value) {
      out.push({
        row,
        field: `batch.${key}`,
        rule: 'batch.mismatch',
        message:
          firstValues[key] === undefined
            ? `is empty on the first row (${first.row}): give the batch's header on the first row`
            : `differs from the first row (${first.row}): a file is one batch; leave the cell empty or repeat the first row's value`,
      });
    }
  }
  return out;
}

function flatten(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v && typeof v === 'object') Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = v;
  }
  return out;
}
