/**
 * `npm run seed`: loads the production seed (`seeds/units.yaml`, `seeds/batches/*.yaml`)
 * into the configured database through the same use cases and rules as the API, as the
 * reform office's system account. Idempotent: a second run changes nothing. Never loads
 * the demo's accounts.
 *
 *   npm run seed                  validate the files, migrate, load, print what changed
 *   npm run seed -- --check       validate the files only (no database)
 *   npm run seed -- --dir other/  another seed directory
 */
import { existsSync } from 'node:fs';
import { SeedLoader, type SeedSet, SeedSetError, type Tally, readSeedSet } from '#seeding';
import { parseCli, progress } from './cli-args.js';
import { databaseLabel, fail, openContext, readConfig, say } from './cli-context.js';

if (existsSync('.env')) process.loadEnvFile('.env');

const USAGE = `
Usage: npm run seed -- [options]

Loads the seed files (units, batches of matters) into the database in .env's DATABASE_URL,
migrating it first. Idempotent: a second run changes nothing.

Options:
  --check       validate the files only; no database
  --dir <dir>   the seed directory (default: seeds)
  -h, --help    show this and exit
`;
const { values: args } = parseCli('seed', USAGE, { dir: { type: 'string', default: 'seeds' }, check: { type: 'boolean', default: false } });

let set: SeedSet;
try {
  set = readSeedSet(args.dir);
} catch (e) {
  fail('seed', e instanceof SeedSetError ? e.message : String(e));
}
const matterCount = set.batches.reduce((n, b) => n + b.rows.length, 0);
say('seed', `${args.dir}: ${set.units.length} units, ${set.batches.length} batches, ${matterCount} matters: the files are valid`);
if (args.check) process.exit(0);

const config = readConfig('seed');
const app = await openContext('seed', config);
try {
  const loading = progress('seed', `loading ${matterCount} matters of ${set.batches.length} batches`);
  const summary = await app
    .get(SeedLoader)
    .load(set)
    .finally(() => loading.stop());
  const line = (name: string, t: Tally) =>
    `  ${name.padEnd(17)} ${String(t.created).padStart(4)} created  ${String(t.updated).padStart(4)} updated  ${String(t.unchanged).padStart(4)} unchanged`;
  say('seed', `loaded into ${databaseLabel(config)}:`);
  say('seed', line('units', summary.units));
  say('seed', line('batches', summary.batches));
  say('seed', line('matters', summary.matters));
  say('seed', line('readings', summary.readings));
  say('seed', line('authority batches', summary.authorityBatches));
  if (summary.diverged.length) {
    say('seed', `${summary.diverged.length} matter(s) differ from the files but are past draft, so were left as they are:`);
    for (const d of summary.diverged) say('seed', `  ${d.batch} ${d.code} (${d.stage}): ${d.fields.join(', ')}`);
  }
  for (const note of summary.notes) say('seed', `note: ${note}`);
} catch (e) {
  await app.close();
  fail('seed', `nothing was written: ${(e as Error).message}`);
}
await app.close();
