/**
 * Bulk data for benchmarks, with COPY: rows are generated here as CSV and streamed into
 * `psql -c "COPY … FROM STDIN"`. While a table is filled its secondary indexes are
 * dropped (and rebuilt after, from their saved definitions) and foreign-key triggers
 * are off for the session (`session_replication_role = replica`): the generators make
 * consistent rows, and the schema the migrations made is what remains afterwards.
 */
import { spawn } from 'node:child_process';
import type { BenchDatabase } from './postgres.js';

/** Deterministic uuids: a tag (up to 8 hex digits) and a counter. */
export const uuidOf = (tag: string, i: number): string => `${tag.padEnd(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

/** A CSV field: null as empty, strings quoted. */
export function csv(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : JSON.stringify(v);
  return `"${s.replace(/"/g, '""')}"`;
}

/** Streams `rows` (each an array of values in `columns` order) into `table` with COPY. */
export async function copyInto(url: string, table: string, columns: readonly string[], rows: Iterable<unknown[]>): Promise<number> {
  const sql = `SET session_replication_role = replica; COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`;
  const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout.on('data', () => undefined);
  const done = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let n = 0;
  let chunk: string[] = [];
  const flush = async () => {
    if (!chunk.length) return;
    const ok = child.stdin.write(chunk.join(''));
    chunk = [];
    if (!ok) await new Promise<void>((resolve) => child.stdin.once('drain', resolve));
  };
  for (const row of rows) {
    chunk.push(`${row.map(csv).join(',')}\n`);
    n += 1;
    if (chunk.length >= 5_000) await flush();
    if (child.exitCode !== null) break;
  }
  await flush();
  child.stdin.end();
  const code = await done;
  if (code !== 0) throw new Error(`COPY into ${table} failed (exit ${code}): ${err.slice(-2000)}`);
  return n;
}

/** Drops the table's indexes that back no constraint; returns the statements that rebuild them. */
export async function dropSecondaryIndexes(db: BenchDatabase, table: string): Promise<string[]> {
  const rows = await db.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = $1
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [table],
  );
  for (const r of rows) await db.query(`DROP INDEX "${r.name}"`);
  return rows.map((r) => r.def);
}
