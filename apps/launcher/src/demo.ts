/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access --
   the demo reads the API's JSON loosely, as the end-to-end tests do (test/** has the same rules off); each step checks the state it relies on */
/**
 * `npm run demo`: Reformflow on this machine with nothing configured, then a scenario
 * that drives real seeded matters through the `demo` workflow over the public HTTP API.
 *
 *   services   PostgreSQL: DATABASE_URL's server, else 127.0.0.1:5432, else an embedded one
 *              in .data/demo/; Redis: REDIS_URL, else 127.0.0.1:6379, else `redis-server`
 *              from PATH on a free port; mail: SMTP_HOST/SMTP_PORT when given and answering,
 *              else an SMTP server in this process that saves each message under <out>/mail/
 *   database   its own, `reformflow_demo` (DEMO_DATABASE or --database), dropped and created
 *              on every run so each run behaves the same; never the `reformflow` database
 *   ports      the api on 3000 and the worker on 3001 when free, other free ports otherwise
 *   output     <out>/mail/*.eml, <out>/demo/ (report documents, outcome.json, api and worker
 *              logs); <out> is `out`, or DEMO_OUT, or --out
 *
 * Keeps serving until Ctrl-C; `--once` stops after the scenario and exits 0 only when
 * its outcome check passed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadAppConfig } from '#config';
import { ApiClient, type Json } from './demo/client.js';
import {
  DemoSetupError,
  type Service,
  clearQueuePrefix,
  findPostgres,
  findRedis,
  freePort,
  label,
  recreateDatabase,
} from './demo/environment.js';
import { type CaughtMail, type MailCatcher, startMailCatcher } from './demo/mail-catcher.js';
import { EXPECTED_MAIL_KINDS, judge, writeOutcome } from './demo/outcome.js';
import { prepareDatabase } from './demo/prepare.js';
import { type InboxRecord, LIVE_CODES, leaveLiveWork } from './demo/live.js';
import { Cast, STORY_CODES, runScenario } from './demo/scenario.js';
import { Timeline, say } from './demo/timeline.js';

if (existsSync('.env')) process.loadEnvFile('.env');

const { values: args } = parseArgs({
  options: {
    once: { type: 'boolean', default: false },
    out: { type: 'string' },
    database: { type: 'string' },
  },
});

const outRoot = resolve(args.out ?? process.env.DEMO_OUT ?? 'out');
const demoDir = join(outRoot, 'demo');
const mailDir = join(outRoot, 'mail');
const dbName = args.database ?? process.env.DEMO_DATABASE ?? 'reformflow_demo';
const queuePrefix = process.env.DEMO_QUEUE_PREFIX ?? 'reformflow-demo';
const adminPassword = process.env.ADMIN_PASSWORD || 'reformflow-demo-admin';
mkdirSync(demoDir, { recursive: true });

const started = Date.now();
const services: Service[] = [];
const children: Array<{ name: string; child: ChildProcess; log: string }> = [];
let catcher: MailCatcher | null = null;
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => undefined);
  stopping = true;
  await Promise.all(
    children
      .filter(({ child }) => child.exitCode === null && child.signalCode === null)
      .map(
        ({ child }) =>
          new Promise<void>((done) => {
            const kill = setTimeout(() => child.kill('SIGKILL'), 35_000);
            child.once('exit', () => {
              clearTimeout(kill);
              done();
            });
            child.kill('SIGTERM');
          }),
      ),
  );
  await catcher?.close();
  for (const s of services.reverse()) await s.stop();
  process.exit(code);
}

function fail(message: string): Promise<never> {
  console.error(`[demo] ${message}`);
  return stopAll(1);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function run(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const log = join(demoDir, `${name}.log`);
  const out = createWriteStream(log);
  const child = spawn(process.execPath, ['--enable-source-maps', entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    void fail(`the ${name} stopped (${signal ?? `exit code ${code}`}); its last lines (${log}):\n${tail(log)}`);
  });
  children.push({ name, child, log });
  return child;
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

function smtpAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port, timeout: 1_500 });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(false));
  });
}

const ROLE_WORDS: Record<string, string> = {
  admin: '管理员',
  reform_office: '综改办',
  approver: '审核/审批',
  manager: '项目负责人',
  evaluator: '评估人',
};

const TASK_WORDS: Record<string, string> = {
  approval_step: '待审批',
  milestone: '里程碑',
  progress_report: '进展报告',
  stage: '阶段期限',
  urge_notice: '催办待确认',
  evaluation: '待评估',
  evaluator_needed: '待指派评估人',
  overdue_deadline: '逾期督办',
  delivery_failed: '投递失败',
};

/** The demo accounts, one line each: e-mail, name, roles, unit, and what waits in 我的待办. */
function accountTable(inboxes: InboxRecord[]): string[] {
  const width = (s: string) => [...s].reduce((n, c) => n + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));
  const rows = inboxes
    .slice()
    .sort((a, b) => a.email.localeCompare(b.email))
    .map((b) => {
      const waiting = Object.entries(b.counts)
        .map(([kind, n]) => {
          const codes = [...new Set(b.matters[kind] ?? [])];
          const shown = codes.length && codes.length <= 3 ? ` ${codes.join(',')}` : '';
          return `${TASK_WORDS[kind] ?? kind} ${n}${shown}`;
        })
        .join('；');
      return [b.email, b.displayName, b.roles.map((r) => ROLE_WORDS[r] ?? r).join('、'), b.unit, waiting || '—'];
    });
  const header = ['账号 (e-mail)', '姓名', '角色', '单位', '我的待办'];
  const widths = header.map((h, i) => Math.min(40, Math.max(width(h), ...rows.map((r) => width(r[i])))));
  return [header, ...rows].map((r) => r.map((c, i) => (i < r.length - 1 ? pad(c, widths[i]) : c)).join('  '));
}

