/**
 * A batch as a file holds it (a header and one entry per matter), whatever the format:
 * YAML and CSV both read into a RawBatch, and one check turns it into valid entries plus
 * a problem for every bad field, each named by its row and field as the file shows them.
 */
import type { z } from 'zod';
import type { MatterPlan, PartInput } from '#domain';
import { fieldErrors } from '#validation';
import { type BatchHeader, type MatterEntry, batchHeaderSchema, matterEntrySchema } from './file-schemas.js';
import type { RowProblem } from './problems.js';

type Path = ReadonlyArray<PropertyKey>;

/** Where a value sits in the file: the row (line) and the field name the person sees. */
export interface Located {
  rowOf: (path: Path) => number;
  fieldOf: (path: Path) => string;
}

export interface RawEntry extends Located {
  /** The line the entry starts on. */
  row: number;
  value: unknown;
}

export interface RawBatch {
  format: 'yaml' | 'csv';
  header: RawEntry;
  matters: RawEntry[];
  /** Problems of rows found while reading them (a CSV row with too many cells). */
  problems?: RowProblem[];
}

export interface BatchRow extends Located {
  row: number;
  entry: MatterEntry;
}

export interface CheckedBatch {
  /** Null when the header breaks a rule (the problems say which). */
  header: BatchHeader | null;
  /** The batch code, when the header has a valid one even if other header fields are bad. */
  code: string | null;
  headerEntry: RawEntry;
  /** Entries whose shape is valid; the others are in `problems`. */
  rows: BatchRow[];
  problems: RowProblem[];
  /** Every entry of the file, valid or not. */
  total: number;
}

/** Header and entries checked one by one, and the codes across entries (each code once per batch). */
export function checkBatch(raw: RawBatch, options: { headerRequired: boolean }): CheckedBatch {
  const problems: RowProblem[] = [...(raw.problems ?? [])];
  const headerSchema = options.headerRequired ? batchHeaderSchema : batchHeaderSchema.partial().required({ code: true });
  const header = parseLocated(headerSchema, raw.header, problems) as BatchHeader | null;
  const code = header?.code ?? (batchHeaderSchema.shape.code.safeParse(codeOf(raw.header.value)).data || null);

  const rows: BatchRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const e of raw.matters) {
    const entry = parseLocated(matterEntrySchema, e, problems);
    if (!entry) continue;
    const first = firstRowOf.get(entry.code);
    if (first !== undefined) {
      problems.push({
        row: e.rowOf(['code']),
        field: e.fieldOf(['code']),
        rule: 'duplicate',
        message: `matter ${entry.code} is already on row ${first}: each code once per batch`,
      });
      continue;
    }
    firstRowOf.set(entry.code, e.row);
    rows.push({ row: e.row, entry, rowOf: e.rowOf, fieldOf: e.fieldOf });
  }
  return { header: header ? { ...header } : null, code, headerEntry: raw.header, rows, problems, total: raw.matters.length };
}

function codeOf(value: unknown): unknown {
  return value && typeof value === 'object' ? (value as Record<string, unknown>).code : undefined;
}

function parseLocated<S extends z.ZodType>(schema: S, e: RawEntry, problems: RowProblem[]): z.infer<S> | null {
  const parsed = schema.safeParse(e.value, { reportInput: true });
  if (parsed.success) return parsed.data;
  for (const f of fieldErrors(parsed.error)) {
    const path = pathOf(f.field);
    problems.push({ row: e.rowOf(path), field: e.fieldOf(path), rule: f.rule, message: f.message });
  }
  return null;
}

