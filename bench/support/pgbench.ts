/**
 * The ceiling for transitions: the same SQL, run by pgbench straight against the same
 * database, with no HTTP, JSON, NestJS or domain code in between.
 *
 * The script is generated from a capture of what the api issued for one full cycle
 * (support/capture.ts): each transition becomes one pgbench transaction with the same
 * statements, in the same order, with the same parameter values, except that what is
 * new in every cycle is made new again:
 *  - ids the app minted (matter, milestone, targets, steps …) come from one
 *    `SELECT gen_random_uuid() …` at the start of each cycle (one extra round trip per
 *    cycle, against the ceiling, not for it);
 *  - ids the database returned (`INSERT INTO deadlines … RETURNING id`) are kept with
 *    `\gset` and used where the app used them;
 *  - strings built from those ids (timer ids, outbox keys, deadline keys) are rebuilt
 *    with `||` around the variable.
 * A client walks the cycle's transitions in order (`\if :step = k`), keeping its ids
 * in pgbench variables from one transaction to the next, exactly as an HTTP client
 * keeps its matter's id. Values are bound as parameters (`-M extended`), as node-pg does.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CapturedStatement, CapturedTransition } from './capture.js';
import { LOGS_DIR } from './run.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const IS_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface GeneratedScript {
  text: string;
  steps: Array<{ step: string; outside: number; inside: number }>;
  /** Ids minted per cycle, and ids taken from RETURNING. */
  minted: number;
  returned: number;
}

/** A literal pgbench leaves alone: an E'' string with no bare colon (pgbench would read `:name` as a variable). */
function literal(s: string): string {
  return `E'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/:/g, '\\x3a').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

function isJson(s: string): boolean {
  if (!/^[[{]/.test(s)) return false;
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

/**
 * @param constants ids that are the same in every cycle (units, users, batch, workflow definitions)
 * @param returnedIds for each `INSERT … RETURNING id` statement (by transition and statement index), the id it returned in the capture
 */
export function pgbenchScript(
  captured: CapturedTransition[],
  constants: ReadonlySet<string>,
  returnedIds: ReadonlyMap<string, string>,
): GeneratedScript {
  const known = new Map<string, string>(); // per-cycle uuid → pgbench variable
  let minted = 0;
  let returned = 0;
  const variableFor = (uuid: string): string => {
    const id = uuid.toLowerCase();
    let v = known.get(id);
    if (!v) {
      minted += 1;
      v = `mint_id${minted}`;
      known.set(id, v);
    }
    return v;
  };
  const render = (value: unknown): string => {
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value)) return value.length ? `ARRAY[${value.map(render).join(', ')}]` : `'{}'`;
    if (typeof value !== 'string') return literal(JSON.stringify(value));
    if (IS_UUID.test(value)) return constants.has(value.toLowerCase()) ? `'${value}'` : `:${variableFor(value)}`;
    // JSON documents keep their ids as they were: nothing unique rests on them
    if (isJson(value)) return literal(value);
    const parts: string[] = [];
    let last = 0;
    for (const m of value.matchAll(UUID)) {
      if (constants.has(m[0].toLowerCase())) continue;
      if (m.index > last) parts.push(literal(value.slice(last, m.index)));
      parts.push(`:${variableFor(m[0])}`);
      last = m.index + m[0].length;
    }
    if (parts.length === 0) return literal(value);
    if (last < value.length) parts.push(literal(value.slice(last)));
    return `(${parts.join(' || ')})`;
  };
  const statement = (s: CapturedStatement, key: string): string => {
    // the app's own literals keep no bare colon either
    const sql = s.sql
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/'([^']*)'/g, (whole, inner: string) => (inner.includes(':') ? literal(inner) : whole));
    const rendered = sql.replace(/\$(\d+)/g, (_, n: string) => {
      const i = Number(n) - 1;
      if (i >= s.params.length) throw new Error(`statement refers to $${n} but has ${s.params.length} parameters: ${sql.slice(0, 200)}`);
      return render(s.params[i]);
    });
    const stray = /(?<![:\w]):(?!:)([A-Za-z_]\w*)/.exec(sql.replace(/E?'(?:[^'\\]|\\.)*'/g, "''"));
    if (stray) throw new Error(`a bare ":${stray[1]}" in the app's SQL would be read by pgbench as a variable: ${sql.slice(0, 200)}`);
    const ret = returnedIds.get(key);
    if (ret && /\bRETURNING\s+id\s*$/i.test(sql)) {
      returned += 1;
      const prefix = `ret${returned}_`;
      known.set(ret.toLowerCase(), `${prefix}id`);
      return `${rendered} \\gset ${prefix}`;
    }
    return `${rendered};`;
  };

  const blocks: string[] = [];
  const steps: GeneratedScript['steps'] = [];
  captured.forEach((t, k) => {
    const lines = [`${k === 0 ? '\\if' : '\\elif'} :step = ${k}`, `-- ${t.step}`];
    if (k === 0) lines.push('@@MINT@@');
    t.outside.forEach((s, i) => lines.push(statement(s, `${k}.out.${i}`)));
    lines.push('BEGIN;');
    t.statements.forEach((s, i) => lines.push(statement(s, `${k}.${i}`)));
    lines.push('COMMIT;');
    blocks.push(lines.join('\n'));
    steps.push({ step: t.step, outside: t.outside.length, inside: t.statements.length });
  });
  const mint = `SELECT ${Array.from({ length: minted }, (_, i) => `gen_random_uuid() AS id${i + 1}`).join(', ')} \\gset mint_`;
  const text = [
    '-- Generated by bench/support/pgbench.ts from the SQL the api issued for one full cycle. Do not edit.',
    blocks.join('\n').replace('@@MINT@@', minted ? mint : '-- (no ids to mint)'),
    '\\endif',
    `\\set step (:step + 1) % ${captured.length}`,
    '',
  ].join('\n');
  return { text, steps, minted, returned: returned };
}

