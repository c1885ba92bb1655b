import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fieldErrors } from '#validation';
import { type BatchRow, type CheckedBatch, checkBatch, unitCodesOf } from './batch-file.js';
import {
  type AuthorityBatchesFile,
  type BatchHeader,
  MAX_MATTERS_PER_FILE,
  authorityBatchesFileSchema,
  type UnitEntry,
  demoUsersFileSchema,
  type DemoUsersFile,
  unitsFileSchema,
} from './file-schemas.js';
import { type RowProblem, SeedFileError, SeedSetError, byRow } from './problems.js';
import { readYamlBatch } from './yaml-batch.js';
import { type YamlFile, parseYaml } from './yaml-file.js';

export interface SeedBatch {
  file: string;
  header: BatchHeader;
  rows: BatchRow[];
}

/** The production seed: the unit registry and the issued batches, validated and cross-checked. */
export interface SeedSet {
  dir: string;
  unitsFile: string;
  /** Parents before their children. */
  units: UnitEntry[];
  batches: SeedBatch[];
  /** Higher authorities' own batches (`<dir>/authority-batches.yaml`, optional). */
  authorityBatches: AuthorityBatchesFile['authorityBatches'];
}

const display = (path: string): string => relative(process.cwd(), path) || path;

/**
 * Reads `<dir>/units.yaml` and `<dir>/batches/*.yaml`. Every problem of every file is
 * collected before failing, each with its file, line, field path and rule; the files
 * are cross-checked (unit codes and parents exist, no code twice, no parent loop).
 * Demo users (`<dir>/demo/`) are not part of the production seed.
 */
export function readSeedSet(dir = 'seeds'): SeedSet {
  const failures: SeedFileError[] = [];
  const unitsFile = display(join(dir, 'units.yaml'));
  const units = readUnits(unitsFile, failures);
  const unitCodes = new Set(units.map((u) => u.code));

  let names: string[] = [];
  try {
    names = readdirSync(join(dir, 'batches'))
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
  } catch (e) {
    failures.push(
      new SeedFileError(display(join(dir, 'batches')), [{ row: 1, field: '$', rule: 'readable', message: (e as Error).message }]),
    );
  }
  const batches: SeedBatch[] = [];
  const batchFileOf = new Map<string, string>();
  for (const name of names) {
    const file = display(join(dir, 'batches', name));
    const batch = readBatch(file, units.length ? unitCodes : null);
    if (!batch.ok) {
      failures.push(new SeedFileError(file, batch.problems));
      continue;
    }
    const other = batchFileOf.get(batch.batch.header.code);
    if (other) {
      failures.push(
        new SeedFileError(file, [
          {
            row: batch.headerRow,
            field: 'batch.code',
            rule: 'duplicate',
            message: `${batch.batch.header.code} is also the code of ${other}`,
          },
        ]),
      );
      continue;
    }
    batchFileOf.set(batch.batch.header.code, file);
    batches.push(batch.batch);
  }
  const authorityBatches = readAuthorityBatches(display(join(dir, 'authority-batches.yaml')), unitCodes, failures);
  if (failures.length) throw new SeedSetError(failures);
  return { dir, unitsFile, units, batches, authorityBatches };
}