/** `targets[0].byDate` → ['targets', 0, 'byDate']; `$` → []. */
export function pathOf(field: string): PropertyKey[] {
  if (field === '$') return [];
  const out: PropertyKey[] = [];
  for (const part of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(part[2] !== undefined ? Number(part[2]) : part[1]);
  return out;
}

/** Unit codes an entry names, for resolving them to ids in one query. */
export const unitCodesOf = (e: MatterEntry): string[] => [
  e.leadingUnit,
  ...(e.participatingUnits ?? []),
  ...(e.parts ?? []).map((p) => p.unit),
];

/**
 * An entry as the plan `DraftMatter` takes: unit codes become ids, the document's words
 * become the matter's source, and what the entry leaves out takes the API's defaults.
 * Returns the problems instead when a unit code is unknown or the source has no document.
 */
export function toPlan(
  row: Pick<BatchRow, 'entry' | 'rowOf' | 'fieldOf'>,
  unitIds: ReadonlyMap<string, string>,
  sourceDocument: string | null,
): { ok: true; plan: MatterPlan; parts: PartInput[] } | { ok: false; problems: RowProblem[] } {
  const e = row.entry;
  const problems: RowProblem[] = [];
  const unitId = (code: string, path: Path): string => {
    const id = unitIds.get(code);
    if (!id)
      problems.push({ row: row.rowOf(path), field: row.fieldOf(path), rule: 'unit.unknown', message: `no unit has the code ${code}` });
    return id ?? '';
  };
  const leadingUnitId = unitId(e.leadingUnit, ['leadingUnit']);
  const participatingUnitIds = (e.participatingUnits ?? []).map((c, i) => unitId(c, ['participatingUnits', i]));
  const parts = (e.parts ?? []).map((p, i): PartInput => ({
    unitId: unitId(p.unit, ['parts', i, 'unit']),
    deliverable: p.deliverable,
    due: { on: p.due },
  }));
  if (e.source && !sourceDocument) {
    problems.push({
      row: row.rowOf(['source']),
      field: row.fieldOf(['source']),
      rule: 'source.document_required',
      message: "quotes a document, but the batch names no sourceDocument: add it to the batch's header",
    });
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    parts,
    plan: {
      code: e.code,
      title: e.title,
      description: e.description ?? {},
      kind: e.kind,
      policyArea: e.policyArea,
      leadingUnitId,
      participatingUnitIds,
      managerId: null,
      // readings are the documents' values, recorded beside the plan, not part of it
      targets: (e.targets ?? []).map(({ readings: _readings, ...t }) => t),
      riskLevel: e.riskLevel,
      risks: e.risks ?? [],
      requiresLegalAuthorization: e.requiresLegalAuthorization ?? false,
      leadingUnitBasis: e.leadingUnitBasis ?? 'stated',
      legalBasis: e.legalBasis ?? null,
      legalAdjustment: e.legalAdjustment ?? null,
      nationalApproval: e.nationalApproval ?? null,
      kindBasis: e.kindBasis ?? null,
      source: e.source ? { document: sourceDocument!, excerpt: e.source, locator: locatorOf(e.item) } : null,
    },
  };
}

const locatorOf = (item: MatterEntry['item']): string | null =>
  item === undefined ? null : typeof item === 'number' ? `item ${item}` : item;

/** The plan fields an entry sets: re-seeding compares and updates only these (never the manager, nor what the file leaves out). */
export function managedFields(e: MatterEntry): Array<keyof MatterPlan> {
  const fields: Array<keyof MatterPlan> = ['title', 'kind', 'policyArea', 'leadingUnitId', 'riskLevel'];
  if (e.description !== undefined) fields.push('description');
  if (e.participatingUnits !== undefined) fields.push('participatingUnitIds');
  if (e.requiresLegalAuthorization !== undefined) fields.push('requiresLegalAuthorization');
  if (e.leadingUnitBasis !== undefined) fields.push('leadingUnitBasis');
  if (e.legalBasis !== undefined) fields.push('legalBasis');
  if (e.legalAdjustment !== undefined) fields.push('legalAdjustment');
  if (e.nationalApproval !== undefined) fields.push('nationalApproval');
  if (e.kindBasis !== undefined) fields.push('kindBasis');
  if (e.source !== undefined || e.item !== undefined) fields.push('source');
  if (e.targets !== undefined) fields.push('targets');
  if (e.risks !== undefined) fields.push('risks');
  return fields;
}

/** A domain error's field (named as the API names it) as the file names it: `leadingUnitId` → `leadingUnit`. */
export function fileFieldPath(domainField: string | undefined): PropertyKey[] {
  if (!domainField) return [];
  const path = pathOf(domainField);
  if (path[0] === 'leadingUnitId') return ['leadingUnit', ...path.slice(1)];
  if (path[0] === 'participatingUnitIds') return ['participatingUnits', ...path.slice(1)];
  // a part's unit and due date, as the file names them
  if (path[0] === 'parts' && (path[2] === 'unitId' || path[2] === 'dueAt'))
    return ['parts', path[1], path[2] === 'unitId' ? 'unit' : 'due'];
  if (path[0] === 'source') return ['source'];
  if (path[0] === 'batchId') return [];
  return path;
}
