/** Benchmark databases: created fresh, migrated with the project's migrations, dropped at the end. */
import { spawn } from 'node:child_process';
import pg from 'pg';
import { ROOT, onCleanup, say } from './run.js';

export const SERVER_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const urlFor = (database: string): string => `${SERVER_URL}/${database}`;

export async function adminQuery<T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: urlFor('postgres') });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function databaseExists(name: string): Promise<boolean> {
  return (await adminQuery('SELECT 1 FROM pg_database WHERE datname = $1', [name])).length > 0;
}

export async function dropDatabase(name: string): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** Runs the project's migration CLI (dist/) against a database, exactly as `npm run db:migrate` does. */
export async function migrate(url: string): Promise<void> {
  const child = spawn(process.execPath, ['dist/libs/persistence/src/cli/migrate.js', 'up'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`migrating ${url} failed (exit ${code}):\n${output}`);
}

export interface BenchDatabase {
  name: string;
  url: string;
  pool: pg.Pool;
  query<T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/**
 * A database of this benchmark's own, `reformflow_bench_<name>`: recreated and migrated
 * (unless `reuse` and it exists), dropped at the end unless `keep`.
 */
export async function benchDatabase(name: string, opts: { keep: boolean; reuse?: boolean }): Promise<BenchDatabase & { reused: boolean }> {
  const db = `reformflow_bench_${name}`;
  const url = urlFor(db);
  const reused = opts.reuse === true && (await databaseExists(db));
  if (!reused) {
    await dropDatabase(db);
    await adminQuery(`CREATE DATABASE "${db}"`);
    say(`created database ${db}`);
  } else {
    say(`reusing database ${db}`);
  }
  if (!opts.keep) onCleanup(`drop database ${db}`, () => dropDatabase(db));
  else
    onCleanup(`note kept database ${db}`, () =>
      say(`kept database ${db} (drop it with: psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE ${db}')`),
    );
  await migrate(url);
  const pool = new pg.Pool({ connectionString: url, max: 4, application_name: 'reformflow-bench' });
  pool.on('error', () => undefined);
  onCleanup(`close pool of ${db}`, () => pool.end());
  return {
    name: db,
    url,
    pool,
    reused,
    query: async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await pool.query<T>(sql, params)).rows,
  };
}

/** Size of a database on disk, as PostgreSQL counts it. */
export async function databaseSize(name: string): Promise<number> {
  const [row] = await adminQuery<{ size: string }>('SELECT pg_database_size($1) AS size', [name]);
  return Number(row.size);
}
