/**
 * The api and the worker as production runs them (built code, NODE_ENV=production, child
 * processes): their logs are JSON an auditor can search and hold no secret, and SIGTERM
 * stops each cleanly with exit status 0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ADMIN_PASSWORD, PASSWORD } from '../support/config.js';
import { pollUntil } from '../support/poll.js';
import { freePort } from '../support/redis-server.js';
import { type System, type WorkerProcess, startSystem } from '../support/system.js';

// the in-process api of the system signs the test world's tokens with this one
const JWT_SECRET = 'test-secret-test-secret-test-secret-0123';
const PRODUCTION = { NODE_ENV: 'production', LOG_FORMAT: 'json', LOG_LEVEL: 'log', JWT_SECRET };

interface ApiProcess {
  child: ChildProcess;
  output: string[];
  url: string;
  exited: Promise<number | string>;
}

/** The built api (`node dist/apps/api/src/main.js`) on a free port, on the system's database and Redis. */
async function spawnApi(sys: System, extraEnv: Record<string, string> = {}, cwd = process.cwd()): Promise<ApiProcess> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, [resolve('dist/apps/api/src/main.js')], {
    cwd,
    env: {
      ...process.env,
      ...sys.env,
      ...PRODUCTION,
      ADMIN_PASSWORD,
      API_PORT: String(port),
      API_HOST: '127.0.0.1',
      NODE_OPTIONS: '',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  spawned.push({ child, exited });
  await pollUntil(
    () => output.join(''),
    (o) => o.includes('api listening') || child.exitCode !== null,
    { timeoutMs: 30_000, what: 'the api to start' },
  );
  if (child.exitCode !== null) throw new Error(`api exited at start:\n${output.join('')}`);
  return { child, output, url: `http://127.0.0.1:${port}`, exited };
}

const spawned: Array<{ child: ChildProcess; exited: Promise<unknown> }> = [];
let sys: System;
afterEach(async () => {
  for (const p of spawned.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await p.exited;
  }
  await sys?.close();
});

/** Each output line parsed; a line that is not JSON fails the test. */
function jsonLines(output: string[]): Array<Record<string, any>> {
  return output
    .join('')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      try {
        return JSON.parse(l) as Record<string, any>;
      } catch {
        throw new Error(`a log line is not JSON: ${l}`);
      }
    });
}

