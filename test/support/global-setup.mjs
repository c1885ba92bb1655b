// Jest global set-up (plain ESM: jest loads it outside its transform). Once per run:
// migrate a template database with the real migration CLI from the build, which every
// test file then clones. Databases carry the jest process id, so runs side by side on
// one server keep apart, and leftovers of runs whose process is gone are swept.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';

const SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const CLI = 'dist/libs/persistence/src/cli/migrate.js';

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
};

export default async function globalSetup() {
  if (process.env.REFORMFLOW_TEST_RUN) return; // the second project of the same run
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`);
  const run = String(process.pid);
  const template = `reformflow_tpl_${run}`;
  const client = new pg.Client({ connectionString: `${SERVER_URL}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT datname FROM pg_database WHERE datname ~ '^reformflow_(t|tpl)_[0-9]+(_|$)' OR datname = 'reformflow_test_template'`,
    );
    for (const { datname } of rows) {
      const pid = Number(/^reformflow_(?:t|tpl)_(\d+)/.exec(datname)?.[1]);
      if (!pid || !alive(pid)) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE "${template}"`);
  } finally {
    await client.end();
  }
  const migrated = spawnSync(process.execPath, [CLI, 'up'], {
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: `${SERVER_URL}/${template}`, NODE_OPTIONS: '' },
    encoding: 'utf8',
  });
  if (migrated.status !== 0) throw new Error(`migrating the test template failed:\n${migrated.stdout}\n${migrated.stderr}`);
  process.env.REFORMFLOW_TEST_RUN = run; // test workers inherit it: their databases clone this template
}
