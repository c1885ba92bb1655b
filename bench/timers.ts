/**
 * `npm run bench:timers [-- --quick] [--timers=N] [--window=S] [--drain=S] [--env=K=V,…] [--keep] [--profile]`
 *
 * N reminders due within a window (100,000 in 60 s): the worker fires each one and the
 * mail it causes goes out over SMTP. Measured: fired-and-mailed per second, lateness
 * (timer fired vs due, and SMTP 250 vs due) p50/p99, and Redis memory per pending timer.
 * In the same run, on the same private redis-server, the ceiling: raw BullMQ with the
 * same number of delayed no-op jobs, the same delays, job options and concurrency.
 *
 * The N timers are one real matter's (made through the API, in implementation with an
 * open milestone) cloned with INSERT … SELECT: N/10 matters, each with ten copies of its
 * milestone deadline and each deadline's due-time reminder (`r-PT0S`), due at evenly spaced
 * instants across the window (secondary indexes dropped while cloning, rebuilt after). They are put into Redis as the reconciler puts them
 * (`addBulk`, job id = timer id, the timers queue's options) before the worker starts.
 */
import { randomUUID } from 'node:crypto';
import { type Job, Queue, Worker } from 'bullmq';
import { JOB_OPTIONS, JobName, QueueName } from '#queues';
import { dropSecondaryIndexes } from './support/copy.js';
import { cpuMeter, printCpu } from './support/cpu.js';
import { cycleSteps, absorb, type CycleState } from './support/cycle.js';
import { benchDatabase } from './support/postgres.js';
import { assertBuilt, startApp, systemEnv } from './support/processes.js';
import { printProfile, profileArgs } from './support/profile.js';
import { privateRedis, usedMemory } from './support/redis.js';
import { bytes, fmt, ms, pct, percentiles, printTable, printTargets, writeResults } from './support/report.js';
import { envFlags, runBenchmark, say, sleep } from './support/run.js';
import { benchSmtp } from './support/smtp.js';
import { buildWorld, call } from './support/world.js';

const CONCURRENCY = 10; // WORKER_CONCURRENCY; the timers queue runs twice as many
const PREFIX = 'bench';
const PER_MATTER = 10;