const timeline = new Timeline();

try {
  say('Reformflow demo: finding PostgreSQL, Redis and mail');
  // DEMO_LOCAL_POSTGRES / DEMO_LOCAL_REDIS move where the demo looks first (to try the fallbacks by hand)
  const postgres = await findPostgres({
    configuredUrl: process.env.DATABASE_URL || undefined,
    localUrl: process.env.DEMO_LOCAL_POSTGRES || undefined,
    dataDir: resolve('.data/demo'),
    say,
  });
  services.push(postgres);
  await recreateDatabase(postgres.url, dbName);
  say(`PostgreSQL  ${label(postgres.url)} (${postgres.source}), database ${dbName} created fresh`);

  const redis = await findRedis({
    configuredUrl: process.env.REDIS_URL || undefined,
    localUrl: process.env.DEMO_LOCAL_REDIS || undefined,
    say,
  });
  services.push(redis);
  const cleared = await clearQueuePrefix(redis.url, queuePrefix);
  say(`Redis       ${label(redis.url)} (${redis.source}), queue prefix ${queuePrefix}${cleared ? ` (${cleared} old keys removed)` : ''}`);

  let smtp: { host: string; port: number };
  const configuredSmtp = process.env.SMTP_HOST ? { host: process.env.SMTP_HOST, port: Number(process.env.SMTP_PORT || 25) } : null;
  if (configuredSmtp && (await smtpAnswers(configuredSmtp.host, configuredSmtp.port))) {
    smtp = configuredSmtp;
    say(`mail        SMTP ${smtp.host}:${smtp.port} (configured)`);
  } else {
    if (configuredSmtp)
      say(`SMTP ${configuredSmtp.host}:${configuredSmtp.port} is configured but does not answer: catching mail in-process instead`);
    catcher = await startMailCatcher(mailDir, (m: CaughtMail) => timeline.mail(m.to, m.subject));
    smtp = { host: catcher.host, port: catcher.port };
    say(`mail        SMTP 127.0.0.1:${smtp.port} in this process, each message saved under ${mailDir}/`);
  }

  const apiPort = await freePort(3000);
  const workerPort = await freePort(3001, [apiPort]);
  const publicUrl = `http://localhost:${apiPort}`;
  Object.assign(process.env, {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: `${postgres.url}/${dbName}`,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: queuePrefix,
    SMTP_HOST: smtp.host,
    SMTP_PORT: String(smtp.port),
    ...(catcher ? { SMTP_SECURE: 'false', SMTP_USER: '', SMTP_PASSWORD: '', SMTP_POOL: 'false' } : {}),
    API_HOST: '127.0.0.1',
    API_PORT: String(apiPort),
    PUBLIC_URL: publicUrl,
    WORKER_HOST: '127.0.0.1',
    WORKER_PORT: String(workerPort),
    ADMIN_PASSWORD: adminPassword,
    RECONCILE_INTERVAL: 'PT5S',
    OUTBOX_POLL_INTERVAL: 'PT0.5S',
  });
  let config;
  try {
    config = loadAppConfig();
  } catch (e) {
    throw new DemoSetupError(e instanceof ConfigError ? e.message : String(e));
  }

  const prepared = await prepareDatabase(config, { story: Object.values(STORY_CODES), live: Object.values(LIVE_CODES) });
  say(`database    ${prepared.migrations} migrations; seed: ${prepared.seeded}; ${prepared.demoUsers} demo accounts`);

  run('api', 'dist/apps/api/src/main.js', process.env);
  run('worker', 'dist/apps/worker/src/main.js', process.env);
  const apiHealth = `http://127.0.0.1:${apiPort}/health`;
  const workerHealth = `http://127.0.0.1:${workerPort}/health`;
  const deadline = Date.now() + 60_000;
  while (!(await healthy(apiHealth)) || !(await healthy(workerHealth))) {
    if (Date.now() > deadline)
      throw new DemoSetupError(`api or worker not healthy after 60 s (${apiHealth}, ${workerHealth}); see ${demoDir}/*.log`);
    await new Promise((r) => setTimeout(r, 300));
  }
  const setupSeconds = Math.round((Date.now() - started) / 100) / 10;
  say(`api ${publicUrl} and worker :${workerPort} are up (${setupSeconds} s); the scenario starts`);
  say('─'.repeat(70));

  timeline.restart();
  const api = new ApiClient(`http://127.0.0.1:${apiPort}`);
  const admin = { email: config.bootstrap.adminEmail, password: adminPassword };
  const result = await runScenario({
    api,
    timeline,
    admin,
    passwords: prepared.passwords,
    fallbackPassword: 'reformflow-demo-2025',
    outDir: demoDir,
  });

  const scenarioSeconds = timeline.seconds();
  say('─'.repeat(70));
  say(`the stories are done; ${Object.keys(LIVE_CODES).length} more matters (workflow reform-pilot) are left open for people to work on`);
  const cast = new Cast({ api, admin, passwords: prepared.passwords, fallbackPassword: 'reformflow-demo-2025', timeline });
  await cast.load();
  const live = await leaveLiveWork({ api, timeline, cast, admin });
  // mail is sent by the worker after the commands: give the last ones a moment to arrive
  const kinds = (): Record<string, number> => {
    const count: Record<string, number> = {};
    for (const m of catcher?.mails ?? []) if (m.kind) count[m.kind] = (count[m.kind] ?? 0) + 1;
    return count;
  };
  let mailKinds: Record<string, number>;
  if (catcher) {
    const until = Date.now() + 20_000;
    while (EXPECTED_MAIL_KINDS.some((k) => !kinds()[k]) && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
    // then until no mail has arrived for a while (the open matters' approval requests, the urge notice)
    for (let seen = -1; seen !== (catcher?.mails.length ?? 0) && Date.now() < until + 10_000;) {
      seen = catcher?.mails.length ?? 0;
      await new Promise((r) => setTimeout(r, 1_500));
    }
    mailKinds = kinds();
  } else {
    mailKinds = await sentKinds(api, admin);
  }
  const outcome = judge({
    seconds: Math.round(scenarioSeconds * 10) / 10,
    setupSeconds,
    services: {
      postgres: `${label(postgres.url)}/${dbName} (${postgres.source})`,
      redis: `${label(redis.url)} (${redis.source})`,
      smtp: catcher ? `in-process 127.0.0.1:${catcher.port}` : `${smtp.host}:${smtp.port} (configured)`,
      api: publicUrl,
    },
    steps: result.steps,
    report: result.report,
    live,
    mail: {
      dir: catcher ? mailDir : null,
      count: catcher?.mails.length ?? Object.values(mailKinds).reduce((a, b) => a + b, 0),
      kinds: mailKinds,
      files: catcher ? readdirSync(mailDir).filter((f) => f.endsWith('.eml')) : [],
    },
  });
  const outcomeFile = join(demoDir, 'outcome.json');
  writeOutcome(outcomeFile, outcome);

  say('─'.repeat(70));
  const passed = outcome.steps.filter((s) => s.ok).length;
  say(
    `scenario finished in ${outcome.seconds} s (set-up ${setupSeconds} s before it): ${passed}/${outcome.steps.length} steps as expected, ${outcome.mail.count} mails`,
  );
  say(`  mail       ${catcher ? `${mailDir}/ (one .eml per message)` : `sent to ${smtp.host}:${smtp.port}`}`);
  say(`  report     ${result.report.files.length ? result.report.files.join('\n             ') : `not issued: ${result.report.problem}`}`);
  say(`  API docs   ${publicUrl}/api/docs   (as ${admin.email} / ${adminPassword})`);
  say(`  outcome    ${outcomeFile}: ${outcome.ok ? 'every check passed' : `${outcome.problems.length} problem(s)`}`);
  for (const p of outcome.problems) say(`    ✗ ${p}`);
  say('─'.repeat(70));
  say(
    `web app    ${publicUrl}/   sign in with one of these accounts, password ${prepared.passwords.values().next().value ?? 'reformflow-demo-2025'}`,
  );
  say(`           (the administrator: ${admin.email} / ${adminPassword})`);
  for (const line of accountTable(live.inboxes)) say(`  ${line}`);
  if (args.once) await stopAll(outcome.ok ? 0 : 1);
  say('Reformflow keeps running; Ctrl-C stops it.');
} catch (e) {
  await fail(e instanceof DemoSetupError ? e.message : `${(e as Error).stack ?? String(e)}`);
}

/** With a configured SMTP server nothing is caught here: the kinds come from the delivery log of the scenario's matters. */
async function sentKinds(api: ApiClient, admin: { email: string; password: string }): Promise<Record<string, number>> {
  const count: Record<string, number> = {};
  const users = (await api.get(admin, '/api/v1/users')) as Json[];
  for (const u of users) {
    const log = await api.get(admin, `/api/v1/users/${u.id}/deliveries?pageSize=200`);
    for (const d of log.items as Json[]) if (d.state === 'sent') count[d.template] = (count[d.template] ?? 0) + 1;
  }
  return count;
}
