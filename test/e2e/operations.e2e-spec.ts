/**
 * What operators see: Prometheus metrics at /metrics (api and worker) with queue depths
 * read from Redis, and Bull Board at /ops/queues for admins only, by bearer token or
 * by HTTP Basic with an admin's email and password. Bull Board is Express mounted beside
 * Nest, out of reach of the global JWT guard: every way into it is tried without
 * credentials. The queues live under a prefix of this run's own, obliterated at the end.
 */
import { randomBytes } from 'node:crypto';
import { type AddressInfo, type Socket, createServer } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { ConfigModule } from '#config';
import { QueueName, Queues } from '#queues';
import { WorkerMetricsModule } from '../../apps/worker/src/metrics/worker-metrics.module.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';
import { type ApiWorld, buildWorld } from '../support/api-world.js';
import { ADMIN_PASSWORD, PASSWORD, testConfig } from '../support/config.js';

const PREFIX = `rf_ops_${randomBytes(4).toString('hex')}`;
const PROMETHEUS_TEXT = /^text\/plain; version=0\.0\.4; charset=utf-8$/;

let api: ApiHarness;
let world: ApiWorld;

beforeAll(async () => {
  api = await startApi({ QUEUE_PREFIX: PREFIX });
  world = await buildWorld(api);
});
afterAll(async () => {
  if (!api) return;
  for (const queue of api.app.get(Queues).all.values()) await queue.obliterate({ force: true });
  await api.close();
});

