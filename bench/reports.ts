/**
 * `npm run bench:reports [-- --quick] [--matters=N] [--runs=R] [--keep] [--profile]`
 *
 * The progress report, the scorecard and the replication-report draft over 10,000
 * matters, through the API as the reform office asks for them (JSON, and as documents).
 *
 * The matters are three real ones cloned with COPY: one taken through its whole life to
 * closed as replicated (milestone, progress, two approvals, an evaluation and its
 * experience), one in implementation with progress reported, one in evaluation. Every
 * row any of them owns (every table with a matter_id, and the timers of its deadlines) is
 * copied with fresh ids: 30 %
 * replicated, 50 % in implementation, 20 % in evaluation.
 *
 * The ceiling, in the same run: the SQL the api issued for the progress report (captured
 * from an api with query logging) replayed straight against PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type CycleState, absorb, cycleSteps } from './support/cycle.js';
import { copyInto, uuidOf } from './support/copy.js';
import { benchDatabase } from './support/postgres.js';
import { assertBuilt, startApp, systemEnv } from './support/processes.js';
import { printProfile, profileArgs } from './support/profile.js';
import { privateRedis } from './support/redis.js';
import { type Row, bytes, fmt, ms, percentiles, printTable, printTargets, writeResults } from './support/report.js';
import { envFlags, runBenchmark, say, sleep } from './support/run.js';
import { type BenchWorld, PASSWORD, buildWorld, call, login } from './support/world.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

runBenchmark('reports', async (flags) => {
  assertBuilt();
  const n = flags.num('matters', flags.quick ? 1_000 : 10_000);
  const runs = flags.num('runs', flags.quick ? 2 : 5);
  const db = await benchDatabase('reports', { keep: flags.keep });
  const redis = await privateRedis();
  const env = systemEnv({ databaseUrl: db.url, redisUrl: redis.url, extra: { LOG_LEVEL: 'warn', ...envFlags(flags) } });
  const api = await startApp(
    'api',
    env,
    flags.has('profile') ? { label: 'api-reports', extraArgs: profileArgs('api-reports') } : { label: 'api-reports' },
  );
  const world = await buildWorld(api.url);

  // an evaluator outside the leading unit
  const evaluatorEmail = 'evaluator@bench.reformflow.test';
  const created = await call<{ id: string }>(api.url, world.admin, 'POST', '/api/v1/users', {
    email: evaluatorEmail,
    displayName: 'evaluator',
    password: PASSWORD,
    roles: ['evaluator'],
    unitId: world.units.partner,
  });
  if (created.status !== 201) throw new Error(`creating the evaluator: ${created.status} ${JSON.stringify(created.body)}`);
  const evaluator = { id: created.body.id, token: await login(api.url, evaluatorEmail, PASSWORD) };

  say('three template matters through the API: replicated, in implementation, in evaluation');
  const replicated = await templateMatter(world, api.url, 8);
  await closeAsReplicated(world, api.url, replicated, evaluator);
  const implementing = await templateMatter(world, api.url, 7);
  const evaluating = await templateMatter(world, api.url, 8);
  const stages = await db.query<{ id: string; stage: string; outcome: string | null }>('SELECT id, stage, outcome FROM matters');
  say(`templates: ${stages.map((s) => `${s.stage}${s.outcome ? `/${s.outcome}` : ''}`).join(', ')}`);

  // clone with COPY: every row of every table with a matter_id, fresh ids throughout
  const started = Date.now();
  const tables = (
    await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'matter_id'
         AND table_name NOT IN ('deliveries', 'outbox') ORDER BY table_name`,
    )
  ).map((r) => r.table_name);
  const arrays = new Set(
    (
      await db.query<{ key: string }>(
        `SELECT table_name || '.' || column_name AS key FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'ARRAY'`,
      )
    ).map((r) => r.key),
  );
  const templates = [
    { id: replicated.matterId!, share: 0.3 },
    { id: implementing.matterId!, share: 0.5 },
    { id: evaluating.matterId!, share: 0.2 },
  ];
  const ownedBy = (table: string) =>
    table === 'matters'
      ? 'id = $1'
      : table === 'timers'
        ? 'deadline_id IN (SELECT id FROM deadlines WHERE matter_id = $1)'
        : 'matter_id = $1';
  const rowsOf = async (table: string, matterId: string) =>
    (await db.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(x) AS row FROM ${table} x WHERE ${ownedBy(table)}`, [matterId])).map(
      (r) => r.row,
    );
  // tables in an order that satisfies foreign keys between them (evaluations before experiences,
  // deadlines before their timers)
  const order = [
    'matters',
    ...tables.filter((t) => t !== 'experiences'),
    ...(tables.includes('experiences') ? ['experiences'] : []),
    'timers',
  ];
  const perTable = new Map<string, { columns: string[]; rows: Array<{ template: number; json: string }> }>();
  const ownIds: Array<Map<string, number>> = [];
  for (const [k, tpl] of templates.entries()) {
    const own = new Map<string, number>();
    for (const table of order) {
      for (const row of await rowsOf(table, tpl.id)) {
        if (typeof row.id === 'string' && !own.has(row.id)) own.set(row.id, own.size);
        const entry = perTable.get(table) ?? { columns: Object.keys(row), rows: [] };
        entry.rows.push({ template: k, json: JSON.stringify(row) });
        perTable.set(table, entry);
      }
    }
    ownIds.push(own);
  }
  const counts = templates.map((t) => Math.round(n * t.share));
  counts[0] += n - counts.reduce((a, b) => a + b, 0);
  const cloneIndex: number[] = []; // clone i → template
  counts.forEach((c, k) => {
    for (let j = 0; j < c; j++) cloneIndex.push(k);
  });
  const generated: Record<string, number> = {};
  for (const table of order) {
    const entry = perTable.get(table);
    if (!entry) continue;
    generated[table] = await copyInto(
      db.url,
      table,
      entry.columns,
      (function* () {
        for (let i = 1; i <= n; i++) {
          const k = cloneIndex[i - 1];
          const own = ownIds[k];
          for (const r of entry.rows) {
            if (r.template !== k) continue;
            const json = r.json.replace(UUID, (id) => (own.has(id) ? uuidOf((0x10 + own.get(id)!).toString(16) + k, i) : id));
            const row = JSON.parse(json) as Record<string, unknown>;
            if (table === 'matters') row.code = `${row.code as string}-${i}`;
            yield entry.columns.map((c) => {
              const v = row[c];
              if (arrays.has(`${table}.${c}`) && Array.isArray(v))
                return `{${v.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
              return v;
            });
          }
        }
      })(),
    );
  }
  await db.query('ANALYZE');
  const generationSeconds = (Date.now() - started) / 1000;
  const byStage = await db.query<{ stage: string; outcome: string | null; n: string }>(
    'SELECT stage, outcome, count(*) AS n FROM matters GROUP BY 1, 2 ORDER BY 1, 2',
  );
  say(
    `cloned in ${generationSeconds.toFixed(1)} s: ${byStage.map((s) => `${s.n} ${s.stage}${s.outcome ? `/${s.outcome}` : ''}`).join(', ')}`,
  );

  // the reports, as the reform office asks for them
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const period = `from=${from}&to=${to}`;
  const requests = [
    { name: 'progress report, JSON', path: `/api/v1/reports/progress?${period}` },
    { name: 'progress report, PDF (zh-CN)', path: `/api/v1/reports/progress?${period}&format=pdf&lang=zh-CN` },
    { name: 'progress report, Markdown (en)', path: `/api/v1/reports/progress?${period}&format=md&lang=en` },
    { name: 'scorecard, JSON', path: `/api/v1/reports/scorecard?${period}` },
    { name: 'replication report draft, JSON', path: '/api/v1/replication-reports/draft' },
    { name: 'replication report draft, PDF', path: '/api/v1/replication-reports/draft?format=pdf' },
  ];
  const measured: Array<{ name: string; path: string; status: number; bytes: number; ms: ReturnType<typeof percentiles> }> = [];
  for (const r of requests) {
    const times: number[] = [];
    let status = 0;
    let size = 0;
    for (let k = 0; k < runs + 1; k++) {
      const t = performance.now();
      const res = await fetch(`${api.url}${r.path}`, {
        headers: { authorization: `Bearer ${world.users.office.token}` },
        signal: AbortSignal.timeout(300_000),
      });
      const body = await res.arrayBuffer();
      const took = performance.now() - t;
      status = res.status;
      size = body.byteLength;
      if (!res.ok) {
        say(`${r.name}: ${res.status} ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
        break;
      }
      if (k > 0) times.push(took); // the first warms up
    }
    measured.push({ name: r.name, path: r.path, status, bytes: size, ms: percentiles(times) });
  }
  await api.stop(); // a profile is written as it exits
  if (flags.has('profile')) printProfile('api-reports');

  // the ceiling: the progress report's SQL, captured from an api with query logging, replayed straight
  const logging = await startApp('api', { ...env, DATABASE_LOG_QUERIES: 'true' }, { label: 'api-reports-sql' });
  const token = await login(logging.url, world.users.office.email, PASSWORD);
  await sleep(300);
  const offset = readFileSync(logging.logFile, 'utf8').length;
  const captured = await call(logging.url, token, 'GET', `/api/v1/reports/progress?${period}`);
  await sleep(500);
  const statements = parseQueryLog(readFileSync(logging.logFile, 'utf8').slice(offset));
  await logging.stop();
  const replay: number[] = [];
  const perStatement = statements.map(() => [] as number[]);
  if (captured.status === 200) {
    for (let k = 0; k < runs + 1; k++) {
      const t = performance.now();
      for (const [i, s] of statements.entries()) {
        const st = performance.now();
        await db.query(s.sql, s.params);
        if (k > 0) perStatement[i].push(performance.now() - st);
      }
      if (k > 0) replay.push(performance.now() - t);
    }
  }
  const replayP = percentiles(replay);
  const statementRows = statements
    .map((s, i) => ({ sql: s.sql.replace(/\s+/g, ' '), ms: percentiles(perStatement[i]) }))
    .sort((a, b) => b.ms.p50 - a.ms.p50);

  const rows: Row[] = measured.map((m) => [
    m.name,
    m.status === 200 ? ms(m.ms.p50) : `HTTP ${m.status}`,
    m.status === 200 ? ms(m.ms.max) : '',
    m.status === 200 ? bytes(m.bytes) : '',
    m.name === 'progress report, JSON' && replay.length ? `${ms(replayP.p50)} (${statements.length} statements)` : '',
  ]);
  printTable(
    `Reports over ${fmt(n, 0)} matters (${runs} runs each, after one to warm up; period ${from} … ${to})`,
    ['report', 'p50', 'max', 'size', 'its SQL straight (ceiling) p50'],
    rows,
  );
  printTable(
    "The progress report's SQL, slowest first (replayed straight)",
    ['statement', 'p50'],
    statementRows.map((r) => [r.sql.slice(0, 150), ms(r.ms.p50)]),
  );
  const progress = measured[0];
  const targets = [
    {
      what: `progress report at ${fmt(n, 0)} matters (JSON)`,
      target: '≤ 2 s',
      measured: progress.status === 200 ? ms(progress.ms.p50) : `HTTP ${progress.status}`,
      met: progress.status === 200 ? progress.ms.p50 <= 2_000 : null,
    },
  ];
  printTargets(targets);
  writeResults('reports', {
    quick: flags.quick,
    settings: { matters: n, runs, period: { from, to }, today },
    generation: { seconds: generationSeconds, rows: generated, byStage },
    reports: measured,
    progressSqlReplayMs: replayP,
    progressSqlStatements: statementRows.map((r) => ({ sql: r.sql, ms: r.ms })),
    targets,
  });
});

/** Takes a matter through the first `steps` steps of the cycle (7: in implementation with progress; 8: in evaluation). */
async function templateMatter(world: BenchWorld, apiUrl: string, steps: number): Promise<CycleState> {
  const state: CycleState = {};
  for (const step of cycleSteps(world, () => `REPORTS-${randomUUID().slice(0, 8)}`).slice(0, steps)) {
    const res = await call(apiUrl, step.token(state), step.method, step.path(state), step.body(state));
    if (res.status !== step.expect) throw new Error(`template matter: ${step.name} answered ${res.status} ${JSON.stringify(res.body)}`);
    absorb(state, res.body);
  }
  return state;
}

