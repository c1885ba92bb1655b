import { type ApiHarness, startApi } from '../support/api-harness.js';
import { type TestRedis, startRedis } from '../support/redis-server.js';

describe('GET /health', () => {
  let redis: TestRedis | undefined;
  let api: ApiHarness | undefined;
  afterEach(async () => {
    await api?.close();
    await redis?.close();
  });

  it('is ready when PostgreSQL answers and Redis will not evict jobs', async () => {
    redis = await startRedis({ maxmemoryPolicy: 'noeviction' });
    api = await startApi({ REDIS_URL: redis.url });
    const res = await api.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      checks: { postgres: { status: 'up' }, redis: { status: 'up', maxmemoryPolicy: 'noeviction' } },
    });
  });

  it('is not ready when Redis may evict keys, and says why', async () => {
    redis = await startRedis({ maxmemoryPolicy: 'allkeys-lru' });
    api = await startApi({ REDIS_URL: redis.url });
    const res = await api.http.get('/health');
    expect(res.status).toBe(503);
    expect(res.body.checks.redis).toMatchObject({ status: 'misconfigured', maxmemoryPolicy: 'allkeys-lru' });
    expect(res.body.checks.redis.error).toContain('noeviction');
  });

  it('is not ready when Redis is down', async () => {
    redis = await startRedis();
    const url = redis.url;
    await redis.close();
    redis = undefined;
    api = await startApi({ REDIS_URL: url });
    const res = await api.http.get('/health');
    expect(res.status).toBe(503);
    expect(res.body.checks.redis.status).toBe('down');
  });
});
