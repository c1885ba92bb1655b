// Jest global set-up (plain ESM: jest loads it outside its transform). Once per run:
// drop the test databases of earlier runs and migrate a fresh template database with
// the real migration CLI from the build, which every test file then clones.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';

const SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const TEMPLATE = 'reformflow_test_template';
const PREFIX = 'reformflow_t_';
const CLI = 'dist/libs/persistence/src/cli/migrate.js';

export default async function globalSetup() {
  if (process.env.REFORMFLOW_TEMPLATE_READY === '1') return;
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`);
  const client = new pg.Client({ connectionString: `${SERVER_URL}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2', [`${PREFIX}%`, TEMPLATE]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${TEMPLATE}"`);
  } finally {
    await client.end();
  }
  const run = spawnSync(process.execPath, [CLI, 'up'], {
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: `${SERVER_URL}/${TEMPLATE}`, NODE_OPTIONS: '' },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`migrating the test template failed:\n${run.stdout}\n${run.stderr}`);
  process.env.REFORMFLOW_TEMPLATE_READY = '1';
}