/** Assigns the evaluator and logs a replicable evaluation with its experience: the matter closes as replicated. */
async function closeAsReplicated(
  world: BenchWorld,
  apiUrl: string,
  state: CycleState,
  evaluator: { id: string; token: string },
): Promise<void> {
  const assigned = await call(apiUrl, world.users.office.token, 'POST', `/api/v1/matters/${state.matterId}/evaluator`, {
    version: state.version,
    evaluatorId: evaluator.id,
  });
  if (assigned.status !== 200) throw new Error(`assigning the evaluator: ${assigned.status} ${JSON.stringify(assigned.body)}`);
  absorb(state, assigned.body);
  const matter = (await call(apiUrl, world.users.office.token, 'GET', `/api/v1/matters/${state.matterId}`)).body as {
    targets: Array<{ id: string; targetValue: number }>;
  };
  const res = await call(apiUrl, evaluator.token, 'POST', `/api/v1/matters/${state.matterId}/evaluations`, {
    version: state.version,
    verdict: 'replicable',
    narrative: '十家机构采用该制度，人员流失率下降。',
    scores: { effectiveness: 4, institutional_innovation: 4, replicability: 5, risk_control: 3 },
    results: matter.targets.map((t) => ({
      targetId: t.id,
      actualValue: t.targetValue,
      evidence: { text: '深圳市统计局 2026 年第三季度数据', links: ['https://tjj.sz.gov.cn/report/2026q3'] },
    })),
    experience: {
      title: { zh: '新型研发机构市场化薪酬管理', en: 'Market salaries for new R&D institutions' },
      practice: { zh: '机构按市场薪酬水平自主确定薪酬，总量封顶。\n\n封顶线每年复核。' },
      conditions: { zh: '省级薪酬制度允许按机构设定总量。' },
      regions: ['粤港澳大湾区城市'],
      fields: ['科技体制改革'],
    },
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`logging the evaluation: ${res.status} ${JSON.stringify(res.body)}`);
  absorb(state, res.body);
}

/** Statements in a slice of TypeORM's query log, with their parameters; transaction control left out. */
function parseQueryLog(slice: string): Array<{ sql: string; params: unknown[] }> {
  const out: Array<{ sql: string; params: unknown[] }> = [];
  for (const raw of slice.split(/\n(?=query(?: failed)?: )/)) {
    // eslint-disable-next-line no-control-regex -- ANSI colour codes in the log
    const e = raw.replace(/^[\s\S]*?(?=query(?: failed)?: )/, '').replace(/\n(?:\x1b|\[Nest\])[\s\S]*$/, '');
    const m = /^query(?: failed)?: ([\s\S]*?)(?: -- PARAMETERS: (\[[\s\S]*\]))?$/.exec(e.trim());
    if (!m) continue;
    const sql = m[1].trim();
    if (/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET TRANSACTION)/i.test(sql)) continue;
    out.push({ sql, params: m[2] ? (JSON.parse(m[2]) as unknown[]) : [] });
  }
  return out;
}
