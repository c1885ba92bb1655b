/**
 * `npm run bench:scale [-- --quick] [--matters=N] [--runs=R] [--report-timeout=S] [--reuse] [--keep]`
 *
 * A million matters (four milestones each) and five million open deadlines (a stage
 * deadline and one per milestone, each with a pending reminder timer), generated with
 * COPY. Measured:
 *  - list and filter queries through the real API (GET /matters?…): p50/p95 per query,
 *    beside the same SQL run straight against PostgreSQL (MatterQueries, no HTTP, Nest or
 *    JSON: the ceiling), with EXPLAIN ANALYZE of each written to bench/results/;
 *  - the progress report (GET /reports/progress) over the whole set;
 *  - the reconciler after FLUSHALL of the bench's own redis-server: a worker started on
 *    an empty Redis, timed until every timer due within the horizon is a delayed job again;
 *  - PostgreSQL and Redis size.
 *
 * Generating takes minutes; `--reuse` keeps the database (reformflow_bench_scale) and
 * measures an existing one again without generating (it implies --keep).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '#domain';
import { InboxQueries, MatterQueries, type MatterFilter, REBUILD_VISIBILITY_SQL } from '#persistence';
import { copyInto, dropSecondaryIndexes, uuidOf } from './support/copy.js';
import { benchDatabase, databaseSize } from './support/postgres.js';
import { assertBuilt, startApp, systemEnv } from './support/processes.js';
import { privateRedis, usedMemory } from './support/redis.js';
import { type Row, bytes, fmt, ms, percentiles, printTable, printTargets, writeResults } from './support/report.js';
import { RESULTS_DIR, envFlags, runBenchmark, say, sleep } from './support/run.js';
import { buildWorld, call, draftBody, ensureUnit } from './support/world.js';

const UNITS = 20;
const MILESTONES = 4;
const HORIZON_TIMERS_SHARE = 0.004; // of the timers, due within the reconciler's horizon (10 min)
const DAY = 86_400_000;

runBenchmark('scale', async (flags) => {
  assertBuilt();
  const n = flags.num('matters', flags.quick ? 50_000 : 1_000_000);
  const runs = flags.num('runs', flags.quick ? 10 : 30);
  const reuse = flags.has('reuse');
  const db = await benchDatabase('scale', { keep: flags.keep || reuse, reuse });
  const redis = await privateRedis();
  const env = systemEnv({ databaseUrl: db.url, redisUrl: redis.url, extra: { LOG_LEVEL: 'warn', ...envFlags(flags) } });
  const api = await startApp('api', env, { label: 'api-scale' });
  const world = await buildWorld(api.url);
  const units = [world.units.lead];
  for (let u = 1; units.length < UNITS; u++)
    units.push(await ensureUnit(api.url, world.admin, `BENCH-U${u}`, 'municipal_bureau', `基准单位${u}`, `Bench unit ${u}`));
  const template = await call(
    api.url,
    world.users.office.token,
    'POST',
    '/api/v1/matters',
    draftBody(world, `SCALE-TEMPLATE-${Date.now()}`),
  );
  if (template.status !== 201) throw new Error(`template draft: ${template.status} ${JSON.stringify(template.body)}`);
  const definitionId = (template.body as { workflow: { definitionId: string } }).workflow.definitionId;

  const [{ count: existing }] = await db.query<{ count: string }>(`SELECT count(*) FROM matters WHERE code LIKE 'S-%'`);
  const now = Date.now();
  const generation: Record<string, number> = {};
  if (Number(existing) >= n) {
    say(`reusing ${existing} generated matters`);
  } else {
    if (Number(existing) > 0) throw new Error(`reformflow_bench_scale holds ${existing} generated matters, not ${n}: run without --reuse`);
    say(
      `generating ${fmt(n, 0)} matters, ${fmt(n * MILESTONES, 0)} milestones, ${fmt(n * (MILESTONES + 1), 0)} open deadlines and as many pending timers with COPY`,
    );
    const started = Date.now();
    const rebuild: string[] = [];
    for (const table of ['matters', 'milestones', 'deadlines', 'timers', 'matter_visibility'])
      rebuild.push(...(await dropSecondaryIndexes(db, table)));
    const office = world.users.office.id;
    const manager = world.users.manager.id;
    const stages = [
      'draft', 'draft', 'in_approval', 'in_approval', 'approved',
      'in_implementation', 'in_implementation', 'in_implementation', 'in_implementation', 'in_implementation',
      'in_implementation', 'in_implementation', 'in_implementation', 'in_implementation', 'in_implementation',
      'in_evaluation', 'in_evaluation', 'closed', 'closed', 'terminated',
    ]; // prettier-ignore
    const kinds = ['reform_measure', 'innovation_experiment', 'opening_up_initiative'];
    // a deterministic spread: matter i's dates and stage follow from i
    const frac = (i: number, salt: number) => (((i * 2654435761 + salt * 97) >>> 0) % 100_000) / 100_000;
    const stageOf = (i: number) => stages[i % stages.length];
    const open = (s: string) => !['closed', 'terminated', 'withdrawn'].includes(s);
    // next due: from 20 days ago to a year ahead, so about 5 % of the open matters are overdue
    const nextDue = (i: number) => new Date(now + (frac(i, 1) * 385 - 20) * DAY);

    let t = Date.now();
    generation.matters = await copyInto(
      db.url,
      'matters',
      ['id', 'batch_id', 'code', 'title_zh', 'title_en', 'kind', 'policy_area', 'leading_unit_id', 'manager_id', 'risk_level',
       'requires_legal_authorization', 'workflow_definition_id', 'stage', 'outcome', 'stage_entered_at', 'stage_due_at', 'approval_round',
       'next_due_at', 'version', 'created_by', 'created_at', 'updated_at', 'implementation_started_at'], // prettier-ignore
      (function* () {
        for (let i = 1; i <= n; i++) {
          const stage = stageOf(i);
          const created = new Date(now - frac(i, 2) * 730 * DAY);
          const updated = new Date(created.getTime() + frac(i, 3) * (now - created.getTime()));
          yield [
            uuidOf('a1', i), world.batchId, `S-${i}`, `改革试点事项 ${i}：新型研发机构薪酬制度`, `Reform pilot matter ${i}: R&D institution salaries`,
            kinds[i % 3], 'science_technology', units[i % UNITS], manager, ['low', 'medium', 'high'][i % 3], false, definitionId, stage,
            stage === 'closed' ? (i % 2 ? 'replicated' : 'closed_ineffective') : null, updated, open(stage) ? new Date(updated.getTime() + 30 * DAY) : null, 1,
            open(stage) ? nextDue(i) : null, 6, office, created, updated,
            ['in_implementation', 'in_evaluation', 'closed'].includes(stage) ? updated : null,
          ]; // prettier-ignore
        }
      })(),
    );
    say(`matters: ${((Date.now() - t) / 1000).toFixed(0)} s`);
    t = Date.now();
    generation.milestones = await copyInto(
      db.url,
      'milestones',
      ['id', 'matter_id', 'position', 'title_zh', 'title_en', 'due_at', 'completed_at', 'completed_by'],
      (function* () {
        for (let i = 1; i <= n; i++)
          for (let k = 0; k < MILESTONES; k++) {
            const due = new Date(nextDue(i).getTime() + k * 60 * DAY);
            const done = stageOf(i) === 'closed' || (k === 0 && stageOf(i) === 'in_evaluation');
            yield [
              uuidOf('b1', i * MILESTONES + k),
              uuidOf('a1', i),
              k,
              `里程碑 ${k + 1}`,
              `Milestone ${k + 1}`,
              due,
              done ? due : null,
              done ? manager : null,
            ];
          }
      })(),
    );
    say(`milestones: ${((Date.now() - t) / 1000).toFixed(0)} s`);
    const policy = { due: 'P30D', reminders: ['PT0S'], escalation: [{ after: 'P1D', level: 1, notify: ['responsible_manager'] }] };
    const responsible = { kind: 'user', userId: manager };
    const horizonEvery = Math.round(1 / HORIZON_TIMERS_SHARE);
    // deadline j of matter i: j = 0 its stage, j ≥ 1 its milestone j-1; timers due within
    // the horizon start 5 minutes after generation, so none fires while the reconciler is timed
    const dueOfDeadline = (i: number, j: number) =>
      (i * (MILESTONES + 1) + j) % horizonEvery === 0
        ? new Date(now + 5 * 60_000 + frac(i * 7 + j, 4) * 4 * 60_000)
        : new Date(nextDue(i).getTime() + j * 60 * DAY + 3_600_000);
    t = Date.now();
    generation.deadlines = await copyInto(
      db.url,
      'deadlines',
      [
        'id',
        'matter_id',
        'key',
        'kind',
        'subject_id',
        'title_zh',
        'title_en',
        'due_at',
        'status',
        'version',
        'policy',
        'responsible',
        'unit_id',
      ],
      (function* () {
        for (let i = 1; i <= n; i++)
          for (let j = 0; j <= MILESTONES; j++) {
            const milestone = j === 0 ? null : uuidOf('b1', i * MILESTONES + j - 1);
            yield [
              uuidOf('d1', i * (MILESTONES + 1) + j), uuidOf('a1', i), j === 0 ? 'stage:in_implementation' : `milestone:${milestone}`,
              j === 0 ? 'stage' : 'milestone', milestone, j === 0 ? null : `里程碑 ${j}`, j === 0 ? null : `Milestone ${j}`,
              dueOfDeadline(i, j), 'open', 1, policy, responsible, units[i % UNITS],
            ]; // prettier-ignore
          }
      })(),
    );
    say(`deadlines: ${((Date.now() - t) / 1000).toFixed(0)} s`);
    t = Date.now();
    // a reminder whose time has passed has fired (an overdue deadline waits for its escalations)
    generation.timers = await copyInto(
      db.url,
      'timers',
      ['id', 'deadline_id', 'deadline_version', 'kind', 'label', 'fire_at', 'notify', 'state', 'fired_at', 'lateness_ms'],
      (function* () {
        for (let i = 1; i <= n; i++)
          for (let j = 0; j <= MILESTONES; j++) {
            const d = uuidOf('d1', i * (MILESTONES + 1) + j);
            const due = dueOfDeadline(i, j);
            const past = due.getTime() < now;
            yield [
              `t.${d}.v1.r-PT0S`,
              d,
              1,
              'reminder',
              'r-PT0S',
              due,
              ['responsible_manager'],
              past ? 'fired' : 'pending',
              past ? due : null,
              past ? 0 : null,
            ];
          }
      })(),
    );
    say(`timers: ${((Date.now() - t) / 1000).toFixed(0)} s`);
    t = Date.now();
    // who may see each matter, as MatterStore would have written it (the migration's backfill)
    generation.visibility = Number(
      (await db.query<{ n: string }>(`WITH x AS (${REBUILD_VISIBILITY_SQL} RETURNING 1) SELECT count(*) AS n FROM x`))[0].n,
    );
    say(`visibility rows: ${((Date.now() - t) / 1000).toFixed(0)} s`);
    t = Date.now();
    for (const def of rebuild) await db.query(def);
    say(`indexes rebuilt: ${((Date.now() - t) / 1000).toFixed(0)} s`);
    t = Date.now();
    await db.query('VACUUM ANALYZE matters');
    await db.query('VACUUM ANALYZE milestones');
    await db.query('VACUUM ANALYZE deadlines');
    await db.query('VACUUM ANALYZE timers');
    await db.query('VACUUM ANALYZE matter_visibility');
    say(`vacuum and analyze: ${((Date.now() - t) / 1000).toFixed(0)} s`);
    generation.seconds = (Date.now() - started) / 1000;
    say(`generated in ${generation.seconds.toFixed(0)} s`);
  }

  // list and filter queries: through the API, and the same SQL straight against PostgreSQL
  const office: Actor = { userId: world.users.office.id, unitId: world.units.office, roles: ['reform_office'] };
  const manager: Actor = { userId: world.users.manager.id, unitId: world.units.lead, roles: ['manager'] };
  const unitAt = (k: number) => units[k % UNITS];
  const cases: Array<{ name: string; who: 'office' | 'manager'; query: (k: number) => Record<string, string> }> = [
    { name: 'all, newest first (page 1)', who: 'office', query: () => ({}) },
    { name: 'all, page 50', who: 'office', query: () => ({ page: '50' }) },
    { name: 'by unit', who: 'office', query: (k) => ({ leadingUnitId: unitAt(k) }) },
    { name: 'by stage', who: 'office', query: () => ({ stage: 'in_approval' }) },
    { name: 'by stages (2)', who: 'office', query: () => ({ stage: 'in_implementation,in_evaluation' }) },
    { name: 'overdue', who: 'office', query: () => ({ overdue: 'true' }) },
    { name: 'overdue, by next due', who: 'office', query: () => ({ overdue: 'true', sort: 'nextDueAt' }) },
    {
      name: 'by unit, stage and overdue',
      who: 'office',
      query: (k) => ({ leadingUnitId: unitAt(k), stage: 'in_implementation', overdue: 'true' }),
    },
    { name: 'free text (code)', who: 'office', query: (k) => ({ q: `S-${(k * 7919) % n}` }) },
    { name: "a manager's view (own unit)", who: 'manager', query: () => ({}) },
  ];
  const filterOf = (q: Record<string, string>): MatterFilter => {
    const sort = q.sort ?? '-updatedAt';
    return {
      stages: q.stage?.split(',') as MatterFilter['stages'],
      leadingUnitId: q.leadingUnitId,
      overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
      q: q.q,
      page: Number(q.page ?? 1),
      pageSize: 20,
      sort: sort.replace(/^-/, '') as MatterFilter['sort'],
      descending: sort.startsWith('-'),
    };
  };
  const queries = new MatterQueries();
  const plans: string[] = [];
  const rows: Row[] = [];
  const listResults: Array<Record<string, unknown>> = [];
  say(`list queries: ${cases.length} kinds × ${runs} runs, through the API and straight`);
  for (const c of cases) {
    const token = c.who === 'office' ? world.users.office.token : world.users.manager.token;
    const actor = c.who === 'office' ? office : manager;
    const httpMs: number[] = [];
    const sqlMs: number[] = [];
    let total = 0;
    for (let k = 0; k < runs + 2; k++) {
      const q = c.query(k);
      const t = performance.now();
      const res = await call<{ total: number }>(api.url, token, 'GET', `/api/v1/matters?${new URLSearchParams(q).toString()}`);
      const took = performance.now() - t;
      if (res.status !== 200)
        throw new Error(`GET /matters?${new URLSearchParams(q).toString()}: ${res.status} ${JSON.stringify(res.body)}`);
      total = res.body.total;
      const s = performance.now();
      await queries.list({ query: (sql: string, params?: unknown[]) => db.query(sql, params) } as never, actor, filterOf(q), new Date());
      const sqlTook = performance.now() - s;
      if (k >= 2) {
        // the first two warm the caches
        httpMs.push(took);
        sqlMs.push(sqlTook);
      }
    }
    // EXPLAIN ANALYZE of the two statements the list runs (count, then the page)
    const explained: string[] = [];
    await queries.list(
      {
        query: async (sql: string, params?: unknown[]) => {
          const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
          explained.push(`${sql.replace(/\s+/g, ' ')}\n${plan.map((p) => p['QUERY PLAN']).join('\n')}`);
          return sql.includes('count(*)') ? [{ total: '0' }] : [];
        },
      } as never,
      actor,
      filterOf(c.query(0)),
      new Date(),
    );
    plans.push(`== ${c.name} (${c.who}) ${JSON.stringify(c.query(0))}\n\n${explained.join('\n\n')}`);
    const h = percentiles(httpMs);
    const s = percentiles(sqlMs);
    rows.push([c.name, fmt(total, 0), ms(h.p50), ms(h.p95), ms(s.p50), ms(s.p95)]);
    listResults.push({ name: c.name, who: c.who, query: c.query(0), total, httpMs: h, sqlMs: s });
  }
  const plansFile = join(RESULTS_DIR, 'scale.explain.txt');
  writeFileSync(plansFile, plans.join('\n\n\n'));
  printTable(
    `List queries over ${fmt(n, 0)} matters (${runs} runs each; page size 20)`,
    ['query', 'matching', 'API p50', 'API p95', 'SQL p50 (ceiling)', 'SQL p95 (ceiling)'],
    rows,
  );
  say(`EXPLAIN ANALYZE of each: ${plansFile}`);

  // 我的待办 (GET /me/tasks): the manager answers for every generated deadline; the office also sees every overdue one
  const inbox = new InboxQueries();
  const tx = { query: (sql: string, params?: unknown[]) => db.query(sql, params) } as never;
  const inboxRows: Row[] = [];
  const inboxResults: Array<Record<string, unknown>> = [];
  for (const who of ['manager', 'office'] as const) {
    const token = who === 'office' ? world.users.office.token : world.users.manager.token;
    const actor = who === 'office' ? office : manager;
    const httpMs: number[] = [];
    const sqlMs: number[] = [];
    let items = 0;
    for (let k = 0; k < runs + 2; k++) {
      const t = performance.now();
      const res = await call<{ items: unknown[]; total: number }>(api.url, token, 'GET', '/api/v1/me/tasks');
      const took = performance.now() - t;
      if (res.status !== 200) throw new Error(`GET /me/tasks as ${who}: ${res.status} ${JSON.stringify(res.body)}`);
      items = res.body.items.length;
      // the ceiling: the inbox's own statements for this person, straight, in parallel as the use case runs them
      const s = performance.now();
      await Promise.all([
        inbox.steps(tx, actor.unitId, actor.roles),
        inbox.deadlines(tx, actor.userId, actor.unitId, actor.roles),
        ...(who === 'office' ? [inbox.overdue(tx, new Date()), inbox.evaluatorNeeded(tx)] : []),
      ]);
      const sqlTook = performance.now() - s;
      if (k >= 2) {
        httpMs.push(took);
        sqlMs.push(sqlTook);
      }
    }
    const h = percentiles(httpMs);
    const s = percentiles(sqlMs);
    inboxRows.push([`GET /me/tasks (${who})`, fmt(items, 0), ms(h.p50), ms(h.p95), ms(s.p50), ms(s.p95)]);
    inboxResults.push({ who, items, httpMs: h, sqlMs: s });
  }
  printTable(
    `我的待办 over ${fmt(n, 0)} matters (${runs} runs each)`,
    ['inbox', 'items listed', 'API p50', 'API p95', 'its SQL p50 (ceiling)', 'its SQL p95 (ceiling)'],
    inboxRows,
  );

  // the progress report over the whole set (the report endpoints may not exist yet)
  const reportMs: number[] = [];
  let reportNote = '';
  const from = new Date(now - 365 * DAY).toISOString().slice(0, 10);
  const to = new Date(now).toISOString().slice(0, 10);
  // once, bounded: at a million matters it may take minutes (bench:reports measures it at 10,000)
  const reportLimitS = flags.num('report-timeout', 60);
  {
    const t = performance.now();
    try {
      const res = await fetch(`${api.url}/api/v1/reports/progress?from=${from}&to=${to}`, {
        headers: { authorization: `Bearer ${world.users.office.token}` },
        signal: AbortSignal.timeout(reportLimitS * 1000),
      });
      await res.arrayBuffer();
      if (res.ok) reportMs.push(performance.now() - t);
      else reportNote = `GET /reports/progress answered ${res.status}`;
    } catch {
      reportNote = `no answer within ${reportLimitS} s (stopped waiting)`;
    }
  }
  await api.stop();
  // a report still running holds a backend: cancel it before the reconciler is timed
  await db.query(
    `SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'`,
  );

  // the reconciler after FLUSHALL: a worker started on an empty Redis puts every timer due within the horizon back
  const [{ due }] = await db.query<{ due: string }>(
    `SELECT count(*) AS due FROM timers WHERE state = 'pending' AND fire_at <= now() + interval '10 minutes'`,
  );
  await redis.flushAll();
  const memEmpty = await usedMemory(redis);
  say(`reconciler: FLUSHALL, then a worker on the empty Redis must put ${due} timers back`);
  const spawned = Date.now();
  const worker = await startApp('worker', { ...env, RECONCILE_INTERVAL: 'PT1H' }, { label: 'worker-scale' });
  const up = Date.now();
  let inRedis = 0;
  while (Date.now() - spawned < 180_000) {
    const [[, delayed], [, waiting], [, active], [, done]] = (await redis.client
      .multi()
      .zcard('bench:timers:delayed')
      .llen('bench:timers:wait')
      .llen('bench:timers:active')
      .zcard('bench:timers:completed')
      .exec()) as Array<[unknown, number]>;
    inRedis = delayed + waiting + active + done;
    if (inRedis >= Number(due)) break;
    await sleep(100);
  }
  const reconcileMs = Date.now() - spawned;
  const memReconciled = await usedMemory(redis);
  await worker.stop();

  const sizes = await db.query<{ table: string; size: string }>(
    `SELECT c.relname AS table, pg_total_relation_size(c.oid) AS size FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
     WHERE s.nspname = 'public' AND c.relkind = 'r' ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 6`,
  );
  const pgSize = await databaseSize(db.name);
  const report = percentiles(reportMs);
  printTable('Progress report, reconciler, sizes', ['', 'value'], [
    ['progress report (GET /reports/progress, a year, JSON), once', reportNote || ms(report.p50)],
    [`reconciler after FLUSHALL: ${fmt(Number(due), 0)} timers back in Redis`, `${ms(reconcileMs)} from spawn (worker healthy after ${ms(up - spawned)})`],
    ['timers back in Redis', `${fmt(inRedis, 0)} of ${fmt(Number(due), 0)}`],
    ['Redis used memory after the reconciler', `${bytes(memReconciled)} (${bytes((memReconciled - memEmpty) / Math.max(1, inRedis))} per timer)`],
    ['PostgreSQL database size', bytes(pgSize)],
    ...sizes.map((s): Row => [`  table ${s.table}`, bytes(Number(s.size))]),
  ]); // prettier-ignore

  const worst = listResults.reduce((a, b) => ((a.httpMs as { p95: number }).p95 >= (b.httpMs as { p95: number }).p95 ? a : b));
  const worstP95 = (worst.httpMs as { p95: number }).p95;
  const targets = [
    {
      what: `list queries p95 at ${fmt(n, 0)} matters (worst: ${worst.name as string})`,
      target: '≤ 50 ms',
      measured: ms(worstP95),
      met: worstP95 <= 50,
    },
    ...inboxResults.map((r) => {
      const p95 = (r.httpMs as { p95: number }).p95;
      return {
        what: `GET /me/tasks p95 at ${fmt(n, 0)} matters (${r.who as string})`,
        target: '≤ 50 ms',
        measured: ms(p95),
        met: p95 <= 50,
      };
    }),
  ];
  printTargets(targets);
  writeResults('scale', {
    quick: flags.quick,
    settings: {
      matters: n,
      milestones: n * MILESTONES,
      deadlines: n * (MILESTONES + 1),
      timers: n * (MILESTONES + 1),
      runs,
      reused: Number(existing) >= n,
    },
    generation,
    list: listResults,
    inbox: inboxResults,
    progressReportMs: reportNote ? reportNote : report,
    reconciler: { timers: Number(due), inRedis, ms: reconcileMs, workerHealthyMs: up - spawned, redisBytes: memReconciled - memEmpty },
    postgresBytes: pgSize,
    tables: Object.fromEntries(sizes.map((s) => [s.table, Number(s.size)])),
    targets,
  });
});
