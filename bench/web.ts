/**
 * `npm run bench:web [-- --quick] [--matters=N] [--runs=R] [--managers=M] [--keep] [--profile]`
 *
 * The web app from a cold browser over 10,000 matters: how long until 我的待办 (/inbox)
 * is interactive (its table rows visible and the first row's action enabled) and until a
 * matter page is (its title and its action buttons visible), each in a new Chromium
 * (fresh profile, HTTP cache off), `runs` times; and the JavaScript /inbox loads, gzipped.
 *
 * The system is the benchmarks' own: a database, a redis-server, an SMTP sink, and the
 * api and worker as production runs them; the api serves a copy of dist/web (plus the
 * ceiling page below) from a temporary folder. The matters are two real ones made through
 * the API and cloned with COPY (every row they own, fresh ids): one with a full history
 * left in implementation (three milestones, one completed, two progress reports, both
 * approvals), 70 %, and one waiting at the leading unit's review, 30 %. Their manager is
 * spread over `managers` people (copies of the bench's manager account), so the measured
 * manager has about N / M matters, as a bureau's project lead might; `--managers=1` gives
 * one person all of them (the inbox then holds its cap of tasks per kind).
 *
 * `--profile` adds one more run of each page with a CPU profile of its main thread
 * (bench/results/logs/profiles/web-*.cpuprofile, for Chrome DevTools), summarised by script.
 *
 * The ceiling, in the same run: a static HTML page of the same rows with no JavaScript,
 * served by the same api process, timed to its load event.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  type ColdPage,
  type CpuSummary,
  type RequestRecord,
  coldPage,
  cookieSession,
  sinceNavigationStart,
  summariseCpu,
  startTrace,
  type TraceSummary,
} from './support/browser.js';
import { copyInto, uuidOf } from './support/copy.js';
import { benchDatabase } from './support/postgres.js';
import { assertBuilt, startApp, systemEnv } from './support/processes.js';
import { privateRedis } from './support/redis.js';
import { type Row, bytes, fmt, ms, percentiles, printTable, printTargets, writeResults } from './support/report.js';
import { LOGS_DIR, ROOT, envFlags, onCleanup, runBenchmark, say } from './support/run.js';
import { benchSmtp } from './support/smtp.js';
import { type BenchWorld, PASSWORD, buildWorld, call, draftBody } from './support/world.js';

const PROFILES_DIR = join(LOGS_DIR, 'profiles');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const TARGET_MS = 1_500;
const JS_CEILING = 400 * 1024;

interface MatterBody {
  id: string;
  version: number;
  stage: string;
  milestones: Array<{ id: string; completedAt: string | null }>;
  targets: Array<{ id: string }>;
}

async function step(world: BenchWorld, token: string, path: string, body: Record<string, unknown>, version: number): Promise<MatterBody> {
  const res = await call<MatterBody>(world.apiUrl, token, 'POST', path, body, { 'if-match': `"${version}"` });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A matter through the API: drafted with three milestones, and taken as far as `until`. */
async function templateMatter(world: BenchWorld, until: 'approval' | 'implementation'): Promise<MatterBody> {
  const { office, approver, manager } = world.users;
  const created = await call<MatterBody>(
    world.apiUrl,
    office.token,
    'POST',
    '/api/v1/matters',
    draftBody(world, `WEB-${until}-${Date.now()}`),
  );
  if (created.status !== 201) throw new Error(`draft: ${created.status} ${JSON.stringify(created.body)}`);
  let m = created.body;
  const base = `/api/v1/matters/${m.id}`;
  for (const [zh, en, dueIn] of [
    ['试点方案印发', 'Pilot plan issued', 'P14D'],
    ['阶段性总结报送', 'Interim summary submitted', 'P60D'],
    ['试点经验总结形成', 'Pilot lessons written up', 'P150D'],
  ])
    m = await step(world, office.token, `${base}/milestones`, { title: { zh, en }, dueIn }, m.version);
  m = await step(world, office.token, `${base}/submit`, {}, m.version);
  if (until === 'approval') return m;
  m = await step(world, approver.token, `${base}/approve`, { comment: '同意，请按方案推进。' }, m.version);
  m = await step(world, office.token, `${base}/approve`, { comment: '同意。' }, m.version);
  m = await step(world, office.token, `${base}/start-implementation`, {}, m.version);
  const target = m.targets[0].id;
  m = await step(
    world,
    manager.token,
    `${base}/progress`,
    { targetId: target, value: 2, asOf: '2026-09-30', note: '两家机构已试点' },
    m.version,
  );
  m = await step(world, manager.token, `${base}/milestones/${m.milestones[0].id}/complete`, { note: '方案已印发。' }, m.version);
  m = await step(
    world,
    manager.token,
    `${base}/progress`,
    { targetId: target, value: 4, asOf: '2026-11-30', note: '四家机构已试点' },
    m.version,
  );
  return m;
}

