// Drops this run's template and any test database a crashed test file left behind.
import pg from 'pg';

export default async function globalTeardown() {
  const run = process.env.REFORMFLOW_TEST_RUN;
  if (!run || process.env.REFORMFLOW_TEST_TORN_DOWN) return;
  process.env.REFORMFLOW_TEST_TORN_DOWN = '1';
  const client = new pg.Client({ connectionString: `${process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432'}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [
      `reformflow_tpl_${run}`,
      `reformflow\\_t\\_${run}\\_%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
