/**
 * Experiences adopted or promoted by a higher authority in its own numbered batch (004: the
 * NDRC promoted 48 Shenzhen experiences "in three batches"), over HTTP: recorded by the reform
 * office, shown by the replication reports beside (never inside) what was issued, numbered apart
 * from Reformflow's own reports.
 */
import type { ApiHarness } from '../support/api-harness.js';
import { startApi } from '../support/api-harness.js';
import { type ApiWorld, type MatterBody, buildWorld, replicated as replicatedMatter } from '../support/api-world.js';

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

const replicated = () => replicatedMatter(world);

const adoption = (over: Record<string, unknown> = {}) => ({
  authorityUnitId: world.units.nation,
  batchNumber: 2,
  issuedOn: '2026-05-20',
  title: { zh: '关于推广借鉴深圳综合改革试点创新举措和典型经验的通知' },
  documentNumber: '发改地区〔2026〕1号',
  action: 'promoted',
  ...over,
});

describe('adoption of an experience by a higher authority', () => {
  it("is recorded in the authority's own batch, shown by the draft and beside the issued report, never as its number", async () => {
    const matter = await replicated();
    const draft = ok(await api.http.get('/api/v1/replication-reports/draft').set(as('office')));
    const experience = (draft as unknown as { groups: Array<{ experiences: Array<{ id: string; matter: { id: string } }> }> }).groups
      .flatMap((g) => g.experiences)
      .find((e) => e.matter.id === matter.id)!;
    expect(experience).toBeDefined();

    // only the reform office records it
    const refused = await api.http.post(`/api/v1/experiences/${experience.id}/adoptions`).set(as('sticManager')).send(adoption());
    expect(refused.status).toBe(403);

    const recorded = await api.http.post(`/api/v1/experiences/${experience.id}/adoptions`).set(as('office')).send(adoption());
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      experienceId: experience.id,
      action: 'promoted',
      authorityBatch: { number: 2, issuedOn: '2026-05-20', documentNumber: '发改地区〔2026〕1号', authority: { code: 'NDRC' } },
    });
    // the same experience in the same authority batch once
    const again = await api.http.post(`/api/v1/experiences/${experience.id}/adoptions`).set(as('office')).send(adoption());
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'adoption.duplicate' });
    // the batch's date is recorded: another date for it is a contradiction, not a second batch 2
    const other = await replicated();
    const draft2 = ok(await api.http.get('/api/v1/replication-reports/draft').set(as('office'))) as unknown as {
      groups: Array<{ experiences: Array<{ id: string; matter: { id: string } }> }>;
    };
    const second = draft2.groups.flatMap((g) => g.experiences).find((e) => e.matter.id === other.id)!;
    const clash = await api.http
      .post(`/api/v1/experiences/${second.id}/adoptions`)
      .set(as('office'))
      .send(adoption({ issuedOn: '2026-06-01' }));
    expect({ status: clash.status, code: clash.body.code }).toEqual({ status: 409, code: 'authority_batch.mismatch' });

    const list = await api.http.get('/api/v1/authority-batches').set(as('office'));
    expect(
      list.body.filter((b: { authority: { code: string } }) => b.authority.code === 'NDRC').map((b: { number: number }) => b.number),
    ).toEqual([2]);
    expect((await api.http.get(`/api/v1/experiences/${experience.id}/adoptions`).set(as('sticManager'))).body).toHaveLength(1);

    // the draft shows it, outside its checksum
    const withIt = ok(await api.http.get('/api/v1/replication-reports/draft').set(as('office'))) as unknown as {
      checksum: string;
      adoptions: { asOf: string; items: Array<{ experienceId: string; batchNumber: number; authority: { code: string } }> };
    };
    expect(withIt.adoptions.items).toEqual([
      expect.objectContaining({ experienceId: experience.id, batchNumber: 2, authority: expect.objectContaining({ code: 'NDRC' }) }),
    ]);

    // issued as Reformflow's own report 1: the authority's batch 2 stays the authority's
    const issued = await api.http.post('/api/v1/replication-reports').set(as('office')).send({});
    expect(issued.status).toBe(201);
    const number = issued.body.number as number;
    const served = await api.http.get(`/api/v1/replication-reports/${number}`).set(as('office'));
    expect(served.body.checksum).toBe(issued.body.checksum);
    expect(served.body.adoptions.items.map((a: { batchNumber: number }) => a.batchNumber)).toEqual([2]);
    const md = await api.http.get(`/api/v1/replication-reports/${number}?format=md&lang=zh-CN`).set(as('office'));
    expect(md.status).toBe(200);
    expect(md.text).toContain('上级机关采纳推广情况');
    expect(md.text).toContain('国家发展和改革委员会');
    expect(md.text).toContain('第2批 复制推广');
    expect(md.text).toContain('不属于印发原文');
    expect(md.text).toContain('发改地区〔2026〕1号');
  });

  it('refuses bad input naming the field, and a unit that is no higher authority', async () => {
    const m = await replicated();
    const draft = ok(await api.http.get('/api/v1/replication-reports/draft').set(as('office'))) as unknown as {
      groups: Array<{ experiences: Array<{ id: string; matter: { id: string } }> }>;
    };
    const id = draft.groups.flatMap((g) => g.experiences).find((e) => e.matter.id === m.id)!.id;
    const post = (body: Record<string, unknown>) => api.http.post(`/api/v1/experiences/${id}/adoptions`).set(as('office')).send(body);
    for (const [body, field] of [
      [adoption({ batchNumber: 0 }), 'batchNumber'],
      [adoption({ action: 'liked' }), 'action'],
      [adoption({ issuedOn: '2026-02-30' }), 'issuedOn'],
      [adoption({ colour: 'red' }), 'colour'],
    ] as const) {
      const res = await post(body);
      expect({ status: res.status, type: res.headers['content-type'], fields: JSON.stringify(res.body.errors ?? res.body) }).toEqual({
        status: 400,
        type: expect.stringMatching(/problem\+json/),
        fields: expect.stringContaining(field),
      });
    }
    const local = await post(adoption({ authorityUnitId: world.units.stic }));
    expect({ status: local.status, code: local.body.code, field: JSON.stringify(local.body) }).toEqual({
      status: 422,
      code: 'adoption.authority_not_higher',
      field: expect.stringContaining('authorityUnitId'),
    });
    const none = await api.http
      .post('/api/v1/experiences/00000000-0000-4000-8000-000000000000/adoptions')
      .set(as('office'))
      .send(adoption());
    expect(none.status).toBe(404);
  });
});