interface Measured {
  ms: number;
  requests: RequestRecord[];
}

runBenchmark('web', async (flags) => {
  assertBuilt();
  const n = flags.num('matters', flags.quick ? 1_000 : 10_000);
  const runs = flags.num('runs', flags.quick ? 2 : 5);
  const managers = Math.max(1, flags.num('managers', 200));
  const dist = join(ROOT, 'dist', 'web');
  if (!readdirSync(dist).includes('index.html')) throw new Error('dist/web/index.html is missing: run `npm run build` first');

  // the web app the api serves: a copy of dist/web, plus the ceiling page
  const web = mkdtempSync(join(tmpdir(), 'reformflow-bench-web-'));
  onCleanup('remove the web copy', () => rmSync(web, { recursive: true, force: true }));
  cpSync(dist, web, { recursive: true });

  const db = await benchDatabase('web', { keep: flags.keep });
  const redis = await privateRedis();
  const smtp = await benchSmtp();
  onCleanup('stop smtp', () => smtp.close());
  const env = systemEnv({
    databaseUrl: db.url,
    redisUrl: redis.url,
    smtpPort: smtp.port,
    extra: { LOG_LEVEL: 'warn', WEB_DIST_DIR: web, ...envFlags(flags) },
  });
  const api = await startApp('api', env, { label: 'api-web' });
  const worker = await startApp('worker', env, { label: 'worker-web' });
  const world = await buildWorld(api.url);
  // the browser signs in at the api's own origin: PUBLIC_URL only shapes links in mail
  const base = api.url;

  say('two template matters through the API: a full history in implementation, one at the leading unit review');
  const full = await templateMatter(world, 'implementation');
  const waiting = await templateMatter(world, 'approval');

  // clone with COPY: every row of every table with a matter_id (and the timers of their deadlines), fresh ids
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
  const order = [
    'matters',
    ...tables.filter((t) => t !== 'experiences'),
    ...(tables.includes('experiences') ? ['experiences'] : []),
    'timers',
  ];
  const ownedBy = (table: string) =>
    table === 'matters'
      ? 'id = $1'
      : table === 'timers'
        ? 'deadline_id IN (SELECT id FROM deadlines WHERE matter_id = $1)'
        : 'matter_id = $1';
  const templates = [
    { id: full.id, share: 0.7 },
    { id: waiting.id, share: 0.3 },
  ];
  const perTable = new Map<string, { columns: string[]; rows: Array<{ template: number; json: string }> }>();
  const ownIds: Array<Map<string, number>> = [];
  for (const [k, tpl] of templates.entries()) {
    const own = new Map<string, number>();
    for (const table of order) {
      const rows = await db.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(x) AS row FROM ${table} x WHERE ${ownedBy(table)}`, [
        tpl.id,
      ]);
      for (const { row } of rows) {
        if (typeof row.id === 'string' && !own.has(row.id)) own.set(row.id, own.size);
        const entry = perTable.get(table) ?? { columns: Object.keys(row), rows: [] };
        entry.rows.push({ template: k, json: JSON.stringify(row) });
        perTable.set(table, entry);
      }
    }
    ownIds.push(own);
  }

  // the other managers: copies of the bench manager's account (same password hash), so sign-in works for any
  const managerId = world.users.manager.id;
  const [managerRow] = await db.query<{ row: Record<string, unknown> }>('SELECT to_jsonb(u) AS row FROM users u WHERE id = $1', [
    managerId,
  ]);
  const managerIds = [managerId, ...Array.from({ length: managers - 1 }, (_, k) => uuidOf('ee', k + 1))];
  if (managers > 1) {
    const columns = Object.keys(managerRow.row);
    await copyInto(
      db.url,
      'users',
      columns,
      (function* () {
        for (let k = 1; k < managers; k++) {
          const row: Record<string, unknown> = {
            ...managerRow.row,
            id: managerIds[k],
            email: `manager-${k}@bench.reformflow.test`,
            display_name: `项目负责人 ${k}`,
          };
          yield columns.map((c) => (arrays.has(`users.${c}`) && Array.isArray(row[c]) ? `{${(row[c] as unknown[]).join(',')}}` : row[c]));
        }
      })(),
    );
  }

  const counts = templates.map((t) => Math.round(n * t.share));
  counts[0] += n - 2 - counts.reduce((a, b) => a + b, 0);
  const cloneIndex: number[] = [];
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
        for (let i = 1; i <= cloneIndex.length; i++) {
          const k = cloneIndex[i - 1];
          const own = ownIds[k];
          const managerOf = managerIds[i % managers];
          for (const r of entry.rows) {
            if (r.template !== k) continue;
            const json = r.json.replace(UUID, (id) =>
              own.has(id) ? uuidOf((0x10 + own.get(id)!).toString(16) + k, i) : id === managerId ? managerOf : id,
            );
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
  const [{ count: total }] = await db.query<{ count: string }>('SELECT count(*) FROM matters');
  const [{ count: mine }] = await db.query<{ count: string }>('SELECT count(*) FROM matters WHERE manager_id = $1', [managerId]);
  say(`cloned in ${((Date.now() - started) / 1000).toFixed(1)} s: ${total} matters, ${mine} of them managed by the measured manager`);

  const inboxApi = await call<{ total: number; items: unknown[] }>(base, world.users.manager.token, 'GET', '/api/v1/me/tasks');
  say(`the manager's inbox: ${inboxApi.body.total} tasks (${inboxApi.body.items.length} listed)`);
  const timeline = await call<unknown[]>(base, world.users.manager.token, 'GET', `/api/v1/matters/${full.id}/timeline`);
  say(`the measured matter: ${timeline.body.length} audit events`);

  // the ceiling page: the same number of rows as the inbox's first page, no script
  const rowsShown = Math.min(50, inboxApi.body.items.length);
  writeFileSync(
    join(web, 'bench-ceiling.html'),
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>我的待办</title></head><body><h1>我的待办</h1><table><thead><tr><th>类型</th><th>事项</th><th>截止时间</th><th>操作</th></tr></thead><tbody>${Array.from(
      { length: rowsShown },
      (_, i) =>
        `<tr><td>里程碑</td><td>WEB-${i} 新型研发机构市场化薪酬管理制度</td><td>2026-12-${String((i % 28) + 1).padStart(2, '0')} 18:00（北京时间）</td><td><button>完成节点</button></td></tr>`,
    ).join('')}</tbody></table></body></html>`,
  );

  const signIn = await cookieSession(base, world.users.manager.email, PASSWORD);
  /** CPU profiles of the page's main thread, one per page when --profile: where the time to interactive goes. */
  const profiles: Record<string, CpuSummary> = {};
  /** And a renderer trace of the same run: what "(program)" in the CPU profile was (style, layout, paint, parsing). */
  const traces: Record<string, TraceSummary> = {};
  const measure = async (path: string, ready: (p: ColdPage) => Promise<void>, profileAs?: string): Promise<Measured> => {
    const cold = await coldPage(base, { signIn });
    try {
      const stopTrace = profileAs ? await startTrace(cold.cdp) : null;
      if (profileAs) {
        await cold.cdp.send('Profiler.enable');
        await cold.cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cold.cdp.send('Profiler.start');
      }
      await cold.page.goto(path, { waitUntil: 'commit', timeout: 30_000 });
      await ready(cold);
      const took = await sinceNavigationStart(cold.page);
      if (profileAs) {
        const { profile } = await cold.cdp.send('Profiler.stop');
        mkdirSync(PROFILES_DIR, { recursive: true });
        writeFileSync(join(PROFILES_DIR, `${profileAs}.cpuprofile`), JSON.stringify(profile));
        profiles[profileAs] = summariseCpu(profile);
        traces[profileAs] = await stopTrace!();
      }
      await cold.page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
      return { ms: took, requests: [...cold.requests] };
    } finally {
      await cold.close();
    }
  };
  const inboxReady = async ({ page }: ColdPage) => {
    const firstRow = page.getByRole('row').nth(1);
    await firstRow.waitFor({ state: 'visible', timeout: 30_000 });
    const action = firstRow.getByRole('link').last();
    await action.waitFor({ state: 'visible', timeout: 30_000 });
    if (!(await action.isEnabled())) throw new Error("the inbox's first action is not enabled");
  };
  const matterReady = async ({ page }: ColdPage) => {
    await page.getByRole('heading', { level: 1 }).waitFor({ state: 'visible', timeout: 30_000 });
    await page
      .getByRole('button', { name: /完成|报送|进展/ })
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
  };
  const ceilingReady = async ({ page }: ColdPage) => {
    await page.waitForLoadState('load', { timeout: 30_000 });
  };

  const pages = [
    { name: 'inbox (/inbox)', path: '/inbox', ready: inboxReady },
    { name: 'matter page (/matters/:id)', path: `/matters/${full.id}`, ready: matterReady },
    { name: 'ceiling: static HTML, no JS', path: '/bench-ceiling.html', ready: ceilingReady },
  ];
  const results: Array<{ name: string; path: string; ms: ReturnType<typeof percentiles>; runs: Measured[] }> = [];
  // one warm-up of the server side (its first queries, Nest's first handling), not counted
  await measure('/inbox', inboxReady);
  for (const p of pages) {
    const measured: Measured[] = [];
    for (let r = 0; r < runs; r++) measured.push(await measure(p.path, p.ready));
    if (flags.has('profile') && !p.path.startsWith('/bench')) await measure(p.path, p.ready, `web-${p.path.split('/')[1]}`);
    results.push({ name: p.name, path: p.path, ms: percentiles(measured.map((m) => m.ms)), runs: measured });
  }
  await worker.stop();
  await api.stop();

  // the JavaScript /inbox loaded: bytes on the wire (as served) and gzip -9 of the same files
  const inboxRun = results[0].runs[0];
  const scripts = inboxRun.requests.filter((r) => r.type === 'Script' || r.url.endsWith('.js'));
  const js = scripts.map((r) => {
    const file = join(dist, new URL(r.url).pathname.replace(/^\//, ''));
    let raw = 0;
    let gz = 0;
    try {
      const body = readFileSync(file);
      raw = statSync(file).size;
      gz = gzipSync(body, { level: 9 }).length;
    } catch {
      // not a file of dist/web
    }
    return { file: basename(file), raw, gzip: gz, wire: r.encodedBytes, encoding: r.contentEncoding, startMs: r.startMs, endMs: r.endMs };
  });
  const jsGzip = js.reduce((a, b) => a + b.gzip, 0);
  const jsWire = js.reduce((a, b) => a + b.wire, 0);

  printTable(
    `Cold browser, ${fmt(Number(total), 0)} matters, ${runs} runs each (new Chromium profile, cache off)`,
    ['page', 'p50', 'p95', 'min', 'max', 'requests', 'target'],
    results.map((r): Row => [
      r.name,
      ms(r.ms.p50),
      ms(r.ms.p95),
      ms(Math.min(...r.runs.map((m) => m.ms))),
      ms(r.ms.max),
      String(r.runs[0].requests.length),
      r.path.startsWith('/bench') ? 'ceiling' : `≤ ${ms(TARGET_MS)}`,
    ]),
  );
  printTable(
    'JavaScript loaded by /inbox',
    ['file', 'size', 'gzip -9', 'on the wire', 'encoding', 'loaded at'],
    js
      .sort((a, b) => b.gzip - a.gzip)
      .map((f): Row => [f.file, bytes(f.raw), bytes(f.gzip), bytes(f.wire), f.encoding ?? 'none', `${ms(f.startMs)} → ${ms(f.endMs)}`]),
  );
  // where the time goes: the median inbox and matter runs, request by request
  for (const r of results.slice(0, 2)) {
    const median = [...r.runs].sort((a, b) => a.ms - b.ms)[Math.floor(r.runs.length / 2)];
    printTable(
      `${r.name}: the median run (${ms(median.ms)}), its requests by when they finished`,
      ['request', 'type', 'status', 'bytes', 'start', 'end'],
      median.requests
        .filter((q) => q.endMs <= median.ms + 50)
        .sort((a, b) => a.endMs - b.endMs)
        .map((q): Row => [
          new URL(q.url).pathname.slice(0, 70),
          q.type,
          String(q.status),
          bytes(q.encodedBytes),
          ms(q.startMs),
          ms(q.endMs),
        ]),
    );
  }
  for (const [name, summary] of Object.entries(profiles)) {
    printTable(
      `${name}: main-thread CPU until interactive (${ms(summary.totalMs)} sampled), self time by script`,
      ['script', 'self', 'share'],
      summary.byScript.slice(0, 10).map((x): Row => [x.name, ms(x.ms), `${((x.ms / summary.totalMs) * 100).toFixed(1)} %`]),
    );
    printTable(
      `${name}: the functions with the most self time`,
      ['function', 'script', 'self'],
      summary.byFunction.slice(0, 15).map((x): Row => [x.name.slice(0, 50), x.script, ms(x.ms)]),
    );
    const trace = traces[name];
    if (trace)
      printTable(
        `${name}: the renderer's main thread in the same run, by kind of work (self time)`,
        ['trace event', 'self', 'count'],
        trace.byEvent.slice(0, 15).map((x): Row => [x.name, ms(x.ms), String(x.count)]),
      );
  }
  const [inbox, matter, ceiling] = results;
  printTargets([
    { what: 'inbox interactive, cold, p95', target: `≤ ${ms(TARGET_MS)}`, measured: ms(inbox.ms.p95), met: inbox.ms.p95 <= TARGET_MS },
    {
      what: 'matter page interactive, cold, p95',
      target: `≤ ${ms(TARGET_MS)}`,
      measured: ms(matter.ms.p95),
      met: matter.ms.p95 <= TARGET_MS,
    },
    { what: 'JavaScript of /inbox, gzipped', target: `≤ ${bytes(JS_CEILING)}`, measured: bytes(jsGzip), met: jsGzip <= JS_CEILING },
    { what: 'ceiling: static page, p50', target: '—', measured: ms(ceiling.ms.p50), met: null },
  ]);
  writeResults('web', {
    matters: Number(total),
    managers,
    measuredManagerMatters: Number(mine),
    inboxTasks: inboxApi.body.total,
    timelineEvents: timeline.body.length,
    runs,
    generated,
    pages: results.map((r) => ({ name: r.name, path: r.path, ms: r.ms, samples: r.runs.map((m) => m.ms), requests: r.runs[0].requests })),
    javascript: { files: js, gzipBytes: jsGzip, wireBytes: jsWire, ceilingBytes: JS_CEILING },
    targets: { interactiveMs: TARGET_MS },
    profiles,
    traces,
  });
});
