/**
 * `npm run bench:e2e [-- --quick] [--rate=R] [--seconds=S] [--env=K=V,…] [--keep] [--profile]`
 *
 * The whole system (api, worker, PostgreSQL, a private redis-server, an SMTP server) at a
 * steady R commands per second (100), open loop: commands are sent on a fixed schedule,
 * whatever the answers. Each command is the next step of some matter's action cycle
 * (support/cycle.ts); submit, the approvals and the last milestone's completion cause mail. Measured, per
 * mail: from the api's 2xx for the command to the SMTP server's 250 for the mail, p50/p99.
 *
 * A mail's delivery key names the event that caused it (`ev.<matter>.<seq>.<user>`), and
 * a command that took a matter from version v to w wrote its events seq v+1 … w: that
 * ties every mail to its command.
 *
 * The ceiling, in the same run: the floor under that latency, a message handed by
 * nodemailer straight to the same SMTP server at the same rate (no PostgreSQL, queue,
 * relay or rendering), p50/p99.
 */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { cpuMeter, printCpu } from './support/cpu.js';
import { type CycleState, absorb, cycleSteps } from './support/cycle.js';
import { benchDatabase } from './support/postgres.js';
import { assertBuilt, startApp, systemEnv } from './support/processes.js';
import { printProfile, profileArgs } from './support/profile.js';
import { privateRedis } from './support/redis.js';
import { fmt, ms, percentiles, printTable, printTargets, writeResults } from './support/report.js';
import { envFlags, runBenchmark, say, sleep } from './support/run.js';
import { benchSmtp } from './support/smtp.js';
import { buildWorld, call } from './support/world.js';

interface Sent {
  matterId: string;
  step: string;
  /** Matter version before and after: the command wrote events seq from+1 … to. */
  from: number;
  to: number;
  okAt: number;
}

