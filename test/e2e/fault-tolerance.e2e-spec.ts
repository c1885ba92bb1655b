/**
 * Fault tolerance (容错纠错) over HTTP. 001: "健全容错纠错机制"; 004 cites the due-diligence
 * guidelines that exempt those who transform research results in good faith. The reform office
 * records a finding on a matter closed as ineffective or terminated; the audit trail keeps it;
 * the scorecard names the exempted matter under its leading unit and says it is not held against it.
 */
import type { ApiHarness } from '../support/api-harness.js';
import { startApi } from '../support/api-harness.js';
import { type ApiWorld, type MatterBody, buildWorld } from '../support/api-world.js';

let api: ApiHarness;
let world: ApiWorld;

beforeAll(async () => {
  api = await startApi();
  world = await buildWorld(api);
});
afterAll(() => api?.close());

function ok(res: import('supertest').Response, status = 200): MatterBody {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}
const as = (who: Parameters<ApiWorld['token']>[0]) => ({ Authorization: `Bearer ${world.token(who)}` });

const BASIS = '《广东省高等院校和科研机构科技成果转化尽职免责指引》';
const finding = { exempted: true, reason: '已按批准方案尽职推进，未达预期系政策环境变化所致', basis: BASIS };

async function terminated(): Promise<MatterBody> {
  const m = await world.draft();
  return ok(await world.act('office', m, 'terminate', { reason: '国家政策调整，试点不再具备条件' }));
}

describe('a fault-tolerance finding', () => {
  it('is refused to anyone but the reform office (403) and on a matter not closed ineffective or terminated (409)', async () => {
    const m = await terminated();
    const manager = await world.act('sticManager', m, 'fault-tolerance', finding);
    expect(manager.status).toBe(403);
    expect(manager.headers['content-type']).toContain('application/problem+json');

    const open = await world.draft();
    const refused = await world.act('office', open, 'fault-tolerance', finding);
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'fault_tolerance.not_applicable' });
  });

  it('names the field and the rule for bad input, and changes nothing', async () => {
    const m = await terminated();
    const noBasis = await world.act('office', m, 'fault-tolerance', { exempted: true, reason: '理由' });
    expect(noBasis.status).toBe(400);
    expect(noBasis.headers['content-type']).toContain('application/problem+json');
    expect(noBasis.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'basis' })]));
    const notBoolean = await world.act('office', m, 'fault-tolerance', { ...finding, exempted: 'yes' });
    expect(notBoolean.status).toBe(400);
    expect(notBoolean.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'exempted' })]));
    const blank = await world.act('office', m, 'fault-tolerance', { ...finding, reason: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));
    expect((await world.get('office', m.id)).version).toBe(m.version);
  });

  it('is recorded by the reform office, audited, and the scorecard lists the matter as exempted under its leading unit', async () => {
    const m = await terminated();
    const res = await world.act('office', m, 'fault-tolerance', finding);
    const after = ok(res) as MatterBody & { faultTolerance: Record<string, unknown> };
    expect(res.headers.etag).toBe(`"${m.version + 1}"`);
    expect(after.faultTolerance).toMatchObject({ ...finding, recordedBy: world.users.office.id });

    const timeline = await api.http.get(`/api/v1/matters/${m.id}/timeline`).set(as('office'));
    expect(timeline.status).toBe(200);
    const entries = (timeline.body.items ?? timeline.body) as Array<{ type: string; payload: { finding?: { exempted: boolean } } }>;
    expect(entries.find((e) => e.type === 'fault_tolerance.recorded')?.payload.finding).toMatchObject({ exempted: true, basis: BASIS });
    const verify = await api.http.get(`/api/v1/matters/${m.id}/audit/verify`).set(as('office'));
    expect(verify.body).toMatchObject({ valid: true });

    // a stale version is a 409, as for any write
    const stale = await world.act('office', m, 'fault-tolerance', { ...finding, exempted: false });
    expect(stale.status).toBe(409);

    const card = await api.http.get('/api/v1/reports/scorecard?from=2020-01-01').set(as('office'));
    expect(card.status).toBe(200);
    const stic = card.body.rows.find((r: { unit: { code: string } }) => r.unit.code === 'SZ-STIC');
    expect(stic.exempted).toEqual(expect.arrayContaining([{ matter: expect.objectContaining({ id: m.id, code: m.code }), basis: BASIS }]));
    const html = await api.http.get('/api/v1/reports/scorecard?from=2020-01-01&format=html').set(as('office'));
    expect(html.text).toContain('容错免责');
    expect(html.text).toContain(m.code);
  });
});
