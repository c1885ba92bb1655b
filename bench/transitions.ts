/**
 * `npm run bench:transitions [-- --quick] [--matters=N] [--clients=C] [--keep]`
 *
 * N matters, each taken through a full action cycle over HTTP by C concurrent clients
 * (autocannon): transitions per second and latency per request. In the same run and on
 * the same database, the ceiling: pgbench running the SQL the api issued for one cycle
 * (captured from the api itself, see support/pgbench.ts) with the same N and C.
 * Only the api runs (no worker): this measures commands, not what follows from them.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { captureCycle, shape } from './support/capture.js';
import { CYCLE_END_STAGE, absorb, cycleSteps, type CycleState } from './support/cycle.js';
import { cpuMeter, printCpu } from './support/cpu.js';
import { runCycles } from './support/http-cycles.js';
import { pgbenchScript, runPgbench } from './support/pgbench.js';
import { printProfile, profileArgs } from './support/profile.js';
import { benchDatabase } from './support/postgres.js';
import { assertBuilt, startApp, systemEnv } from './support/processes.js';
import { privateRedis } from './support/redis.js';
import { type Row, fmt, ms, pct, percentiles, printTable, printTargets, writeResults } from './support/report.js';
import { RESULTS_DIR, runBenchmark, say } from './support/run.js';
import { buildWorld, call } from './support/world.js';

runBenchmark('transitions', async (flags) => {
  assertBuilt();
  const clients = flags.num('clients', flags.quick ? 4 : 16);
  const matters = Math.ceil(flags.num('matters', flags.quick ? 40 : 1_000) / clients) * clients;
  say(`${matters} matters, ${clients} concurrent clients${flags.quick ? ' (quick)' : ''}`);

  const db = await benchDatabase('transitions', { keep: flags.keep });
  const redis = await privateRedis();
  const env = systemEnv({ databaseUrl: db.url, redisUrl: redis.url });
  const api = await startApp('api', env, flags.has('profile') ? { extraArgs: profileArgs('api-transitions') } : {});
  const world = await buildWorld(api.url);

  // one cycle by hand first: the workflow must still take the path the bench assumes
  {
    const state: CycleState = {};
    for (const step of cycleSteps(world, () => `CHECK-${randomUUID()}`)) {
      const res = await call(api.url, step.token(state), step.method, step.path(state), step.body(state));
      if (res.status !== step.expect) throw new Error(`the cycle is broken at "${step.name}": ${res.status} ${JSON.stringify(res.body)}`);
      absorb(state, res.body);
    }
    if (state.stage !== CYCLE_END_STAGE) throw new Error(`a full cycle ended in ${state.stage}, not ${CYCLE_END_STAGE}`);
  }

  say('capturing the SQL of one cycle from an api with query logging');
  const captured = await captureCycle(env, world);
  const constants = new Set(
    (
      await db.query<{ id: string }>(
        `SELECT id::text FROM units UNION ALL SELECT id::text FROM users UNION ALL SELECT id::text FROM batches
         UNION ALL SELECT id::text FROM workflow_definitions`,
      )
    ).map((r) => r.id),
  );
  const returned = new Map<string, string>();
  for (const [k, t] of captured.entries()) {
    for (const [i, s] of t.statements.entries()) {
      if (!/^INSERT INTO deadlines\b/i.test(s.sql) || !/RETURNING id\s*$/i.test(s.sql)) continue;
      const [row] = await db.query<{ id: string }>('SELECT id FROM deadlines WHERE matter_id = $1 AND key = $2', [
        s.params[0],
        s.params[1],
      ]);
      if (!row) throw new Error(`capture: no deadline ${String(s.params[1])} was stored`);
      returned.set(`${k}.${i}`, row.id);
    }
  }
  const script = pgbenchScript(captured, constants, returned);
  const scriptPath = join(RESULTS_DIR, 'transitions.pgbench.sql');
  writeFileSync(scriptPath, script.text);
  writeFileSync(
    join(RESULTS_DIR, 'transitions.captured-sql.txt'),
    captured
      .map(
        (t) =>
          `== ${t.step}\n${[...t.outside.map((s) => `(outside) ${shape(s.sql)}`), ...t.statements.map((s) => shape(s.sql))].join('\n')}`,
      )
      .join('\n\n'),
  );
  say(`pgbench script: ${scriptPath} (${script.minted} ids minted per cycle, ${script.returned} taken from RETURNING)`);

  const warmup = Math.max(clients, Math.round(matters / 10));
  say(`warming the api up with ${warmup} cycles`);
  await runCycles(api.url, world, { clients, cycles: warmup });

  say(`api: ${matters} cycles with ${clients} clients`);
  let meter = cpuMeter({ api: api.child.pid });
  const http = await runCycles(api.url, world, { clients, cycles: matters });
  const httpCpu = meter.stop();
  if (http.refused || http.errors) say(`api: ${http.refused} refused, ${http.errors} errors; e.g.\n  ${http.samples.join('\n  ')}`);

  const steps = captured.length;
  say(`pgbench: the same ${matters} cycles with ${clients} clients`);
  meter = cpuMeter({});
  const pgb = await runPgbench({
    url: db.url,
    scriptPath,
    clients,
    threads: Math.min(clients, 2),
    transactionsPerClient: (matters / clients) * steps,
    steps,
  });
  const pgCpu = meter.stop();
  if (pgb.failed) throw new Error(`pgbench: ${pgb.failed} transactions failed:\n${pgb.output.slice(-2000)}`);

  const [{ n: finished }] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM matters WHERE stage = $1`, [CYCLE_END_STAGE]);
  const httpTps = http.ok / http.seconds;
  const ratio = httpTps / pgb.tps;
  const httpLat = percentiles(http.latencies.map((l) => l.ms));
  const pgLat = percentiles(pgb.latencies.map((l) => l.ms));

  printTable(
    `Transitions: ${matters} matters × ${steps} transitions, ${clients} concurrent clients`,
    ['', 'api over HTTP', 'pgbench, same SQL (ceiling)', 'api / ceiling'],
    [
      ['transitions/s', fmt(httpTps, 0), fmt(pgb.tps, 0), pct(ratio)],
      ['latency p50', ms(httpLat.p50), ms(pgLat.p50), ''],
      ['latency p95', ms(httpLat.p95), ms(pgLat.p95), ''],
      ['latency p99', ms(httpLat.p99), ms(pgLat.p99), ''],
      ['transitions', fmt(http.ok, 0), fmt(pgb.transactions, 0), ''],
      ['refused or failed', fmt(http.refused + http.errors, 0), fmt(pgb.failed, 0), ''],
    ],
  );
  const perStep: Row[] = captured.map((t, k) => {
    const a = percentiles(http.latencies.filter((l) => l.step === k).map((l) => l.ms));
    const b = percentiles(pgb.latencies.filter((l) => l.step === k).map((l) => l.ms));
    return [t.step, `${t.outside.length} + ${t.statements.length}`, ms(a.p50), ms(a.p95), ms(b.p50), ms(b.p95)];
  });
  printTable(
    'Per transition (statements: outside + inside the transaction)',
    ['transition', 'statements', 'api p50', 'api p95', 'pgbench p50', 'pgbench p95'],
    perStep,
  );
  printCpu('CPU while the api ran the cycles', httpCpu);
  printCpu('CPU while pgbench ran the same SQL', pgCpu);
  if (flags.has('profile')) {
    await api.stop(); // the profile is written as it exits
    printProfile('api-transitions');
  }
  const targets = [{ what: 'transitions vs pgbench ceiling', target: '≥ 50 %', measured: pct(ratio), met: ratio >= 0.5 }];
  printTargets(targets);
  say(`${finished} matters reached ${CYCLE_END_STAGE} (warm-up, check and capture included)`);

  writeResults('transitions', {
    quick: flags.quick,
    settings: { matters, clients, steps, warmupCycles: warmup },
    api: {
      transitionsPerSecond: httpTps,
      seconds: http.seconds,
      ok: http.ok,
      refused: http.refused,
      errors: http.errors,
      latencyMs: httpLat,
    },
    pgbench: { transactionsPerSecond: pgb.tps, transactions: pgb.transactions, failed: pgb.failed, latencyMs: pgLat },
    ratio,
    perStep: captured.map((t, k) => ({
      step: t.step,
      statementsOutside: t.outside.length,
      statementsInside: t.statements.length,
      apiMs: percentiles(http.latencies.filter((l) => l.step === k).map((l) => l.ms)),
      pgbenchMs: percentiles(pgb.latencies.filter((l) => l.step === k).map((l) => l.ms)),
    })),
    cpu: { api: httpCpu, pgbench: pgCpu },
    targets,
  });
});
