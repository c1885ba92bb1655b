/**
 * The life of one benchmark process: flags, a cleanup list run in reverse on success,
 * failure and Ctrl-C alike, and where results and logs go.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/ and dist/bench/ both sit under it). */
export const ROOT = (() => {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.includes(`${join('dist', 'bench')}`) ? join(here, '..', '..', '..') : join(here, '..', '..');
})();
export const RESULTS_DIR = join(ROOT, 'bench', 'results');
export const LOGS_DIR = join(RESULTS_DIR, 'logs');

export interface Flags {
  quick: boolean;
  /** Keep the benchmark database afterwards (to look at it, or to reuse generated data). */
  keep: boolean;
  /** `--name=value` options. */
  values: Record<string, string>;
  num(name: string, fallback: number): number;
  has(name: string): boolean;
}

export function parseFlags(argv = process.argv.slice(2)): Flags {
  const values: Record<string, string> = {};
  const switches = new Set<string>();
  for (const arg of argv) {
    const m = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unknown argument "${arg}": use --name or --name=value`);
    if (m[2] === undefined) switches.add(m[1]);
    else values[m[1]] = m[2];
  }
  return {
    quick: switches.has('quick'),
    keep: switches.has('keep'),
    values,
    has: (name) => switches.has(name) || name in values,
    num(name, fallback) {
      if (!(name in values)) return fallback;
      const n = Number(values[name]);
      if (!Number.isFinite(n)) throw new Error(`--${name}=${values[name]} is not a number`);
      return n;
    },
  };
}

type CleanupFn = () => unknown;
const cleanups: Array<{ what: string; fn: CleanupFn }> = [];
let cleaning: Promise<void> | null = null;

/** Registers something to undo when the benchmark ends, however it ends; undone last-first. */
export function onCleanup(what: string, fn: CleanupFn): void {
  cleanups.push({ what, fn });
}

async function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const { what, fn } = cleanups.pop()!;
      try {
        await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error('took over 30 s')), 30_000).unref())]);
      } catch (e) {
        console.error(`[bench] cleanup "${what}" failed: ${(e as Error).message}`);
      }
    }
  })();
  return cleaning;
}

export const say = (line: string): void => console.log(`[bench] ${line}`);

/** Runs a benchmark: cleanup on every exit path, exit code 1 on failure, 130 on Ctrl-C. */
export function runBenchmark(name: string, body: (flags: Flags) => Promise<void>): void {
  mkdirSync(LOGS_DIR, { recursive: true });
  let interrupted = false;
  const interrupt = (signal: string) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n[bench] ${signal}: stopping ${name} and cleaning up`);
    void cleanupAll().then(() => process.exit(130));
  };
  process.on('SIGINT', () => interrupt('SIGINT'));
  process.on('SIGTERM', () => interrupt('SIGTERM'));
  const started = Date.now();
  void (async () => {
    let code = 0;
    try {
      await body(parseFlags());
    } catch (e) {
      console.error(`[bench] ${name} failed: ${(e as Error).stack ?? String(e)}`);
      code = 1;
    }
    await cleanupAll();
    if (!interrupted) {
      say(`${name} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      process.exit(code);
    }
  })();
}

/** `--env=SMTP_POOL=true,DATABASE_POOL_MAX=20`: settings of the system under test to try without editing the bench. */
export function envFlags(flags: Flags): Record<string, string> {
  const raw = flags.values.env;
  if (!raw) return {};
  return Object.fromEntries(
    raw.split(',').map((kv) => {
      const i = kv.indexOf('=');
      if (i < 1) throw new Error(`--env: "${kv}" is not KEY=VALUE`);
      return [kv.slice(0, i), kv.slice(i + 1)];
    }),
  );
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits for `read()` to satisfy `done`, failing after `timeoutMs`. */
export async function waitFor<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs, intervalMs = 200, what }: { timeoutMs: number; intervalMs?: number; what: string },
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await sleep(intervalMs);
  }
}