runBenchmark('e2e', async (flags) => {
  assertBuilt();
  const rate = flags.num('rate', 100);
  const seconds = flags.num('seconds', flags.quick ? 15 : 60);
  say(`${rate} commands/s for ${seconds} s${flags.quick ? ' (quick)' : ''}`);

  const db = await benchDatabase('e2e', { keep: flags.keep });
  const redis = await privateRedis();
  const smtp = await benchSmtp();
  const env = systemEnv({
    databaseUrl: db.url,
    redisUrl: redis.url,
    smtpPort: smtp.port,
    extra: { LOG_LEVEL: 'warn', ...envFlags(flags) },
  });
  const api = await startApp('api', env, flags.has('profile') ? { extraArgs: profileArgs('api-e2e') } : {});
  const worker = await startApp('worker', env, flags.has('profile') ? { extraArgs: profileArgs('worker-e2e') } : {});
  const world = await buildWorld(api.url);
  await sleep(2_000);
  smtp.accepted.length = 0; // mail of the set-up (none expected) does not count

  const steps = cycleSteps(world, () => `E2E-${randomUUID()}`);
  const sent = new Map<string, Sent>(); // `${matterId}.${seq}` → the command that wrote that event
  const apiLatency: number[] = [];
  const refusals: string[] = [];
  let refused = 0;
  let errors = 0;
  let issued = 0;
  let inFlightMax = 0;
  let inFlight = 0;
  // matters ready for their next step; a matter is busy while its request is out
  const ready: Array<{ state: CycleState; next: number }> = [];

  const issue = async (lane: { state: CycleState; next: number }) => {
    const step = steps[lane.next];
    const from = lane.next === 0 ? 0 : lane.state.version!;
    const started = Date.now();
    inFlight += 1;
    inFlightMax = Math.max(inFlightMax, inFlight);
    try {
      const res = await call(api.url, step.token(lane.state), step.method, step.path(lane.state), step.body(lane.state));
      const okAt = Date.now();
      apiLatency.push(okAt - started);
      if (res.status !== step.expect) {
        refused += 1;
        if (refusals.length < 5) refusals.push(`${step.name}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        return; // the lane is dropped; a fresh matter takes its place
      }
      absorb(lane.state, res.body);
      for (let seq = from + 1; seq <= lane.state.version!; seq++)
        sent.set(`${lane.state.matterId}.${seq}`, { matterId: lane.state.matterId!, step: step.name, from, to: lane.state.version!, okAt });
      lane.next += 1;
      if (lane.next < steps.length) ready.push(lane);
    } catch (e) {
      errors += 1;
      if (refusals.length < 5) refusals.push(`${step.name}: ${(e as Error).message}`);
    } finally {
      inFlight -= 1;
    }
  };

  say(`driving ${rate} commands/s`);
  const meter = cpuMeter({ api: api.child.pid, worker: worker.child.pid });
  const intervalMs = 1000 / rate;
  const start = Date.now();
  const total = Math.round(rate * seconds);
  const pending: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const at = start + i * intervalMs;
    const wait = at - Date.now();
    if (wait > 1) await sleep(wait);
    // the oldest ready matter goes next, or a new one starts
    const lane = ready.shift() ?? { state: {}, next: 0 };
    issued += 1;
    pending.push(issue(lane));
  }
  await Promise.all(pending);
  const driveSeconds = (Date.now() - start) / 1000;
  say(`${issued} commands in ${driveSeconds.toFixed(1)} s; waiting for their mail`);
  const drainUntil = Date.now() + 60_000;
  let lastCount = -1;
  let stableSince = Date.now();
  while (Date.now() < drainUntil) {
    await sleep(500);
    if (smtp.accepted.length !== lastCount) {
      lastCount = smtp.accepted.length;
      stableSince = Date.now();
    } else if (Date.now() - stableSince > 5_000) break;
  }
  const cpu = meter.stop();

  const e2e: number[] = [];
  const byStep = new Map<string, number[]>();
  let unmatched = 0;
  const unmatchedSamples: string[] = [];
  const causing = new Set<string>();
  for (const a of smtp.accepted) {
    const m = /^ev\.([0-9a-f-]{36})\.(\d+)\./.exec(a.key);
    const cmd = m ? sent.get(`${m[1]}.${m[2]}`) : undefined;
    if (!cmd) {
      unmatched += 1;
      if (unmatchedSamples.length < 3) unmatchedSamples.push(a.key);
      continue;
    }
    e2e.push(a.at - cmd.okAt);
    causing.add(`${cmd.matterId}.${cmd.to}`);
    const list = byStep.get(cmd.step) ?? [];
    list.push(a.at - cmd.okAt);
    byStep.set(cmd.step, list);
  }
  const e2eP = percentiles(e2e);
  const apiP = percentiles(apiLatency);

  // the floor: nodemailer straight to the same SMTP server, same rate, same number of mails
  say(`ceiling: ${e2e.length || 100} mails by nodemailer straight to the SMTP server at ${rate}/s`);
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, pool: false });
  const direct: number[] = [];
  const directStart = Date.now();
  const directN = Math.max(100, Math.min(e2e.length, rate * 20));
  const directSends: Array<Promise<void>> = [];
  for (let i = 0; i < directN; i++) {
    const wait = directStart + i * intervalMs - Date.now();
    if (wait > 1) await sleep(wait);
    const key = `direct.${i}`;
    const t = Date.now();
    directSends.push(
      transport
        .sendMail({
          from: 'bench@reformflow.test',
          to: 'someone@reformflow.test',
          subject: 'direct',
          text: 'direct',
          headers: { 'X-Reformflow-Delivery': key },
        })
        .then(() => {
          const accepted = smtp.accepted.find((a) => a.key === key);
          direct.push((accepted?.at ?? Date.now()) - t);
        }),
    );
  }
  await Promise.all(directSends);
  transport.close();
  const directP = percentiles(direct);

  if (flags.has('profile')) {
    await api.stop();
    await worker.stop();
    printProfile('api-e2e');
    printProfile('worker-e2e');
  }

  printTable(
    `End to end: ${rate} commands/s for ${seconds} s (${issued} commands, ${e2e.length} mails)`,
    ['', 'reformflow: 2xx → SMTP 250', 'nodemailer → SMTP 250 (floor)'],
    [
      ['p50', ms(e2eP.p50), ms(directP.p50)],
      ['p95', ms(e2eP.p95), ms(directP.p95)],
      ['p99', ms(e2eP.p99), ms(directP.p99)],
      ['max', ms(e2eP.max), ms(directP.max)],
      ['mails', `${fmt(e2e.length, 0)} (caused by ${fmt(causing.size, 0)} commands)`, fmt(direct.length, 0)],
    ],
  );
  printTable(
    'By command (mail it causes)',
    ['command', 'mails', 'p50', 'p99'],
    [...byStep.entries()].map(([step, v]) => {
      const p = percentiles(v);
      return [step, fmt(p.n, 0), ms(p.p50), ms(p.p99)];
    }),
  );
  printTable(
    'The commands themselves',
    ['', 'value'],
    [
      ['commands/s achieved', fmt(issued / driveSeconds, 1)],
      ['api latency p50 / p99', `${ms(apiP.p50)} / ${ms(apiP.p99)}`],
      ['refused / errors', `${refused} / ${errors}`],
      ['most in flight at once', fmt(inFlightMax, 0)],
      ['mails not tied to a command', fmt(unmatched, 0)],
      ['mails accepted twice', fmt(smtp.duplicates().length, 0)],
    ],
  );
  if (refusals.length) say(`refusals, e.g.:\n  ${refusals.join('\n  ')}`);
  if (unmatchedSamples.length) say(`mails tied to no command, e.g.: ${unmatchedSamples.join(', ')}`);
  printCpu('CPU over the run', cpu);
  const targets = [{ what: 'end-to-end p99 (2xx → 250)', target: '≤ 250 ms', measured: ms(e2eP.p99), met: e2eP.p99 <= 250 }];
  printTargets(targets);
  writeResults('e2e', {
    quick: flags.quick,
    settings: { rate, seconds, env: envFlags(flags) },
    commands: { issued, perSecond: issued / driveSeconds, refused, errors, apiLatencyMs: apiP, inFlightMax },
    mails: { commandsCausingMail: causing.size, matched: e2e.length, unmatched, duplicates: smtp.duplicates().length },
    e2eMs: e2eP,
    byStep: Object.fromEntries([...byStep.entries()].map(([k, v]) => [k, percentiles(v)])),
    floorMs: directP,
    cpu,
    targets,
  });
});