const basic = (email: string, password: string) => `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
const bearer = (token: string) => `Bearer ${token}`;

/** The value of one sample in a Prometheus text exposition, or undefined when it is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function scrape(http: ReturnType<typeof request> = api.http): Promise<string> {
  const res = await http.get('/metrics');
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status: 200, type: expect.stringMatching(PROMETHEUS_TEXT) });
  return res.text;
}

describe('GET /metrics on the api', () => {
  it('answers without a token, in Prometheus text format, with every queue and state, Redis up, mail and timer metrics', async () => {
    const text = await scrape();
    for (const queue of Object.values(QueueName)) {
      for (const state of ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed']) {
        expect(sample(text, `reformflow_queue_jobs{queue="${queue}",state="${state}"}`)).toBe(0);
      }
      expect(sample(text, `reformflow_queue_paused{queue="${queue}"}`)).toBe(0);
    }
    expect(sample(text, 'reformflow_redis_up')).toBe(1);
    expect(text).toContain('# TYPE reformflow_mails_sent_total counter');
    expect(text).toContain('# TYPE reformflow_mails_failed_total counter');
    expect(sample(text, 'reformflow_timer_lateness_seconds_bucket{le="+Inf",kind="reminder"}')).toBe(0);
    expect(sample(text, 'reformflow_timer_lateness_seconds_bucket{le="60",kind="escalation"}')).toBe(0);
    expect(text).toContain('reformflow_process_cpu_user_seconds_total');
  });

  it('counts jobs in Redis at scrape time: a delayed timer job shows as delayed, and is gone once removed', async () => {
    const timers = api.app.get(Queues).get(QueueName.Timers);
    const series = 'reformflow_queue_jobs{queue="timers",state="delayed"}';
    expect(sample(await scrape(), series)).toBe(0);
    await timers.add('timer-fire', { timerId: 'x' }, { delay: 60_000, jobId: 't.test.v1.e1' });
    await timers.add('timer-fire', { timerId: 'y' }, { delay: 60_000, jobId: 't.test.v1.e2' });
    expect(sample(await scrape(), series)).toBe(2);
    await timers.remove('t.test.v1.e1');
    await timers.remove('t.test.v1.e2');
    expect(sample(await scrape(), series)).toBe(0);
  });

  it('is left out of the OpenAPI document', async () => {
    const res = await api.http.get('/api/docs-json');
    expect(Object.keys(res.body.paths)).not.toContain('/metrics');
  });
});

describe('Bull Board at /ops/queues', () => {
  const anonymousPaths = [
    '/ops/queues',
    '/ops/queues/',
    '/ops/queues/queue/timers',
    '/ops/queues/api/queues',
    '/ops/queues/api/redis/stats',
    '/ops/queues/static/images/logo.svg',
    '/OPS/Queues/api/queues',
  ];

  it.each(anonymousPaths)('refuses %s without credentials: 401 problem+json asking for Basic or Bearer', async (path) => {
    const res = await api.http.get(path);
    expect({ status: res.status, type: res.headers['content-type'], code: JSON.parse(res.text).code }).toEqual({
      status: 401,
      type: expect.stringMatching(/^application\/problem\+json/),
      code: 'auth.unauthorized',
    });
    const challenge = String(res.headers['www-authenticate']);
    expect(challenge).toContain('Basic realm="Reformflow queues"');
    expect(challenge).toContain('Bearer');
  });

  it('refuses writes without credentials, and leaves the job in place', async () => {
    const timers = api.app.get(Queues).get(QueueName.Timers);
    await timers.add('timer-fire', { timerId: 'z' }, { delay: 60_000, jobId: 't.test.v1.w1' });
    try {
      for (const [method, path] of [
        ['put', '/ops/queues/api/queues/timers/t.test.v1.w1/promote'],
        ['put', '/ops/queues/api/queues/timers/t.test.v1.w1/clean'],
        ['put', '/ops/queues/api/queues/pause'],
      ] as const) {
        const res = await api.http[method](path).set('Content-Type', 'application/json').send('{}');
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 401 });
      }
      expect(await timers.getJobState('t.test.v1.w1')).toBe('delayed');
      expect(await timers.isPaused()).toBe(false);
    } finally {
      await timers.remove('t.test.v1.w1');
    }
  });

  it("refuses a manager's bearer token with 403", async () => {
    for (const path of ['/ops/queues', '/ops/queues/api/queues']) {
      const res = await api.http.get(path).set('Authorization', bearer(world.token('sticManager')));
      expect({ path, status: res.status, code: JSON.parse(res.text).code }).toEqual({ path, status: 403, code: 'auth.role_required' });
    }
  });

  it('refuses a forged or malformed bearer token with 401', async () => {
    const [header, payload] = world.admin.split('.');
    for (const token of [`${header}.${payload}.forged-signature`, 'not-a-jwt']) {
      const res = await api.http.get('/ops/queues/api/queues').set('Authorization', bearer(token));
      expect(res.status).toBe(401);
    }
  });

  it("serves the board to an admin's bearer token: the page, and the API with every queue", async () => {
    const page = await api.http.get('/ops/queues').set('Authorization', bearer(world.admin));
    expect({ status: page.status, type: page.headers['content-type'] }).toEqual({
      status: 200,
      type: expect.stringMatching(/^text\/html/),
    });
    expect(page.text).toContain('Reformflow queues');
    expect(page.headers['x-powered-by']).toBeUndefined();

    const queues = await api.http.get('/ops/queues/api/queues').set('Authorization', bearer(world.admin));
    expect(queues.status).toBe(200);
    const names = (queues.body.queues as Array<{ name: string }>).map((q) => q.name).sort();
    expect(names).toEqual(Object.values(QueueName).sort());
  });

  it("serves the board to an admin's email and password over HTTP Basic, page and API", async () => {
    const auth = basic('admin@reformflow.local', ADMIN_PASSWORD);
    const page = await api.http.get('/ops/queues').set('Authorization', auth);
    expect({ status: page.status, type: page.headers['content-type'] }).toEqual({
      status: 200,
      type: expect.stringMatching(/^text\/html/),
    });
    // the board's parallel requests with the same header, answered from the verified-header cache
    const many = await Promise.all(Array.from({ length: 8 }, () => api.http.get('/ops/queues/api/queues').set('Authorization', auth)));
    expect(many.map((r) => r.status)).toEqual(Array(8).fill(200));
  });

  it('refuses a wrong password or an unknown email over Basic with 401, and a non-admin with 403', async () => {
    const wrong = await api.http.get('/ops/queues').set('Authorization', basic('admin@reformflow.local', 'not-the-password'));
    expect(wrong.status).toBe(401);
    expect(String(wrong.headers['www-authenticate'])).toContain('Basic realm="Reformflow queues"');
    const unknown = await api.http.get('/ops/queues').set('Authorization', basic('nobody@reformflow.test', ADMIN_PASSWORD));
    expect(unknown.status).toBe(401);
    const garbage = await api.http.get('/ops/queues').set('Authorization', 'Basic !!!');
    expect(garbage.status).toBe(401);
    const manager = await api.http.get('/ops/queues').set('Authorization', basic('sticmanager@reformflow.test', PASSWORD));
    expect(manager.status).toBe(403);
  });

  it('stops accepting a remembered Basic header at once when the admin is disabled, loses the role or changes password', async () => {
    const adminAuth = { Authorization: bearer(world.admin) };
    const email = `ops-admin-${randomBytes(3).toString('hex')}@reformflow.test`;
    const created = await api.http
      .post('/api/v1/users')
      .set(adminAuth)
      .send({ email, displayName: 'Ops admin', password: PASSWORD, roles: ['admin'], unitId: world.units.office });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const auth = basic(email, PASSWORD);
    const status = async () => (await api.http.get('/ops/queues/api/queues').set('Authorization', auth)).status;

    expect(await status()).toBe(200);
    expect(
      (
        await api.http
          .patch(`/api/v1/users/${id}`)
          .set(adminAuth)
          .send({ roles: ['reform_office'] })
      ).status,
    ).toBe(200);
    expect(await status()).toBe(403);
    expect(
      (
        await api.http
          .patch(`/api/v1/users/${id}`)
          .set(adminAuth)
          .send({ roles: ['admin'] })
      ).status,
    ).toBe(200);
    expect(await status()).toBe(200);
    expect((await api.http.patch(`/api/v1/users/${id}`).set(adminAuth).send({ active: false })).status).toBe(200);
    expect(await status()).toBe(401);
    expect((await api.http.patch(`/api/v1/users/${id}`).set(adminAuth).send({ active: true })).status).toBe(200);
    expect(await status()).toBe(200);
    expect(
      (
        await api.http
          .patch(`/api/v1/users/${id}`)
          .set(adminAuth)
          .send({ password: `${PASSWORD}-changed` })
      ).status,
    ).toBe(200);
    expect(await status()).toBe(401);
    expect((await api.http.get('/ops/queues').set('Authorization', basic(email, `${PASSWORD}-changed`))).status).toBe(200);
  });

  it('lets an admin act on a job: promote a delayed timer job', async () => {
    const timers = api.app.get(Queues).get(QueueName.Timers);
    await timers.add('timer-fire', { timerId: 'p' }, { delay: 60_000, jobId: 't.test.v1.p1' });
    try {
      const res = await api.http.put('/ops/queues/api/queues/timers/t.test.v1.p1/promote').set('Authorization', bearer(world.admin));
      expect(res.status).toBe(204);
      expect(await timers.getJobState('t.test.v1.p1')).toBe('waiting');
    } finally {
      await timers.remove('t.test.v1.p1');
    }
  });
});

describe('GET /metrics on the worker', () => {
  async function startWorkerMetrics(env: Record<string, string>): Promise<INestApplication> {
    const module = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(testConfig({ QUEUE_PREFIX: PREFIX, ...env })), WorkerMetricsModule],
    }).compile();
    const app = module.createNestApplication({ logger: false });
    await app.init();
    return app;
  }

  it('serves the same registry: queue depths, Redis up, timer lateness', async () => {
    const app = await startWorkerMetrics({});
    try {
      const text = await scrape(request(app.getHttpServer()));
      expect(sample(text, 'reformflow_queue_jobs{queue="mail",state="failed"}')).toBe(0);
      expect(sample(text, 'reformflow_redis_up')).toBe(1);
      expect(sample(text, 'reformflow_timer_lateness_seconds_count{kind="reminder"}')).toBe(0);
      expect(text).toContain('# TYPE reformflow_mails_sent_total counter');
    } finally {
      await app.close();
    }
  });

  it('answers within about a second when Redis hangs: Redis down, no queue samples, the rest as usual', async () => {
    const redis = await hangingServer();
    // ioredis waits disconnectTimeout (2 s) before dropping a connection that never became ready: shorten it so jest exits at once
    const app = await startWorkerMetrics({ REDIS_URL: `redis://127.0.0.1:${redis.port}?disconnectTimeout=50` });
    try {
      for (let i = 0; i < 2; i++) {
        const started = Date.now();
        const text = await scrape(request(app.getHttpServer()));
        expect(Date.now() - started).toBeLessThan(3_000);
        expect(sample(text, 'reformflow_redis_up')).toBe(0);
        expect(text).not.toMatch(/^reformflow_queue_jobs\{/m);
        expect(text).toContain('# TYPE reformflow_queue_jobs gauge');
        expect(sample(text, 'reformflow_timer_lateness_seconds_count{kind="escalation"}')).toBe(0);
      }
    } finally {
      await app.close();
      await redis.close();
    }
  });
});

/** A TCP server that accepts connections and never answers: a Redis that hangs. */
async function hangingServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('end', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
