/**
 * CORS from configuration (same-origin unless CORS_ORIGINS names others) and the HTTP request
 * metrics on /metrics, labelled by route pattern and status.
 */
import { type ApiHarness, startApi } from '../support/api-harness.js';
import { type ApiWorld, buildWorld } from '../support/api-world.js';

const PORTAL = 'https://portal.reform.example.gov.cn';
const OTHER = 'https://elsewhere.example.com';

const preflight = (api: ApiHarness, origin: string) =>
  api.http.options('/api/v1/matters').set({
    Origin: origin,
    'Access-Control-Request-Method': 'POST',
    'Access-Control-Request-Headers': 'authorization, content-type, if-match',
  });

describe('CORS', () => {
  let api: ApiHarness;
  afterEach(() => api?.close());

  it('allows no other origin by default: a preflight gets no Access-Control-Allow-* header', async () => {
    api = await startApi();
    const res = await preflight(api, PORTAL);
    expect(res.status).toBe(204);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const get = await api.http.get('/health').set('Origin', PORTAL);
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows a configured origin, with credentials, and still no other', async () => {
    api = await startApi({ CORS_ORIGINS: `${PORTAL}/, https://second.example.gov.cn` });
    const res = await preflight(api, PORTAL);
    expect(res.status).toBe(204);
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': PORTAL,
      'access-control-allow-credentials': 'true',
      vary: expect.stringContaining('Origin'),
    });
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toMatch(/If-Match/);
    const get = await api.http.get('/health').set('Origin', PORTAL);
    expect(get.headers['access-control-allow-origin']).toBe(PORTAL);
    expect(get.headers['access-control-expose-headers']).toMatch(/ETag/);
    const other = await preflight(api, OTHER);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(other.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('refuses a CORS_ORIGINS entry that is not an origin, naming it', async () => {
    await expect(startApi({ CORS_ORIGINS: 'https://portal.example/path' })).rejects.toThrow(/CORS_ORIGINS/);
  });
});

describe('HTTP request metrics', () => {
  let api: ApiHarness;
  let world: ApiWorld;
  beforeAll(async () => {
    api = await startApi();
    world = await buildWorld(api);
  });
  afterAll(() => api?.close());

  it('counts answers by method, route pattern and status, never by raw path', async () => {
    const auth = { Authorization: `Bearer ${world.token('office')}` };
    const m = await world.draft();
    expect((await api.http.get(`/api/v1/matters/${m.id}`).set(auth)).status).toBe(200);
    const unknown = '5b7c1c64-2a4e-4c55-9a3b-0d9f6a1e2b3c';
    expect((await api.http.get(`/api/v1/matters/${unknown}`).set(auth)).status).toBe(404);
    const text = (await api.http.get('/metrics')).text;
    const count = (labels: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`reformflow_http_request_duration_seconds_count{${labels}}`));
      return line ? Number(line.split(' ').pop()) : 0;
    };
    expect(count('method="GET",route="/api/v1/matters/:id",status="200"')).toBeGreaterThanOrEqual(1);
    expect(count('method="GET",route="/api/v1/matters/:id",status="404"')).toBe(1);
    expect(text).toContain('reformflow_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/v1/matters/:id"');
    expect(text).not.toContain(m.id);
    expect(text).not.toContain(unknown);
  });
});
