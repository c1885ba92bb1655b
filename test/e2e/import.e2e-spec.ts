/**
 * Importing a batch from a file, over HTTP (`POST /batches/import`) and through the CLI
 * (`npm run import`): all rows or none. A file with one bad row is refused with a 422
 * naming the row, field and rule, and writes nothing; a good CSV or YAML file registers
 * the batch and drafts every matter through the same use case as POST /matters.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiHarness, startApi } from '../support/api-harness.js';
import { type ApiWorld, buildWorld } from '../support/api-world.js';
import { ADMIN_PASSWORD } from '../support/config.js';

const fixture = (name: string) => readFileSync(`test/fixtures/import/${name}`);
const PROBLEM = /^application\/problem\+json/;

let api: ApiHarness;
let world: ApiWorld;

beforeAll(async () => {
  api = await startApi();
  world = await buildWorld(api);
});
afterAll(() => api?.close());

const importFile = (who: 'office' | 'admin' | 'sticManager', body: Buffer | string, contentType: string, query = '') =>
  api.http
    .post(`/api/v1/batches/import${query}`)
    .set({ Authorization: `Bearer ${world.token(who)}`, 'Content-Type': contentType })
    .send(body);

/** Row counts of everything an import could write. */
async function written(): Promise<Record<string, number>> {
  const [counts] = await api.sql<Record<string, string>>(
    `SELECT (SELECT count(*) FROM batches) AS batches, (SELECT count(*) FROM matters) AS matters,
            (SELECT count(*) FROM matter_targets) AS targets, (SELECT count(*) FROM audit_events) AS audit,
            (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM users) AS users`,
  );
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)]));
}