describe('api and worker in production', () => {
  it('log JSON with request ids, actors, matters and jobs, every refused sign-in and 403, and no password, token, cookie or mail body', async () => {
    sys = await startSystem();
    const worker: WorkerProcess = await sys.spawnWorker(PRODUCTION);
    const api = await spawnApi(sys);
    const office = sys.world.users.office;
    const officeEmail = 'office@reformflow.test';
    const call = (path: string, init: RequestInit = {}) => fetch(`${api.url}${path}`, init);
    const json = (body: unknown, headers: Record<string, string> = {}) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

    // a refused sign-in, then a good one (bearer) and a browser session (cookies)
    const wrong = await call('/api/v1/auth/login', json({ email: officeEmail, password: 'wrong-password-for-tests' }));
    expect(wrong.status).toBe(401);
    const login = await call('/api/v1/auth/login', json({ email: officeEmail, password: PASSWORD }));
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const session = await call('/api/v1/auth/session', json({ email: officeEmail, password: PASSWORD }));
    expect(session.status).toBe(200);
    const cookies = session.headers.getSetCookie().map((c) => c.split(';')[0].split('=')[1]);
    expect(cookies.length).toBeGreaterThanOrEqual(2);

    // a 403: a manager may not register a batch
    const denied = await call(
      '/api/v1/batches',
      json(
        { code: 'SZ-NOPE', title: { zh: '不行' }, issuingAuthority: 'x' },
        { authorization: `Bearer ${sys.world.token('justiceManager')}` },
      ),
    );
    expect(denied.status).toBe(403);

    // a matter drafted and submitted through the spawned api, with a request id of the client's
    const m = await sys.world.draft({ milestones: [] });
    const submit = await call(
      `/api/v1/matters/${m.id}/submit`,
      json({}, { authorization: `Bearer ${accessToken}`, 'if-match': `"${m.version}"`, 'x-request-id': 'client-trace-42' }),
    );
    expect(submit.status).toBe(200);
    expect(submit.headers.get('x-request-id')).toBe('client-trace-42');
    const made = await call('/health');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const [mail] = await pollUntil(
      () => sys.smtp.messages.filter((x) => x.deliveryKey?.startsWith(`ev.${m.id}.`)),
      (x) => x.length >= 1,
      { timeoutMs: 20_000, what: 'the approval request mail' },
    );
    await pollUntil(
      () => worker.output.join(''),
      (o) => o.includes('sent delivery'),
      { timeoutMs: 10_000, what: 'the worker to log the delivery' },
    );

    const apiLines = jsonLines(api.output);
    const workerLines = jsonLines(worker.output);
    expect(apiLines.every((l) => l.service === 'api' && typeof l.time === 'string' && typeof l.level === 'string')).toBe(true);
    expect(workerLines.every((l) => l.service === 'worker')).toBe(true);

    // the client's request id on the request line, with the actor and the matter and the route pattern
    expect(apiLines).toContainEqual(
      expect.objectContaining({
        requestId: 'client-trace-42',
        actorId: office.id,
        matterId: m.id,
        route: '/api/v1/matters/:id/submit',
        res: { status: 200 },
      }),
    );
    // the refused sign-in and the 403, each with who and what
    expect(apiLines).toContainEqual(
      expect.objectContaining({
        event: 'sign_in.refused',
        account: officeEmail,
        code: expect.stringMatching(/^auth\./),
        status: 401,
        level: 'warn',
      }),
    );
    expect(apiLines).toContainEqual(
      expect.objectContaining({
        event: 'access.denied',
        actorId: sys.world.users.justiceManager.id,
        route: '/api/v1/batches',
        method: 'POST',
        code: 'auth.role_required',
      }),
    );
    // the worker's line about the mail names its job and the delivery
    const [delivery] = await sys.api.sql<{ id: string }>('SELECT id FROM deliveries WHERE matter_id = $1', [m.id]);
    expect(workerLines).toContainEqual(
      expect.objectContaining({
        queue: 'mail',
        job: 'send-mail',
        jobId: expect.any(String),
        deliveryId: delivery.id,
        msg: expect.stringContaining('sent delivery'),
      }),
    );

    // nothing secret, in either process's output
    const all = [...api.output, ...worker.output].join('');
    const bodyFragments = mail.text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length >= 12);
    expect(bodyFragments.length).toBeGreaterThan(0);
    for (const secret of [PASSWORD, ADMIN_PASSWORD, 'wrong-password-for-tests', JWT_SECRET, accessToken, ...cookies, ...bodyFragments]) {
      expect({ secret, found: all.includes(secret) }).toEqual({ secret, found: false });
    }
    expect(all).not.toContain(String.fromCharCode(27)); // no colour codes (ESC)
  });

  it('stops the api and the worker on SIGTERM with exit status 0, the api answering the request in flight first', async () => {
    sys = await startSystem();
    const worker = await sys.spawnWorker(PRODUCTION);
    const api = await spawnApi(sys);
    // a request in flight while the signal arrives: an import of a large file, sent slowly
    const inFlight = fetch(`${api.url}/health`).then((r) => r.status);
    expect(await inFlight).toBeGreaterThan(0);
    const slow = new Promise<number>((resolve, reject) => {
      const body = 'batch.code,code\n';
      import('node:http')
        .then(({ request }) => {
          const req = request(
            `${api.url}/api/v1/batches/import`,
            {
              method: 'POST',
              headers: {
                authorization: `Bearer ${sys.world.token('office')}`,
                'content-type': 'text/csv',
                'content-length': String(body.length * 2),
              },
            },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          req.write(body);
          // the rest of the body follows after the signal
          setTimeout(() => req.end(body), 1_000);
        })
        .catch(reject);
    });
    await new Promise((r) => setTimeout(r, 300));
    api.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    expect([400, 422]).toContain(await slow); // answered (not a reset connection): that file is not a batch
    expect(await api.exited).toBe(0);
    expect(await worker.exited).toBe(0);
    expect(worker.output.join('')).toContain('SIGTERM: finishing the jobs in flight');
  });
});

describe('the first admin without ADMIN_PASSWORD (development only)', () => {
  it('gets a made-up password kept in a file only its owner can read, never in the log, which names the file', async () => {
    sys = await startSystem();
    // a database with no active admin, as on a first start; the test world's own admin steps aside
    await sys.api.sql(`UPDATE users SET active = false WHERE 'admin' = ANY(roles)`);
    const cwd = mkdtempSync(join(tmpdir(), 'rf-first-admin-'));
    try {
      const api = await spawnApi(
        sys,
        {
          NODE_ENV: 'development',
          LOG_FORMAT: 'json',
          ADMIN_PASSWORD: '',
          ADMIN_EMAIL: 'first.admin@reformflow.test',
          WORKFLOWS_DIR: resolve(sys.env.WORKFLOWS_DIR),
          CALENDARS_DIR: resolve('config/calendars'),
          REPORT_SCHEDULES_FILE: resolve('config/report-schedules.yaml'),
          WEB_DIST_DIR: resolve('dist/web'),
        },
        cwd,
      );
      const file = join(cwd, '.data', 'first-admin-password');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const [email, password] = readFileSync(file, 'utf8').split('\n');
      expect(email).toBe('first.admin@reformflow.test');
      expect(password.length).toBeGreaterThanOrEqual(12);

      const signIn = await fetch(`${api.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      expect(signIn.status).toBe(200);

      const lines = jsonLines(api.output);
      expect(lines.some((l) => l.level === 'warn' && String(l.msg).includes(file))).toBe(true);
      expect(api.output.join('')).not.toContain(password);
      api.child.kill('SIGTERM');
      expect(await api.exited).toBe(0);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