function readAuthorityBatches(
  file: string,
  unitCodes: ReadonlySet<string>,
  failures: SeedFileError[],
): AuthorityBatchesFile['authorityBatches'] {
  if (!existsSync(file)) return [];
  const yaml = readYamlFile(file, failures);
  if (!yaml) return [];
  const parsed = authorityBatchesFileSchema.safeParse(yaml.value ?? {}, { reportInput: true });
  if (!parsed.success) {
    failures.push(new SeedFileError(file, problemsOf(parsed.error, yaml)));
    return [];
  }
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  parsed.data.authorityBatches.forEach((b, i) => {
    if (!unitCodes.has(b.authority))
      problems.push({
        row: yaml.lineOf(['authorityBatches', i, 'authority']),
        field: `authorityBatches[${i}].authority`,
        rule: 'unit.unknown',
        message: `units.yaml has no unit ${b.authority}`,
      });
    const key = `${b.authority} ${b.number}`;
    if (seen.has(key))
      problems.push({
        row: yaml.lineOf(['authorityBatches', i, 'number']),
        field: `authorityBatches[${i}].number`,
        rule: 'duplicate',
        message: `${b.authority} batch ${b.number} is listed twice`,
      });
    seen.add(key);
  });
  if (problems.length) {
    failures.push(new SeedFileError(file, problems));
    return [];
  }
  return parsed.data.authorityBatches;
}

function readYamlFile(file: string, failures: SeedFileError[]): YamlFile | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    failures.push(new SeedFileError(file, [{ row: 1, field: '$', rule: 'readable', message: (e as Error).message }]));
    return null;
  }
  const parsed = parseYaml(text);
  if (!parsed.ok) {
    failures.push(new SeedFileError(file, parsed.problems));
    return null;
  }
  return parsed.file;
}

function readUnits(file: string, failures: SeedFileError[]): UnitEntry[] {
  const yaml = readYamlFile(file, failures);
  if (!yaml) return [];
  const parsed = unitsFileSchema.safeParse(yaml.value ?? {}, { reportInput: true });
  if (!parsed.success) {
    failures.push(new SeedFileError(file, problemsOf(parsed.error, yaml)));
    return [];
  }
  const units = parsed.data.units;
  const problems: RowProblem[] = [];
  const indexOf = new Map<string, number>();
  units.forEach((u, i) => {
    if (indexOf.has(u.code)) {
      problems.push({
        row: yaml.lineOf(['units', i, 'code']),
        field: `units[${i}].code`,
        rule: 'duplicate',
        message: `${u.code} is listed twice`,
      });
    }
    indexOf.set(u.code, i);
  });
  units.forEach((u, i) => {
    if (u.parent && !indexOf.has(u.parent)) {
      problems.push({
        row: yaml.lineOf(['units', i, 'parent']),
        field: `units[${i}].parent`,
        rule: 'unit.unknown',
        message: `no unit in this file has the code ${u.parent}`,
      });
    }
  });
  if (problems.length) {
    failures.push(new SeedFileError(file, problems));
    return [];
  }
  // parents first; a unit still waiting when nothing moves sits in a loop
  const ordered: UnitEntry[] = [];
  const placed = new Set<string>();
  let waiting = units;
  while (waiting.length) {
    const ready = waiting.filter((u) => !u.parent || placed.has(u.parent));
    if (!ready.length) {
      for (const u of waiting) {
        const i = indexOf.get(u.code)!;
        problems.push({
          row: yaml.lineOf(['units', i, 'parent']),
          field: `units[${i}].parent`,
          rule: 'unit.parent_cycle',
          message: `${u.code} sits under itself`,
        });
      }
      failures.push(new SeedFileError(file, problems));
      return [];
    }
    for (const u of ready) placed.add(u.code);
    ordered.push(...ready);
    waiting = waiting.filter((u) => !placed.has(u.code));
  }
  return ordered;
}

