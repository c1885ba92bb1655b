import pg from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig } from '#config';
import { dataSourceOptions } from './data-source.js';

/** Creates the database named in the URL when it is missing (development and tests; production databases are provisioned). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`refusing to create a database with the name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE "${name}"`);
    return true;
  } catch (e) {
    // another process created it between our check and our CREATE
    if ((e as { code?: string }).code === '42P04') return false;
    throw e;
  } finally {
    await client.end();
  }
}

/** Applies pending migrations; returns their names. */
export async function migrate(database: AppConfig['database']): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(database, 'reformflow-migrate'));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