describe('POST /batches/import', () => {
  it('refuses a CSV with one bad row with a 422 naming its row, field and rule, and writes nothing', async () => {
    const before = await written();
    const res = await importFile('office', fixture('one-bad-row.csv'), 'text/csv');
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('import.rejected');
    expect(res.body.errors).toEqual([{ row: 3, field: 'riskLevel', rule: 'one_of', message: expect.stringContaining('"high"') }]);
    expect(await written()).toEqual(before);
    const [{ n }] = await api.sql<{ n: string }>("SELECT count(*) AS n FROM batches WHERE code = 'SZ-IMPORT-BAD'");
    expect(Number(n)).toBe(0);
  });

  it('reports every bad row at once: unknown units and a duplicate code, each on its own row', async () => {
    const lines = fixture('good.csv').toString('utf8').trimEnd().split('\n');
    const csv = [
      lines[0].replace('SZ-IMPORT-CSV', 'SZ-IMPORT-MANY'),
      lines[1].replace('SZ-IMPORT-CSV', 'SZ-IMPORT-MANY').replace(',SZ-STIC,inferred,', ',SZ-NOPE,inferred,'),
      lines[2].replace('SZ-STIC;SZ-JUSTICE', 'SZ-STIC;SZ-ALSO-NOPE'),
      lines[3].replace(',CSV-03,', ',CSV-02,'),
    ].join('\n');
    const before = await written();
    const res = await importFile('office', csv.replace('SZ-IMPORT-CSV', 'SZ-IMPORT-MANY'), 'text/csv; charset=utf-8');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ row: 2, field: 'leadingUnit', rule: 'unit.unknown' }),
      expect.objectContaining({ row: 3, field: 'participatingUnits', rule: 'unit.unknown' }),
      expect.objectContaining({ row: 4, field: 'code', rule: 'duplicate' }),
    ]);
    expect(await written()).toEqual(before);
  });

  it('imports a good CSV: the batch and its three draft matters, units, targets, source and legal flag as the file says', async () => {
    const res = await importFile('office', fixture('good.csv'), 'text/csv', '?fileName=good.csv');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      batchCreated: true,
      format: 'csv',
      count: 3,
      batch: { code: 'SZ-IMPORT-CSV', workflow: 'reform-pilot' },
    });
    expect(res.body.matters.map((m: { row: number; code: string }) => [m.row, m.code])).toEqual([
      [2, 'CSV-01'],
      [3, 'CSV-02'],
      [4, 'CSV-03'],
    ]);
    const rows = await api.sql<{ code: string; stage: string; leading: string; legal: boolean }>(
      `SELECT m.code, m.stage, u.code AS leading, m.requires_legal_authorization AS legal
         FROM matters m JOIN batches b ON b.id = m.batch_id JOIN units u ON u.id = m.leading_unit_id
        WHERE b.code = 'SZ-IMPORT-CSV' ORDER BY m.code`,
    );
    expect(rows).toEqual([
      { code: 'CSV-01', stage: 'draft', leading: 'SZ-STIC', legal: false },
      { code: 'CSV-02', stage: 'draft', leading: 'SZ-COMMERCE', legal: false },
      { code: 'CSV-03', stage: 'draft', leading: 'SZ-JUSTICE', legal: true },
    ]);
    const first = await world.get('office', res.body.matters[0].id);
    expect(first).toMatchObject({
      title: { zh: '新型研发机构市场化薪酬', en: 'Salary management, new-type R&D institutions' },
      leadingUnitBasis: 'inferred',
      source: {
        document: 'plan-2025.txt',
        excerpt: 'Explore market-oriented salary management systems for new-type R&D institutions',
        locator: 'item 1',
      },
      targets: [expect.objectContaining({ targetValue: 10, unit: '家', byDate: '2027-12-31', comparison: 'at_least' })],
      // 分工 from its column: the participating unit's part, due at the end of that day in Shanghai
      parts: [
        expect.objectContaining({
          unitId: world.units.commerce,
          deliverable: { zh: '制定新型研发机构人才引进配套政策' },
          dueAt: '2027-06-30T15:59:59.000Z',
          contactId: null,
        }),
      ],
    });
    const second = await world.get('office', res.body.matters[1].id);
    expect(second.participatingUnitIds).toEqual([world.units.stic, world.units.justice]);

    // the same file again: the batch exists, so nothing is written
    const before = await written();
    const again = await importFile('office', fixture('good.csv'), 'text/csv');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'batch.exists', errors: [{ field: 'batch.code', rule: 'unique' }] });
    expect(await written()).toEqual(before);
  });

  it('imports a good YAML file as an admin; the system account drafts and the audit names the admin', async () => {
    const res = await importFile('admin', fixture('good.yaml'), 'application/yaml');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ batchCreated: true, format: 'yaml', count: 2, batch: { code: 'SZ-IMPORT-YAML' } });
    const yaml01 = await world.get('office', res.body.matters[0].id);
    expect(yaml01).toMatchObject({
      code: 'YAML-01',
      stage: 'draft',
      targets: [expect.objectContaining({ targetValue: 20, comparison: 'above' })],
      source: { document: 'plan-2025.txt', locator: 'item 1' },
    });
    const [audit] = await api.sql<{ actor_id: string; payload: { matters: string[] } }>(
      "SELECT e.actor_id, e.payload FROM audit_events e JOIN batches b ON b.id = e.aggregate_id WHERE b.code = 'SZ-IMPORT-YAML' AND e.type = 'batch.imported'",
    );
    const [admin] = await api.sql<{ id: string }>("SELECT id FROM users WHERE email = 'admin@reformflow.local'");
    expect(audit).toMatchObject({ actor_id: admin.id, payload: { matters: ['YAML-01', 'YAML-02'] } });
  });

  it('refuses what is not a batch file: a wrong media type (415), a broken YAML (400), a manager (403), each writing nothing', async () => {
    const before = await written();
    const json = await importFile('office', '{"batch":{}}', 'application/json');
    expect(json.status).toBe(415);
    expect(json.body.errors[0]).toMatchObject({ field: 'Content-Type', rule: 'media_type' });
    const broken = await importFile('office', 'batch: [unclosed\n', 'application/yaml');
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({
      code: 'import.unreadable',
      errors: [expect.objectContaining({ row: expect.any(Number), rule: 'yaml_syntax' })],
    });
    const semicolons = await importFile('office', 'batch.code;code\nX;Y\n', 'text/csv');
    expect(semicolons.status).toBe(400);
    expect(semicolons.body.errors[0]).toMatchObject({ row: 1, rule: 'delimiter' });
    const manager = await importFile('sticManager', fixture('good.csv'), 'text/csv');
    expect(manager.status).toBe(403);
    expect(await written()).toEqual(before);
  });

  it('is documented in the OpenAPI document with its media types and the 422 problem', async () => {
    const res = await api.http.get('/api/docs-json');
    const op = res.body.paths['/api/v1/batches/import'].post;
    expect(Object.keys(op.requestBody.content)).toEqual(expect.arrayContaining(['text/csv', 'application/yaml']));
    expect(op.responses['422']).toBeDefined();
  });
});

describe('npm run import (the CLI)', () => {
  const run = (file: string) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['dist/apps/cli/src/import.js', file], {
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          NODE_ENV: 'test',
          DATABASE_URL: api.db.url,
          JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
          ADMIN_PASSWORD,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.once('exit', (code) => resolve({ code, out }));
    });

  it('exits 1 on a file with a bad row, naming the row, field and rule, and writes nothing', async () => {
    const before = await written();
    const { code, out } = await run('test/fixtures/import/one-bad-row.csv');
    expect(code).toBe(1);
    expect(out).toMatch(/1 problem\(s\); nothing was written/);
    expect(out).toMatch(/^\[import\]\s+3\s+riskLevel\s+one_of/m);
    expect(await written()).toEqual(before);
  });

  it('imports a good file and exits 0', async () => {
    const yaml = fixture('good.yaml').toString('utf8').replace('SZ-IMPORT-YAML', 'SZ-IMPORT-CLI');
    const file = join(mkdtempSync(join(tmpdir(), 'reformflow-import-')), 'cli.yaml');
    writeFileSync(file, yaml);
    const { code, out } = await run(file);
    expect({ code, out }).toMatchObject({ code: 0 });
    expect(out).toMatch(/registered batch SZ-IMPORT-CLI .*2 matter\(s\) drafted/);
    const [{ n }] = await api.sql<{ n: string }>(
      "SELECT count(*) AS n FROM matters m JOIN batches b ON b.id = m.batch_id WHERE b.code = 'SZ-IMPORT-CLI'",
    );
    expect(Number(n)).toBe(2);
  });
});
