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
import { parseCli, progress } from './cli-args.js';
import { databaseLabel, fail, openContext, readConfig, say } from './cli-context.js';

if (existsSync('.env')) process.loadEnvFile('.env');

const USAGE = `
Usage: npm run import -- <file.csv|file.yaml> [options]

Imports one batch (its header and matters) from a CSV or YAML file into the database in
.env's DATABASE_URL, all rows or none. Every bad row is listed (row, field, rule).

Options:
  --append               add the file's matters to the existing batch it names
  --format <csv|yaml>    the format, when the file name does not tell it
  -h, --help             show this and exit
`;
const { values: args, positionals } = parseCli(
  'import',
  USAGE,
  { append: { type: 'boolean', default: false }, format: { type: 'string' } },
  true,
);
if (positionals.length !== 1) {
  process.stderr.write(`[import] name one file\n\n${USAGE.trim()}\n`);
  process.exit(2);
}
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
  const importing = progress('import', `checking and importing ${basename(path)} (${content.length} bytes)`);
  const result = await app
    .get(ImportBatch)
    .execute(actor, content, { format, mode: args.append ? 'append' : 'create', fileName: basename(path) })
    .finally(() => importing.stop());
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
