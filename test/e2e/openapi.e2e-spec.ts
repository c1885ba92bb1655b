/**
 * The API's contract as committed is the API as it runs: the response schemas match the
 * TypeScript types they are generated from, the document the api serves is the one the web
 * app is typed from, and every operation documents its answer.
 */
import { readFileSync } from 'node:fs';
import { OPENAPI_FILE, RESPONSE_SCHEMAS_FILE, responseSchemas } from '../../apps/api/src/openapi/api-schema.js';
import { type ApiHarness, startApi } from '../support/api-harness.js';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api?.close());

const committed = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const STALE = 'stale: run "npm run api:schema" and commit what it writes';

describe('the OpenAPI document', () => {
  it('has response schemas generated from the current TypeScript answer types', () => {
    expect({ file: RESPONSE_SCHEMAS_FILE, schemas: responseSchemas() }).toEqual({
      file: RESPONSE_SCHEMAS_FILE,
      schemas: committed(RESPONSE_SCHEMAS_FILE),
    });
  }, 60_000);

  it('is, as served at /api/docs-json, exactly the document the web app is typed from', async () => {
    const served = (await api.http.get('/api/docs-json')).body;
    expect(served).toEqual(committed(OPENAPI_FILE));
    if (JSON.stringify(served) !== JSON.stringify(committed(OPENAPI_FILE))) throw new Error(STALE);
  });

  it('documents the success answer of every operation', async () => {
    const doc = (await api.http.get('/api/docs-json')).body as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
    };
    const missing = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(
          ([, op]) => !Object.entries(op.responses ?? {}).some(([status, r]) => status === '204' || (status.startsWith('2') && r.content)),
        )
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(missing).toEqual([]);
    expect(Object.keys(doc.paths).length).toBeGreaterThan(40);
  });

  // answers no problem: signing out always succeeds (204, signed in or not); /health answers its report, 503 included
  const NO_PROBLEM = new Set(['DELETE /api/v1/auth/session', 'GET /health']);
  // signed-in writes that take no Idempotency-Key: a body of passwords, a raw file
  const WITHOUT_IDEMPOTENCY_KEY = /^\/api\/v1\/(me\/password|batches\/import)$/;

  it('documents the problem+json answers of every operation, with an example of each', async () => {
    type Op = {
      security?: unknown[];
      parameters?: Array<{ in: string; name: string }>;
      responses: Record<string, { content?: Record<string, { schema?: { $ref?: string }; example?: { status?: number; code?: string } }> }>;
    };
    const doc = (await api.http.get('/api/docs-json')).body as { paths: Record<string, Record<string, Op>> };
    const wrong: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const name = `${method.toUpperCase()} ${path}`;
        const problems = Object.entries(op.responses).filter(([status]) => /^[45]/.test(status));
        if (problems.length === 0 && !NO_PROBLEM.has(name)) wrong.push(`${name}: no problem answer`);
        for (const [status, r] of problems) {
          const c = r.content?.['application/problem+json'];
          if (c?.schema?.$ref !== '#/components/schemas/Problem') wrong.push(`${name} ${status}: not a Problem`);
          if (c?.example?.status !== Number(status) || !c.example.code)
            wrong.push(`${name} ${status}: no example with its status and code`);
        }
        const has = (s: string) => s in op.responses;
        if (op.security?.length && !(has('401') && has('403'))) wrong.push(`${name}: signed-in operation without 401/403`);
        if (op.parameters?.some((p) => p.in === 'path') && !has('404')) wrong.push(`${name}: no 404`);
        if (method !== 'get' && op.parameters?.some((p) => p.name === 'If-Match') && !(has('409') && has('428')))
          wrong.push(`${name}: a versioned write without 409/428`);
        const takesKey = op.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key');
        if (method !== 'get' && op.security?.length && !WITHOUT_IDEMPOTENCY_KEY.test(path) && !takesKey)
          wrong.push(`${name}: a signed-in write without the Idempotency-Key header`);
        if (takesKey && !(has('400') && has('409') && has('422'))) wrong.push(`${name}: takes an Idempotency-Key without 400/409/422`);
      }
    expect(wrong).toEqual([]);
    // the API's answer to a request it cannot read is the documented shape
    const bad = await api.http.post('/api/v1/auth/login').send({ email: 'not an address' });
    expect({ status: bad.status, type: bad.headers['content-type'], code: bad.body.code }).toEqual({
      status: 400,
      type: expect.stringMatching(/problem\+json/),
      code: 'validation.failed',
    });
  });
});
