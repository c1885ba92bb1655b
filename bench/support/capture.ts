/**
 * The SQL one transition issues, as the api runs it: an api started with
 * DATABASE_LOG_QUERIES=true (TypeORM logs each statement with its parameters) is driven
 * through one full cycle, and its log is cut into transactions, one per request.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type CycleState, absorb, cycleSteps } from './cycle.js';
import { startApp } from './processes.js';
import { sleep } from './run.js';
import { type BenchWorld, call } from './world.js';

export interface CapturedStatement {
  sql: string;
  /** The bind parameters, as TypeORM logs them (JSON). */
  params: unknown[];
}

export interface CapturedTransition {
  step: string;
  status: number;
  /** Statements the request ran outside its transaction (authentication), in order. */
  outside: CapturedStatement[];
  /** Statements between START TRANSACTION and COMMIT, in order. */
  statements: CapturedStatement[];
}

/** Normalises a statement for comparison: whitespace folded, VALUES lists and ANY arrays shortened. */
export function shape(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .replace(/\$\d+/g, '?')
    .replace(/(\(\?(?:::\w+)?(?:, \?(?:::\w+)?)*(?:, '[a-z]+')?\))(?:, \(\?[^)]*\))+/g, '$1, …')
    .trim();
}

export async function captureCycle(env: Record<string, string>, world: BenchWorld): Promise<CapturedTransition[]> {
  const api = await startApp('api', { ...env, DATABASE_LOG_QUERIES: 'true', LOG_LEVEL: 'warn' }, { label: 'api-sql-capture' });
  try {
    // the code carries a uuid, so the pgbench script makes it new in every cycle (codes are unique per batch)
    const steps = cycleSteps(world, () => `C-${randomUUID()}`);
    const state: CycleState = {};
    const marks: Array<{ step: string; status: number; offset: number }> = [];
    for (const step of steps) {
      await sleep(300); // let the log settle, so each request's lines follow its mark
      const offset = readFileSync(api.logFile, 'utf8').length;
      const res = await call(
        world.apiUrl.replace(/:\d+$/, `:${api.port}`),
        step.token(state),
        step.method,
        step.path(state),
        step.body(state),
      );
      if (res.status !== step.expect) throw new Error(`capture: ${step.name} answered ${res.status} ${JSON.stringify(res.body)}`);
      absorb(state, res.body);
      marks.push({ step: step.name, status: res.status, offset });
    }
    await sleep(300);
    const log = readFileSync(api.logFile, 'utf8');
    return marks.map((m, i) => ({
      step: m.step,
      status: m.status,
      ...statementsIn(log.slice(m.offset, marks[i + 1]?.offset ?? log.length)),
    }));
  } finally {
    await api.stop();
  }
}

/** The statements of one request in a slice of TypeORM's query log: those outside its transaction, and those inside. */
function statementsIn(slice: string): { outside: CapturedStatement[]; statements: CapturedStatement[] } {
  const entries = slice
    .split(/\n(?=query(?: failed)?: )/)
    // eslint-disable-next-line no-control-regex -- ANSI colour codes in the log
    .map((e) => e.replace(/^[\s\S]*?(?=query(?: failed)?: )/, '').replace(/\n(?:\x1b|\[Nest\])[\s\S]*$/, ''))
    .filter((e) => e.startsWith('query'));
  const outside: CapturedStatement[] = [];
  const statements: CapturedStatement[] = [];
  let state: 'before' | 'inside' | 'after' = 'before';
  for (const e of entries) {
    const m = /^query(?: failed)?: ([\s\S]*?)(?: -- PARAMETERS: (\[[\s\S]*\]))?$/.exec(e.trim());
    if (!m) continue;
    const sql = m[1].trim();
    if (/^START TRANSACTION/i.test(sql)) {
      if (state === 'inside') throw new Error('capture: a second transaction began before the first ended');
      state = 'inside';
      continue;
    }
    if (/^(COMMIT|ROLLBACK)/i.test(sql)) {
      state = 'after';
      continue;
    }
    const params = m[2] ? (JSON.parse(m[2]) as unknown[]) : [];
    if (state === 'inside') statements.push({ sql, params });
    else if (state === 'before') outside.push({ sql, params });
    else throw new Error(`capture: a statement after the transaction ended: ${sql.slice(0, 120)}`);
  }
  if (state !== 'after') throw new Error('capture: the request ran no complete transaction');
  return { outside, statements };
}
