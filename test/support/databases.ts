import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Every test file gets its own PostgreSQL database, cloned from the template that
 * global-setup.mjs migrates once per run: real migrations, full isolation, files in
 * parallel, and two runs side by side on one server stay apart.
 */
export const SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
/** Set by global-setup.mjs: the jest process id, which names this run's databases. */
const RUN = process.env.REFORMFLOW_TEST_RUN ?? String(process.pid);
export const TEMPLATE = `reformflow_tpl_${RUN}`;
export const TEST_DB_PREFIX = `reformflow_t_${RUN}_`;

export const urlFor = (database: string): string => `${SERVER_URL}/${database}`;

export async function withAdminClient<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlFor('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `${TEST_DB_PREFIX}${randomBytes(5).toString('hex')}`;
  await withAdminClient((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE}"`));
  return {
    name,
    url: urlFor(name),
    drop: () => withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
