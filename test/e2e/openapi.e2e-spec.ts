/**
 * The API's contract as committed is the API as it runs: the response schemas match the
 * TypeScript types they are generated from, the document the api serves is the one the web
 * app is typed from, and every operation documents its answer.
 */
import { readFileSync } from 'node:fs';
import { OPENAPI_FILE, RESPONSE_SCHEMAS_FILE, responseSchemas } from '../../apps/cli/src/api-schema.js';
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
});
