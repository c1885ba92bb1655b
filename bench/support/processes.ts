/**
 * The api and worker as production runs them: `node dist/apps/<app>/src/main.js`,
 * configured through the environment, logs to bench/results/logs/. Stopped with SIGTERM
 * (SIGKILL after a grace period) when the benchmark ends.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './redis.js';
import { LOGS_DIR, ROOT, onCleanup, say, sleep } from './run.js';

export const ADMIN_PASSWORD = 'bench-admin-password-0123';
export const JWT_SECRET = 'bench-jwt-secret-bench-jwt-secret-0123456789';

export interface AppProcess {
  name: string;
  child: ChildProcess;
  port: number;
  url: string;
  logFile: string;
  /** Stops it (SIGTERM, SIGKILL after 20 s); resolves once it has exited. */
  stop(): Promise<void>;
  /** CPU seconds (user + system) the process has used so far. */
  cpuSeconds(): number;
}

export function assertBuilt(): void {
  for (const entry of ['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js', 'dist/libs/persistence/src/cli/migrate.js']) {
    if (!existsSync(join(ROOT, entry))) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  }
}

/** The environment every process of one benchmark system shares. */
export function systemEnv(settings: { databaseUrl: string; redisUrl: string; smtpPort?: number; extra?: Record<string, string> }) {
  return {
    NODE_ENV: 'production',
    JWT_SECRET,
    ADMIN_PASSWORD,
    DATABASE_URL: settings.databaseUrl,
    REDIS_URL: settings.redisUrl,
    QUEUE_PREFIX: 'bench',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(settings.smtpPort ?? 2525),
    PUBLIC_URL: 'http://localhost:3000',
    ...settings.extra,
  };
}

/** CPU seconds of a process from /proc (Linux); NaN elsewhere or once it has gone. */
export function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

export async function startApp(
  app: 'api' | 'worker',
  env: Record<string, string>,
  opts: { label?: string; extraArgs?: string[] } = {},
): Promise<AppProcess> {
  const port = await freePort();
  const label = opts.label ?? app;
  const logFile = join(LOGS_DIR, `${label}.log`);
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, [...(opts.extraArgs ?? []), `dist/apps/${app}/src/main.js`], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', ...env, [app === 'api' ? 'API_PORT' : 'WORKER_PORT']: String(port), API_HOST: '127.0.0.1' },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(killer);
  };
  onCleanup(`stop ${label}`, stop);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${label} exited at start; its log (${logFile}):\n${readFileSync(logFile, 'utf8').slice(-4000)}`);
    try {
      if ((await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${label} not healthy after 60 s; see ${logFile}`);
    await sleep(200);
  }
  say(`${label} up on ${url} (pid ${child.pid}, log ${logFile})`);
  return { name: label, child, port, url, logFile, stop, cpuSeconds: () => cpuSecondsOf(child.pid) };
}

/** Busy and total CPU seconds of the whole machine so far (all cores), from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  try {
    const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
    const ticks = cpu.trim().split(/\s+/).slice(1).map(Number);
    const total = ticks.reduce((a, b) => a + b, 0);
    const idle = ticks[3] + (ticks[4] ?? 0);
    return { busy: (total - idle) / 100, total: total / 100 };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

/** CPU seconds of each PostgreSQL server process (every database on the server, others' included). */
export function postgresCpuByPid(): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').startsWith('postgres')) continue;
      const s = cpuSecondsOf(Number(entry));
      if (Number.isFinite(s)) out.set(Number(entry), s);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