export interface PgbenchResult {
  tps: number;
  transactions: number;
  failed: number;
  /** Per transaction, in ms, with the cycle step it was (transaction number modulo steps). */
  latencies: Array<{ step: number; ms: number }>;
  output: string;
}

/** Runs pgbench with a custom script; latencies come from its per-transaction log. */
export async function runPgbench(opts: {
  url: string;
  scriptPath: string;
  clients: number;
  threads: number;
  transactionsPerClient: number;
  steps: number;
  variables?: Record<string, string>;
}): Promise<PgbenchResult> {
  const u = new URL(opts.url);
  const prefix = join(LOGS_DIR, 'pgbench-tx');
  for (const f of readdirSync(LOGS_DIR)) if (f.startsWith('pgbench-tx')) rmSync(join(LOGS_DIR, f));
  const args = [
    '-n',
    '-M',
    'extended',
    '-c',
    String(opts.clients),
    '-j',
    String(opts.threads),
    '-t',
    String(opts.transactionsPerClient),
    '-f',
    opts.scriptPath,
    '--log',
    `--log-prefix=${prefix}`,
    ...Object.entries({ step: '0', ...opts.variables }).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
    '-h',
    u.hostname,
    '-p',
    u.port || '5432',
    '-U',
    decodeURIComponent(u.username || 'postgres'),
    decodeURIComponent(u.pathname.slice(1)),
  ];
  const child = spawn('pgbench', args, { env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) } });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`pgbench exited with ${code}:\n${output.slice(-3000)}`);
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1] ?? NaN);
  const processed = /number of transactions actually processed: (\d+)/.exec(output);
  const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
  const latencies: PgbenchResult['latencies'] = [];
  for (const f of readdirSync(LOGS_DIR)) {
    if (!f.startsWith('pgbench-tx')) continue;
    for (const line of readFileSync(join(LOGS_DIR, f), 'utf8').split('\n')) {
      const [, txNo, us] = line.split(' ');
      if (us === undefined) continue;
      latencies.push({ step: Number(txNo) % opts.steps, ms: Number(us) / 1000 });
    }
  }
  return { tps, transactions: Number(processed?.[1] ?? NaN), failed, latencies, output };
}
