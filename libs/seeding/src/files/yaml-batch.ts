import { fieldPath, validate } from '#validation';
import type { RawBatch, RawEntry } from './batch-file.js';
import { batchFileSchema } from './file-schemas.js';
import type { RowProblem } from './problems.js';
import { type YamlFile, parseYaml } from './yaml-file.js';

/**
 * A batch file in YAML (`seeds/batches/*.yaml`, or an import): `batch:` with the header,
 * `matters:` with one entry each. Rows are lines; a field is its path inside the entry.
 * Fails only when the file is not a batch at all (syntax, a missing `batch:`).
 */
export function readYamlBatch(text: string): { ok: true; raw: RawBatch } | { ok: false; problems: RowProblem[] } {
  const parsed = parseYaml(text);
  if (!parsed.ok) return parsed;
  const { file } = parsed;
  const top = validate(batchFileSchema, file.value ?? {});
  if (!top.ok) {
    const problems = top.errors.map((e) => ({ row: file.lineOf(pathIn(e.field)), field: e.field, rule: e.rule, message: e.message }));
    return { ok: false, problems };
  }
  const value = file.value as { batch: unknown; matters?: unknown[] };
  return {
    ok: true,
    raw: {
      format: 'yaml',
      header: entryAt(file, ['batch'], value.batch, 'batch.'),
      matters: (value.matters ?? []).map((m, i) => entryAt(file, ['matters', i], m, '')),
    },
  };
}

function entryAt(file: YamlFile, at: Array<string | number>, value: unknown, prefix: string): RawEntry {
  return {
    row: file.lineOf(at),
    value,
    rowOf: (path) => file.lineOf([...at, ...(path as Array<string | number>)]),
    fieldOf: (path) => (path.length ? `${prefix}${fieldPath(path)}` : prefix.replace(/\.$/, '') || fieldPath(at)),
  };
}

const pathIn = (field: string): Array<string | number> =>
  field === '$'
    ? []
    : field
        .split(/[.[\]]+/)
        .filter(Boolean)
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
