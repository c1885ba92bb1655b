/**
 * Input a careful API refuses with a clear answer, found when Reformflow was tried as an
 * attacker would: bytes that are not UTF-8, numbers written as hex or decimals, ids that
 * name nobody, a write without a version.
 */
import { readFileSync } from 'node:fs';
import type { ApiHarness } from '../support/api-harness.js';
import { startApi } from '../support/api-harness.js';
import { type ApiWorld, buildWorld } from '../support/api-world.js';

let api: ApiHarness;
let world: ApiWorld;
beforeAll(async () => {
  api = await startApi();
  world = await buildWorld(api);
});
afterAll(() => api?.close());

const auth = () => ({ Authorization: `Bearer ${world.token('office')}` });

describe('strict input', () => {
  it('refuses a JSON body that is not valid UTF-8 with 400 body.invalid_utf8 and writes nothing', async () => {
    const before = await api.footprint();
    const json = Buffer.from(JSON.stringify({ batchId: world.batchId, code: 'UTF-1', title: { zh: 'XXXX' } }), 'utf8');
    const at = json.indexOf('XXXX');
    Buffer.from([0xff, 0xfe, 0xc3, 0x28]).copy(json, at);
    const res = await api.http
      .post('/api/v1/matters')
      .set(auth())
      .set('Content-Type', 'application/json')
      .serialize((b: Buffer) => b as never)
      .send(json);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body).toMatchObject({ code: 'body.invalid_utf8', errors: [{ field: 'body', rule: 'utf8' }] });
    expect(await api.footprint()).toEqual(before);
  });

  it.each(['0x1', '1.0', '%201', '01', '1e0'])(
    'answers GET /replication-reports/%s with 400 naming the number, not report 1',
    async (raw) => {
      const res = await api.http.get(`/api/v1/replication-reports/${raw}`).set(auth());
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'number', rule: 'report_number' })]);
    },
  );

  it("answers a user's mail log with 404 when the id names no user", async () => {
    const admin = { Authorization: `Bearer ${world.admin}` };
    const res = await api.http.get('/api/v1/users/5b7c1c64-2a4e-4c55-9a3b-0d9f6a1e2b3c/deliveries').set(admin);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('user.unknown');
    expect((await api.http.get(`/api/v1/users/${world.users.sticManager.id}/deliveries`).set(admin)).status).toBe(200);
  });

  it('names the current version in the 428 of a write that sent none', async () => {
    let m = await world.draft();
    m = (await world.act('office', m, 'milestones', { title: { zh: '第二个里程碑' }, dueIn: 'P30D' })).body;
    const res = await api.http.post(`/api/v1/matters/${m.id}/submit`).set(auth()).send({});
    expect(res.status).toBe(428);
    expect(res.body.currentVersion).toBe(m.version);
    expect(res.body.detail).toContain(`If-Match: "${m.version}"`);
    // and a matter the caller may not see answers 403 first, without telling its version
    const hidden = await api.http
      .post(`/api/v1/matters/${m.id}/submit`)
      .set({ Authorization: `Bearer ${world.token('justiceManager')}` })
      .send({});
    expect(hidden.status).toBe(403);
    expect(hidden.body.currentVersion).toBeUndefined();
  });

  it('answers a CSV import that is not UTF-8 with 422 naming the file, the row and the rule, and writes nothing', async () => {
    const before = await api.footprint();
    const csv = readFileSync('test/fixtures/import/good.csv');
    // GBK bytes of 测试 in the third line's title: what Excel saves as "CSV (comma delimited)" on a Chinese system
    const at = csv.indexOf(Buffer.from('跨境'));
    const gbk = Buffer.concat([csv.subarray(0, at), Buffer.from([0xb2, 0xe2, 0xca, 0xd4]), csv.subarray(at + 6)]);
    const res = await api.http
      .post('/api/v1/batches/import?fileName=plan-gbk.csv')
      .set({ ...auth(), 'Content-Type': 'text/csv' })
      .send(gbk);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'import.invalid_encoding',
      file: 'plan-gbk.csv',
      errors: [{ row: 3, field: '$', rule: 'encoding' }],
    });
    expect(res.body.detail).toContain('plan-gbk.csv');
    expect(await api.footprint()).toEqual(before);
  });

  it.each([
    ['a JSON object', '{"batch":{"code":"SZ-JSON"}}'],
    ['broken JSON', '{"batch":'],
    ['JSON that is not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
  ])('answers %s sent to /batches/import with 415 naming the accepted types', async (_what, body) => {
    const res = await api.http
      .post('/api/v1/batches/import')
      .set({ ...auth(), 'Content-Type': 'application/json' })
      .serialize((b: unknown) => b as never)
      .send(body as never);
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'import.unsupported_media_type',
      accepted: expect.arrayContaining(['text/csv', 'application/yaml']),
      errors: [expect.objectContaining({ field: 'Content-Type', rule: 'media_type' })],
    });
    expect(res.body.errors[0].message).toContain('text/csv');
  });
});
