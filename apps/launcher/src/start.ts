/**
 * `npm start`: Reformflow on this machine. Creates the database if it is missing,
 * applies migrations, starts the api and the worker as child processes, waits until
 * both are healthy, and prints where everything is. Ctrl-C stops both cleanly.
 * Settings come from the environment, or from `.env` when present (see .env.example).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { type AppConfig, ConfigError, loadAppConfig } from '#config';
import { ensureDatabase, migrate } from '#persistence';

if (existsSync('.env')) process.loadEnvFile('.env');

const say = (line: string) => console.log(`[start] ${line}`);
const fail = (line: string): never => {
  console.error(`[start] ${line}`);
  process.exit(1);
};

function readConfig(): AppConfig {
  try {
    return loadAppConfig();
  } catch (e) {
    return fail(e instanceof ConfigError ? e.message : String(e));
  }
}
const cfg = readConfig();

const dbLabel = (() => {
  const u = new URL(cfg.database.url);
  u.password = '';
  return `${u.host}${u.pathname}`;
})();

try {
  if (await ensureDatabase(cfg.database.url)) say(`created database ${dbLabel}`);
  const applied = await migrate(cfg.database);
  say(applied.length ? `applied ${applied.length} migration(s) to ${dbLabel}` : `database ${dbLabel} is up to date`);
} catch (e) {
  fail(
    `cannot prepare PostgreSQL at ${dbLabel}: ${(e as Error).message}\n` +
      '  Is PostgreSQL running? On Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n' +
      '  Or set DATABASE_URL (see .env.example), or run `docker compose up -d postgres redis mailpit`.',
  );
}

const children: ChildProcess[] = [];
let stopping = false;

function run(name: string, entry: string): ChildProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', entry], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`));
  }
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[start] the ${name} stopped (${signal ?? `exit code ${code}`}); stopping everything`);
    shutdown(1);
  });
  children.push(child);
  return child;
}

function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  if (alive.length === 0) process.exit(code);
  let left = alive.length;
  for (const c of alive) {
    c.once('exit', () => {
      left -= 1;
      if (left === 0) process.exit(code);
    });
    c.kill('SIGTERM');
  }
  setTimeout(() => {
    for (const c of alive) c.kill('SIGKILL');
    process.exit(code);
  }, 35_000).unref();
}

process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

run('api', 'dist/apps/api/src/main.js');
run('worker', 'dist/apps/worker/src/main.js');

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

const apiHealth = `http://127.0.0.1:${cfg.api.port}/health`;
const workerHealth = `http://127.0.0.1:${cfg.worker.port}/health`;
const deadline = Date.now() + 60_000;
while (!(await healthy(apiHealth)) || !(await healthy(workerHealth))) {
  if (stopping) await new Promise(() => undefined);
  if (Date.now() > deadline) {
    console.error(
      `[start] api or worker not healthy after 60 s (${apiHealth}, ${workerHealth}): is Redis running with maxmemory-policy noeviction?`,
    );
    shutdown(1);
    await new Promise(() => undefined);
  }
  await new Promise((r) => setTimeout(r, 500));
}

say('──────────────────────────────────────────────────────────────');
say(`Reformflow is running.`);
say(`  web app    ${cfg.api.publicUrl}/`);
say(`  API        ${cfg.api.publicUrl}/api/v1`);
say(`  API docs   ${cfg.api.publicUrl}/api/docs   (OpenAPI JSON: ${cfg.api.publicUrl}/api/docs-json)`);
say(`  health     ${apiHealth} · worker ${workerHealth}`);
say(
  `  sign in    at ${cfg.api.publicUrl}/login as ${cfg.bootstrap.adminEmail}${cfg.bootstrap.adminPassword ? '' : ' (first start: the password is in .data/first-admin-password, as [api] says above)'}`,
);
say('Ctrl-C stops the api and the worker.');
say('──────────────────────────────────────────────────────────────');