function readBatch(
  file: string,
  unitCodes: ReadonlySet<string> | null,
): { ok: true; batch: SeedBatch; headerRow: number } | { ok: false; problems: RowProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, problems: [{ row: 1, field: '$', rule: 'readable', message: (e as Error).message }] };
  }
  const read = readYamlBatch(text);
  if (!read.ok) return read;
  if (read.raw.matters.length > MAX_MATTERS_PER_FILE) {
    return {
      ok: false,
      problems: [
        {
          row: 1,
          field: 'matters',
          rule: 'max_items',
          message: `holds ${read.raw.matters.length} matters; at most ${MAX_MATTERS_PER_FILE}`,
        },
      ],
    };
  }
  const checked: CheckedBatch = checkBatch(read.raw, { headerRequired: true });
  const problems = [...checked.problems];
  for (const row of checked.rows) {
    // the unit registry is checked here too, so a seed fails before anything is written
    if (unitCodes) {
      unitCodesOf(row.entry).forEach((code, i) => {
        if (unitCodes.has(code)) return;
        const path = i === 0 ? ['leadingUnit'] : ['participatingUnits', i - 1];
        problems.push({ row: row.rowOf(path), field: row.fieldOf(path), rule: 'unit.unknown', message: `units.yaml has no unit ${code}` });
      });
    }
    if (row.entry.participatingUnits?.includes(row.entry.leadingUnit)) {
      const i = row.entry.participatingUnits.indexOf(row.entry.leadingUnit);
      problems.push({
        row: row.rowOf(['participatingUnits', i]),
        field: row.fieldOf(['participatingUnits', i]),
        rule: 'participating_units.includes_leading_unit',
        message: 'the leading unit is not also a participating unit',
      });
    }
    if (row.entry.source && !checked.header?.sourceDocument) {
      problems.push({
        row: row.rowOf(['source']),
        field: row.fieldOf(['source']),
        rule: 'source.document_required',
        message: 'quotes a document, but the batch names no sourceDocument',
      });
    }
    if (row.entry.legalAdjustment && !row.entry.requiresLegalAuthorization) {
      problems.push({
        row: row.rowOf(['legalAdjustment']),
        field: row.fieldOf(['legalAdjustment']),
        rule: 'legal_adjustment.without_authorization',
        message:
          'only a matter that needs legal authorization names a law or regulation to adjust: set requiresLegalAuthorization, or remove legalAdjustment',
      });
    }
    if (row.entry.legalBasis && !row.entry.requiresLegalAuthorization) {
      problems.push({
        row: row.rowOf(['legalBasis']),
        field: row.fieldOf(['legalBasis']),
        rule: 'legal_basis.without_authorization',
        message: 'a legal basis says why the matter needs legal authorization: set requiresLegalAuthorization, or remove legalBasis',
      });
    }
  }
  if (problems.length || !checked.header) return { ok: false, problems: problems.sort(byRow) };
  return { ok: true, batch: { file, header: checked.header, rows: checked.rows }, headerRow: checked.headerEntry.row };
}

function problemsOf(error: Parameters<typeof fieldErrors>[0], yaml: YamlFile): RowProblem[] {
  return fieldErrors(error).map((f) => ({
    row: yaml.lineOf(
      f.field === '$'
        ? []
        : f.field
            .split(/[.[\]]+/)
            .filter(Boolean)
            .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
    ),
    field: f.field,
    rule: f.rule,
    message: f.message,
  }));
}

/** `seeds/demo/users.yaml`: accounts for the demo only, never loaded by the production seed. */
export function readDemoUsers(file = 'seeds/demo/users.yaml'): { data: DemoUsersFile; lineOf: YamlFile['lineOf'] } {
  const failures: SeedFileError[] = [];
  const yaml = readYamlFile(file, failures);
  if (!yaml) throw failures[0];
  const parsed = demoUsersFileSchema.safeParse(yaml.value ?? {}, { reportInput: true });
  if (!parsed.success) throw new SeedFileError(file, problemsOf(parsed.error, yaml));
  const seen = new Map<string, number>();
  const problems: RowProblem[] = [];
  parsed.data.users.forEach((u, i) => {
    const email = u.email.toLowerCase();
    if (seen.has(email))
      problems.push({
        row: yaml.lineOf(['users', i, 'email']),
        field: `users[${i}].email`,
        rule: 'duplicate',
        message: `${email} is listed twice`,
      });
    seen.set(email, i);
  });
  if (problems.length) throw new SeedFileError(file, problems);
  return { data: parsed.data, lineOf: yaml.lineOf };
}
