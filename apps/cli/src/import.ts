/**
 * `npm run import -- path/to/batch.csv`: imports one batch (its header and matters) from a
 * CSV or YAML file, all or nothing, as the reform office's system account. Prints every bad
 * row (row, field, rule) and writes nothing when any row is bad. README.md, "Importing a
 * batch", describes the formats.
 *
 *   npm run import -- batch.csv               a new batch (refused if its code exists)
 *   npm run import -- batch.yaml --append     add the file's matters to the existing batch
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BatchExistsError,
  ImportBatch,
  ImportFileError,
  type ImportFormat,
  ImportRejectedError,
  type RowProblem,
  SystemAccount,
  importFormatOf,
} from '#seeding';
import { databaseLabel, fail, openContext, readConfig, say } from './cli-context.js';

if (existsSync('.env')) process.loadEnvFile('.env');

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { append: { type: 'boolean', default: false }, format: { type: 'string' } },
});
if (positionals.length !== 1) fail('import', 'name one file: npm run import -- path/to/batch.csv [--append] [--format csv|yaml]');
const path = positionals[0];
const format = (args.format ?? importFormatOf(path)) as ImportFormat | null;
if (format !== 'csv' && format !== 'yaml')
  fail('import', `cannot tell the format of ${path}: name it .csv, .yaml or .yml, or pass --format csv|yaml`);
let content: Buffer;
try {
  content = readFileSync(path);
} catch (e) {
  fail('import', `cannot read ${path}: ${(e as Error).message}`);
}

function report(problems: RowProblem[]): void {
  const width = Math.max(5, ...problems.map((p) => p.field.length));
  say('import', `  ${'row'.padStart(5)}  ${'field'.padEnd(width)}  rule — message`);
  for (const p of problems) say('import', `  ${String(p.row).padStart(5)}  ${p.field.padEnd(width)}  ${p.rule} — ${p.message}`);
}

const config = readConfig('import');
const app = await openContext('import', config);
let code = 0;
try {
  const actor = await app.get(SystemAccount).actor();
  const result = await app
    .get(ImportBatch)
    .execute(actor, content, { format, mode: args.append ? 'append' : 'create', fileName: basename(path) });
  say(
    'import',
    `${result.batchCreated ? 'registered' : 'added to'} batch ${result.batch.code} in ${databaseLabel(config)}: ${result.matters.length} matter(s) drafted`,
  );
  for (const m of result.matters) say('import', `  row ${String(m.row).padStart(5)}  ${m.code}  ${m.id}`);
} catch (e) {
  code = 1;
  if (e instanceof ImportRejectedError) {
    say('import', `${path}: ${e.problems.length} problem(s); nothing was written:`);
    report(e.problems);
  } else if (e instanceof ImportFileError) {
    say('import', `${path} cannot be read as a batch; nothing was written:`);
    report(e.problems);
  } else if (e instanceof BatchExistsError) {
    say('import', `${e.message}; nothing was written`);
  } else {
    console.error(`[import] failed, nothing was written: ${(e as Error).stack ?? String(e)}`);
  }
}
await app.close();
process.exit(code);