runBenchmark('timers', async (flags) => {
  assertBuilt();
  const n = flags.num('timers', flags.quick ? 5_000 : 100_000);
  const windowMs = flags.num('window', flags.quick ? 10 : 60) * 1000;
  const drainMs = flags.num('drain', 60) * 1000;
  say(`${n} reminders due within ${windowMs / 1000} s${flags.quick ? ' (quick)' : ''}`);

  const db = await benchDatabase('timers', { keep: flags.keep });
  const redis = await privateRedis();
  const smtp = await benchSmtp();
  const env = systemEnv({
    databaseUrl: db.url,
    redisUrl: redis.url,
    smtpPort: smtp.port,
    extra: { WORKER_CONCURRENCY: String(CONCURRENCY), LOG_LEVEL: 'warn', ...envFlags(flags) },
  });

  // one real matter in implementation, with an open milestone deadline and its reminders
  const api = await startApp('api', env, { label: 'api-timers' });
  const world = await buildWorld(api.url);
  const state: CycleState = {};
  for (const step of cycleSteps(world, () => `TEMPLATE-${randomUUID()}`).slice(0, 6)) {
    const res = await call(api.url, step.token(state), step.method, step.path(state), step.body(state));
    if (res.status !== step.expect) throw new Error(`template matter: ${step.name} answered ${res.status} ${JSON.stringify(res.body)}`);
    absorb(state, res.body);
  }
  await api.stop();
  const [deadline] = await db.query<{ id: string }>(
    `SELECT id FROM deadlines WHERE matter_id = $1 AND kind = 'milestone' AND status = 'open'`,
    [state.matterId],
  );
  const [timer] = await db.query<{ id: string }>(`SELECT id FROM timers WHERE deadline_id = $1 AND label = 'r-PT0S'`, [deadline?.id]);
  if (!deadline || !timer) throw new Error('the template matter has no open milestone deadline with a due-time reminder (r-PT0S)');

  say(`cloning the template into ${n} matters, deadlines and reminders`);
  let t = Date.now();
  const clone = (table: string, source: string, count: number, overrides: string) =>
    db.query(
      `INSERT INTO ${table} SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(x) || jsonb_build_object(${overrides}))).*
       FROM ${table} x, generate_series(1, $1::int) g WHERE x.id = $2 AND $3::text IS NOT NULL`,
      [count, source, deadline.id],
    );
  const rebuild: string[] = [];
  for (const table of ['matters', 'deadlines', 'timers']) rebuild.push(...(await dropSecondaryIndexes(db, table)));
  // ten reminders per matter: a matter row (with its trigram index) costs more to write than a timer
  await clone('matters', state.matterId!, Math.ceil(n / PER_MATTER), `'id', md5('m' || g)::uuid, 'code', 'TIMER-' || g`);
  await clone(
    'deadlines',
    deadline.id,
    n,
    `'id', md5('d' || g)::uuid, 'matter_id', md5('m' || ((g - 1) / ${PER_MATTER} + 1))::uuid, 'key', x.key || '#' || g`,
  );
  await clone(
    'timers',
    timer.id,
    n,
    `'id', replace(x.id, $3, md5('d' || g)::uuid::text), 'deadline_id', md5('d' || g)::uuid, 'state', 'pending'`,
  );
  for (const def of rebuild) await db.query(def);
  await db.query('ANALYZE matters; ANALYZE deadlines; ANALYZE timers');
  say(`cloned in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  // due instants: evenly over the window, starting once Redis holds them and the worker is up
  const leadMs = flags.num('lead', flags.quick ? 15 : 30) * 1000;
  const t0 = Date.now() + leadMs;
  const dueOf = (g: number) => t0 + Math.floor(((g - 1) * windowMs) / n);
  await db.query(
    `UPDATE deadlines SET due_at = to_timestamp(($2::bigint + (((g - 1)::bigint * $3) / $1)) / 1000.0)
     FROM generate_series(1, $1::int) g WHERE id = md5('d' || g)::uuid`,
    [n, t0, windowMs],
  );
  await db.query(`UPDATE timers SET fire_at = d.due_at FROM deadlines d WHERE timers.deadline_id = d.id AND d.matter_id <> $1`, [
    state.matterId,
  ]);

  const memEmpty = await usedMemory(redis);
  t = Date.now();
  const queue = new Queue(QueueName.Timers, { connection: { url: redis.url }, prefix: PREFIX });
  // the template's timer id with the clone's deadline id in it, as the clone SQL makes it
  const timerId = (_g: number, d: string) => timer.id.replace(deadline.id, d);
  const ids = await db.query<{ g: number; d: string }>(`SELECT g, md5('d' || g)::uuid::text AS d FROM generate_series(1, $1::int) g`, [n]);
  for (let i = 0; i < ids.length; i += 1_000) {
    const now = Date.now();
    await queue.addBulk(
      ids.slice(i, i + 1_000).map(({ g, d }) => ({
        name: JobName.TimerFire,
        data: { timerId: timerId(g, d) },
        opts: { ...JOB_OPTIONS[QueueName.Timers], jobId: timerId(g, d), delay: Math.max(0, dueOf(g) - now) },
      })),
    );
  }
  await queue.close();
  const appEnqueueS = (Date.now() - t) / 1000;
  const memApp = (await usedMemory(redis)) - memEmpty;
  say(`${n} delayed timer jobs added in ${appEnqueueS.toFixed(1)} s; Redis holds ${bytes(memApp)} for them`);

  const worker = await startApp('worker', env, flags.has('profile') ? { extraArgs: profileArgs('worker-timers') } : {});
  if (Date.now() > t0) say(`WARNING: the worker came up ${Date.now() - t0} ms after the first reminder was due (raise --lead)`);
  const expected = n; // one recipient (the responsible manager) per reminder
  const meter = cpuMeter({ worker: worker.child.pid });
  const cutoff = t0 + windowMs + drainMs;
  let last = 0;
  // the reminders' mails (the template matter's own approval mails do not count)
  const reminderMails = () => smtp.accepted.filter((a) => a.key.startsWith('t.'));
  while (Date.now() < cutoff && reminderMails().length < expected) {
    await sleep(500);
    if (Date.now() - last > 10_000) {
      last = Date.now();
      say(
        `${reminderMails().length} of ${expected} mails accepted, ${Math.max(0, (Date.now() - t0) / 1000).toFixed(0)} s after the first was due`,
      );
    }
  }
  const appCpu = meter.stop();
  const stages = await jobStages(redis.url, PREFIX);
  const mailed = reminderMails();
  const mailedAll = mailed.length >= expected;
  const lastMail = mailed.reduce((m, a) => Math.max(m, a.at), 0);
  const appSeconds = ((mailedAll ? lastMail : Date.now()) - t0) / 1000;
  const appRate = mailed.length / appSeconds;
  if (flags.has('profile')) {
    await worker.stop();
    printProfile('worker-timers');
  } else await worker.stop();

  // lateness: the timer as the worker recorded it, and the mail's 250 against its due instant
  const fired = await db.query<{ lateness_ms: number | null; state: string; deadline_id: string }>(
    `SELECT t.lateness_ms, t.state, t.deadline_id FROM timers t JOIN deadlines d ON d.id = t.deadline_id WHERE d.matter_id <> $1`,
    [state.matterId],
  );
  const firedCount = fired.filter((f) => f.state === 'fired').length;
  const censoredAt = Date.now();
  // a reminder never fired (or mailed) by the cutoff counts as late by at least the time to the cutoff
  const dueByDeadline = new Map(ids.map(({ g, d }) => [d, dueOf(g)]));
  const fireLate = percentiles(fired.map((f) => f.lateness_ms ?? censoredAt - dueByDeadline.get(f.deadline_id)!));
  const mailLateValues: number[] = [];
  const seen = new Set<string>();
  for (const a of mailed) {
    const d = /^t\.([0-9a-f-]{36})\./.exec(a.key)?.[1];
    const due = d ? dueByDeadline.get(d) : undefined;
    if (due === undefined || seen.has(d!)) continue;
    seen.add(d!);
    mailLateValues.push(a.at - due);
  }
  for (const [d, due] of dueByDeadline) if (!seen.has(d)) mailLateValues.push(censoredAt - due);
  const mailLate = percentiles(mailLateValues);
  const deliveries = await db.query<{ state: string; n: string }>(
    `SELECT state, count(*) AS n FROM deliveries GROUP BY state ORDER BY state`,
  );

  // the ceiling: raw BullMQ, same Redis, same count, same delays, same options and concurrency, no-op jobs
  say(`raw BullMQ: ${n} delayed no-op jobs over ${windowMs / 1000} s`);
  const rawPrefix = 'bench-raw';
  const raw = new Queue('raw-timers', { connection: { url: redis.url }, prefix: rawPrefix });
  const memBeforeRaw = await usedMemory(redis);
  const r0 = Date.now() + Math.max(5_000, Math.ceil((appEnqueueS + 3) * 1000));
  const rawDue = (g: number) => r0 + Math.floor(((g - 1) * windowMs) / n);
  t = Date.now();
  for (let i = 0; i < ids.length; i += 1_000) {
    const now = Date.now();
    await raw.addBulk(
      ids.slice(i, i + 1_000).map(({ g, d }) => ({
        name: JobName.TimerFire,
        data: { timerId: timerId(g, d) },
        opts: { ...JOB_OPTIONS[QueueName.Timers], jobId: timerId(g, d), delay: Math.max(0, rawDue(g) - now) },
      })),
    );
  }
  const rawEnqueueS = (Date.now() - t) / 1000;
  const memRaw = (await usedMemory(redis)) - memBeforeRaw;
  const rawLate: number[] = [];
  let rawDone = 0;
  let rawLast = 0;
  const dueById = new Map(ids.map(({ g, d }) => [timerId(g, d), rawDue(g)]));
  const rawMeter = cpuMeter({});
  const rawWorker = new Worker(
    'raw-timers',
    (job: Job) => {
      const now = Date.now();
      rawLate.push(now - (dueById.get(job.id!) ?? now));
      rawDone += 1;
      rawLast = now;
      return Promise.resolve();
    },
    {
      connection: { url: redis.url, maxRetriesPerRequest: null },
      prefix: rawPrefix,
      concurrency: CONCURRENCY * 2,
      lockDuration: 30_000,
      stalledInterval: 30_000,
    },
  );
  const rawCutoff = r0 + windowMs + drainMs;
  while (Date.now() < rawCutoff && rawDone < n) await sleep(200);
  const rawCpu = rawMeter.stop();
  await rawWorker.close();
  await raw.close();
  const rawSeconds = ((rawDone >= n ? rawLast : Date.now()) - r0) / 1000;
  const rawRate = rawDone / rawSeconds;
  const rawLateP = percentiles(rawLate);
  const ratio = appRate / rawRate;

  const mailedNote = mailedAll ? '' : ` (cut off: ${mailed.length} of ${expected})`;
  printTable(
    `Timers: ${n} reminders due within ${windowMs / 1000} s, worker concurrency ${CONCURRENCY * 2} on the timers queue`,
    ['', 'reformflow: fired and mailed', 'raw BullMQ no-op (ceiling)', 'reformflow / ceiling'],
    [
      ['done', `${fmt(mailed.length, 0)} mailed, ${fmt(firedCount, 0)} fired${mailedNote}`, fmt(rawDone, 0), ''],
      ['per second (first due → last done)', fmt(appRate, 0), fmt(rawRate, 0), pct(ratio)],
      ['seconds (first due → last done)', fmt(appSeconds, 1), fmt(rawSeconds, 1), ''],
      ['lateness p50: timer fired', ms(fireLate.p50), ms(rawLateP.p50), ''],
      ['lateness p99: timer fired', ms(fireLate.p99), ms(rawLateP.p99), ''],
      ['lateness p50: SMTP 250', ms(mailLate.p50), '', ''],
      ['lateness p99: SMTP 250', ms(mailLate.p99), '', ''],
      ['lateness max: SMTP 250', ms(mailLate.max), ms(rawLateP.max), ''],
      ['Redis memory per pending timer', bytes(memApp / n), bytes(memRaw / n), ''],
      ['adding the delayed jobs', `${fmt(appEnqueueS, 1)} s`, `${fmt(rawEnqueueS, 1)} s`, ''],
    ],
  );
  printTable(
    'Deliveries by state',
    ['state', 'rows'],
    deliveries.map((d) => [d.state, d.n]),
  );
  printTable(
    "Where the time went: the worker's jobs (a sample of up to 3,000 completed per queue)",
    ['job', 'done', 'waited p50', 'waited p99', 'ran p50', 'ran p99'],
    stages.map((st) => [st.job, fmt(st.n, 0), ms(st.waited.p50), ms(st.waited.p99), ms(st.ran.p50), ms(st.ran.p99)]),
  );
  printCpu('CPU while reformflow fired and mailed', appCpu);
  printCpu('CPU while raw BullMQ ran no-op jobs', rawCpu);
  if (smtp.duplicates().length) say(`WARNING: ${smtp.duplicates().length} mails were accepted twice`);
  const targets = [
    { what: 'timer processing vs raw BullMQ', target: '≥ 50 %', measured: pct(ratio), met: ratio >= 0.5 },
    { what: 'lateness p99 (SMTP 250 vs due)', target: '≤ 1 s', measured: ms(mailLate.p99), met: mailLate.p99 <= 1_000 },
  ];
  printTargets(targets);

  writeResults('timers', {
    quick: flags.quick,
    settings: { timers: n, windowSeconds: windowMs / 1000, drainSeconds: drainMs / 1000, concurrency: CONCURRENCY * 2 },
    reformflow: {
      mailed: mailed.length,
      fired: firedCount,
      complete: mailedAll,
      perSecond: appRate,
      seconds: appSeconds,
      firedLatenessMs: fireLate,
      mailLatenessMs: mailLate,
      redisBytesPerPendingTimer: memApp / n,
      enqueueSeconds: appEnqueueS,
      jobStages: stages,
      deliveries: Object.fromEntries(deliveries.map((d) => [d.state, Number(d.n)])),
      duplicates: smtp.duplicates().length,
    },
    rawBullmq: {
      done: rawDone,
      perSecond: rawRate,
      seconds: rawSeconds,
      latenessMs: rawLateP,
      redisBytesPerJob: memRaw / n,
      enqueueSeconds: rawEnqueueS,
    },
    ratio,
    cpu: { reformflow: appCpu, raw: rawCpu },
    targets,
  });
});

/** Per job name, how long completed jobs waited once due (after their delay) and how long they ran. */
async function jobStages(url: string, prefix: string) {
  const out: Array<{ job: string; n: number; waited: ReturnType<typeof percentiles>; ran: ReturnType<typeof percentiles> }> = [];
  for (const name of Object.values(QueueName)) {
    const q = new Queue(name, { connection: { url }, prefix });
    const counts = await q.getJobCounts('completed');
    const jobs = await q.getJobs(['completed'], 0, 2_999);
    await q.close();
    const byName = new Map<string, { waited: number[]; ran: number[] }>();
    for (const j of jobs) {
      if (!j?.processedOn || !j.finishedOn) continue;
      const e = byName.get(j.name) ?? { waited: [], ran: [] };
      e.waited.push(j.processedOn - j.timestamp - (j.opts.delay ?? 0));
      e.ran.push(j.finishedOn - j.processedOn);
      byName.set(j.name, e);
    }
    for (const [job, e] of byName)
      out.push({
        job: `${name}/${job}`,
        n: byName.size === 1 ? counts.completed : e.ran.length,
        waited: percentiles(e.waited),
        ran: percentiles(e.ran),
      });
  }
  return out;
}
