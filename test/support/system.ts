import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app.js';
import { type ApiHarness, startApi } from './api-harness.js';
import { type ApiWorld, buildWorld } from './api-world.js';
import { ADMIN_PASSWORD, testConfig } from './config.js';
import { pollUntil } from './poll.js';
import { type TestRedis, startRedis } from './redis-server.js';
import { type SmtpReply, type TestSmtpServer, startSmtpServer } from './smtp-server.js';

/**
 * Reformflow whole, on real services: the api on its own database, a private Redis,
 * a real SMTP server, and workers in this process or as child processes (built code,
 * as production runs it) that a test can SIGTERM or SIGKILL.
 */
export interface System {
  api: ApiHarness;
  world: ApiWorld;
  smtp: TestSmtpServer;
  redis: TestRedis;
  /** The environment every process of this system runs with. */
  env: Record<string, string>;
  startWorker(): Promise<INestApplication>;
  spawnWorker(extraEnv?: Record<string, string>): Promise<WorkerProcess>;
  /** Delivery rows by state, to check nothing is left half done. */
  deliveryStates(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export interface WorkerProcess {
  child: ChildProcess;
  output: string[];
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string>;
}

export async function startSystem(
  options: { smtpReplies?: SmtpReply[] | ((mail: never, i: number) => SmtpReply); env?: Record<string, string> } = {},
): Promise<System> {
  const redis = await startRedis();
  const smtp = await startSmtpServer({ replies: options.smtpReplies as never });
  const env: Record<string, string> = {
    REDIS_URL: redis.url,
    QUEUE_PREFIX: `rf_${randomBytes(4).toString('hex')}`,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    SMTP_POOL: 'false',
    SMTP_TIMEOUT: 'PT5S',
    RECONCILE_INTERVAL: 'PT1S',
    OUTBOX_POLL_INTERVAL: 'PT0.5S',
    WORKFLOWS_DIR: 'test/fixtures/workflows',
    DEFAULT_WORKFLOW: 'timers',
    ...options.env,
  };
  const api = await startApi(env);
  const world = await buildWorld(api, 'timers');
  const full = { ...env, DATABASE_URL: api.db.url };
  const workers: INestApplication[] = [];
  const children: WorkerProcess[] = [];

  return {
    api,
    world,
    smtp,
    redis,
    env: full,
    async startWorker() {
      const app = await createWorkerApp(testConfig({ ...full, WORKER_PORT: '0' }));
      await app.init();
      workers.push(app);
      return app;
    },
    async spawnWorker(extraEnv = {}) {
      const output: string[] = [];
      const child = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
        env: { ...process.env, ...testEnv(), ...full, WORKER_PORT: '0', NODE_OPTIONS: '', ...extraEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
      child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
      const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
      const proc = { child, output, exited };
      children.push(proc);
      await pollUntil(
        () => output.join(''),
        (o) => o.includes('worker running') || child.exitCode !== null,
        { timeoutMs: 20_000, what: 'the worker to start' },
      );
      if (child.exitCode !== null) throw new Error(`worker exited at start:\n${output.join('')}`);
      return proc;
    },
    async deliveryStates() {
      const rows = await api.sql<{ state: string; n: string }>('SELECT state, count(*) AS n FROM deliveries GROUP BY state');
      return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
    },
    async close() {
      for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
      await Promise.all(children.map((c) => c.exited));
      for (const w of workers) await w.close();
      await api.close();
      await smtp.close();
      await redis.close();
    },
  };
}

/** What a spawned worker runs with beyond the system's settings; its log (kept in `output`) says when it is up. */
function testEnv(): Record<string, string> {
  return { NODE_ENV: 'development', LOG_LEVEL: 'log', JWT_SECRET: 'test-secret-test-secret-test-secret-0123', ADMIN_PASSWORD };
}
