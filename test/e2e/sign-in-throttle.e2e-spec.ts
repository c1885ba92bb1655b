/**
 * Sign-in is throttled per account and per client address, with the counts in Redis: two
 * api processes on one Redis refuse the attempt past the limit together, with 429 and
 * Retry-After, whichever of the two sign-in routes is used.
 */
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';
import { ADMIN_PASSWORD, testConfig } from '../support/config.js';
import { type TestRedis, startRedis } from '../support/redis-server.js';

let redis: TestRedis;
let api: ApiHarness;
let second: INestApplication;
const ADMIN = 'admin@reformflow.local';

beforeAll(async () => {
  redis = await startRedis();
  const env = {
    REDIS_URL: redis.url,
    QUEUE_PREFIX: `rf_${randomBytes(4).toString('hex')}`,
    SIGNIN_MAX_PER_ACCOUNT: '5',
    SIGNIN_MAX_PER_ADDRESS: '8',
    SIGNIN_WINDOW: 'PT10M',
  };
  api = await startApi(env);
  ({ app: second } = await createApiApp(testConfig({ ...env, DATABASE_URL: api.db.url })));
  await second.init();
});
afterAll(async () => {
  await second?.close();
  await api?.close();
  await redis?.close();
});

describe('sign-in throttling', () => {
  it('refuses the sixth attempt on one account across two api processes and both routes, with 429 and Retry-After', async () => {
    const a = api.http;
    const b = request(second.getHttpServer());
    const wrong = { email: ADMIN, password: 'wrong-password-000' };
    const statuses = [
      (await a.post('/api/v1/auth/login').send(wrong)).status,
      (await b.post('/api/v1/auth/session').send(wrong)).status,
      (await a.post('/api/v1/auth/session').send(wrong)).status,
      (await b.post('/api/v1/auth/login').send(wrong)).status,
      (await a.post('/api/v1/auth/login').send({ ...wrong, email: ADMIN.toUpperCase() })).status,
    ];
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const refused = await b.post('/api/v1/auth/login').send(wrong);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.body.code).toBe('auth.too_many_attempts');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    // the right password is refused too while the account is blocked: guessing gains nothing
    const right = await a.post('/api/v1/auth/session').send({ email: ADMIN, password: ADMIN_PASSWORD });
    expect(right.status).toBe(429);
    expect(right.headers['set-cookie']).toBeUndefined();
  });

  it('counts per client address too: past its limit, every account from that address waits', async () => {
    // 7 attempts so far from 127.0.0.1, refused ones included (the limit is 8): one more on another account is answered
    expect((await api.http.post('/api/v1/auth/login').send({ email: 'a@reformflow.test', password: 'whatever-000000' })).status).toBe(401);
    const refused = await api.http.post('/api/v1/auth/login').send({ email: 'b@reformflow.test', password: 'whatever-000000' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
