/**
 * Permissions over HTTP, per matter and per unit: a manager sees and drives their own
 * unit's matters, a participating unit reads but does not act, an approver decides only
 * the step assigned to their unit and role, an evaluator never judges their own unit,
 * only the reform office assigns evaluators and terminates, and admin endpoints need the admin role.
 * Every refusal is a 403 problem+json with a stable code, and writes nothing.
 */
import type { Response } from 'supertest';
import type { ApiHarness } from '../support/api-harness.js';
import { startApi } from '../support/api-harness.js';
import { type ApiWorld, type MatterBody, type Who, buildWorld, evaluationBody } from '../support/api-world.js';
import { PASSWORD } from '../support/config.js';

let api: ApiHarness;
let world: ApiWorld;

beforeAll(async () => {
  api = await startApi();
  world = await buildWorld(api);
});
afterAll(() => api?.close());

type Method = 'get' | 'post' | 'patch' | 'delete';

const auth = (who: Who) => ({ Authorization: `Bearer ${world.token(who)}` });

/** Sends a request as `who` against the matter's current version (read fresh as the office). */
async function send(who: Who, matterId: string, method: Method, path: string, body?: object): Promise<Response> {
  const current = await world.get('office', matterId);
  const url = `/api/v1/matters/${matterId}${path}`.replace(':milestoneId', (current.milestones as Array<{ id: string }>)[0]?.id ?? 'none');
  const req = api.http[method](url).set(auth(who)).set('If-Match', `"${current.version}"`);
  return body === undefined ? req : req.send(body);
}

/** Expects a 403 problem with this code, and the database exactly as it was before. */
async function forbidden(request: () => Promise<Response>, code: string): Promise<Response> {
  const before = await api.footprint();
  const res = await request();
  expect({ status: res.status, contentType: res.headers['content-type'], code: (res.body as { code?: string }).code }).toEqual({
    status: 403,
    contentType: expect.stringMatching(/^application\/problem\+json/),
    code,
  });
  expect(await api.footprint()).toEqual(before);
  return res;
}

function ok(res: Response, status = 200): MatterBody {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as MatterBody;
}

async function listedFor(who: Who, query: Record<string, string> = {}): Promise<string[]> {
  const res = await api.http
    .get('/api/v1/matters')
    .query({ pageSize: '200', ...query })
    .set(auth(who));
  expect(res.status).toBe(200);
  return (res.body as { items: Array<{ id: string }> }).items.map((i) => i.id);
}

/** A matter waiting at its first step (leading-unit-review, decided by an SZ-STIC approver). */
async function inApproval(): Promise<MatterBody> {
  return ok(await world.act('office', await world.draft(), 'submit'));
}

/** A matter through approval and implementation, waiting for an evaluator to be assigned. */
async function inEvaluation(): Promise<MatterBody> {
  let m = await inApproval();
  m = ok(await world.act('sticApprover', m, 'approve'));
  m = ok(await world.act('office', m, 'approve'));
  m = ok(await world.act('sticManager', m, 'start-implementation'));
  return ok(await world.act('office', m, 'request-evaluation'));
}

/** Every write a matter accepts, each with a body its endpoint would accept. */
const WRITES: Array<{ action: string; method: Method; path: string; body?: object }> = [
  { action: 'edit', method: 'patch', path: '', body: { title: { en: 'Taken over' } } },
  { action: 'submit', method: 'post', path: '/submit', body: {} },
  { action: 'approve', method: 'post', path: '/approve', body: { comment: '同意' } },
  { action: 'reject', method: 'post', path: '/reject', body: { comment: '不同意' } },
  { action: 'return', method: 'post', path: '/return', body: { comment: '请修改' } },
  { action: 'start implementation', method: 'post', path: '/start-implementation', body: {} },
  { action: 'add a milestone', method: 'post', path: '/milestones', body: { title: { zh: '新里程碑' }, dueIn: 'P30D' } },
  { action: 'move a milestone', method: 'patch', path: '/milestones/:milestoneId', body: { dueIn: 'P120D' } },
  { action: 'remove a milestone', method: 'delete', path: '/milestones/:milestoneId' },
  { action: 'complete a milestone', method: 'post', path: '/milestones/:milestoneId/complete', body: { note: 'done' } },
  {
    action: 'report progress',
    method: 'post',
    path: '/progress',
    body: { targetId: '6f1c1f1e-8a4b-4c1d-9e2f-3a4b5c6d7e8f', value: 1, asOf: '2026-01-01' },
  },
  { action: 'request evaluation', method: 'post', path: '/request-evaluation', body: {} },
  { action: 'assign an evaluator', method: 'post', path: '/evaluator', body: { evaluatorId: '6f1c1f1e-8a4b-4c1d-9e2f-3a4b5c6d7e8f' } },
  {
    action: 'log an evaluation',
    method: 'post',
    path: '/evaluations',
    body: { verdict: 'ineffective', narrative: 'No change.', scores: {}, results: [], lessons: 'None.' },
  },
  { action: 'withdraw', method: 'post', path: '/withdraw', body: { reason: 'Not ours' } },
  { action: 'terminate', method: 'post', path: '/terminate', body: { reason: 'Not ours' } },
];

describe('a manager of a unit that neither leads nor participates (SZ-JUSTICE on an SZ-STIC matter)', () => {
  let m: MatterBody;
  beforeAll(async () => {
    m = await world.draft();
  });

  it.each(['', '/timeline', '/audit/verify'])('gets 403 matter.not_permitted reading GET /matters/:id%s', async (path) => {
    await forbidden(() => api.http.get(`/api/v1/matters/${m.id}${path}`).set(auth('justiceManager')), 'matter.not_permitted');
  });

  it.each(WRITES)('gets 403 matter.not_permitted trying to $action', async ({ method, path, body }) => {
    await forbidden(() => send('justiceManager', m.id, method, path, body), 'matter.not_permitted');
  });

  it('does not see the matter in GET /matters, however it filters or searches', async () => {
    expect(await listedFor('office')).toContain(m.id);
    expect(await listedFor('justiceManager')).not.toContain(m.id);
    expect(await listedFor('justiceManager', { q: m.code })).not.toContain(m.id);
    expect(await listedFor('justiceManager', { leadingUnitId: world.units.stic })).toEqual([]);
    const page = await api.http.get('/api/v1/matters').query({ batchId: world.batchId }).set(auth('justiceManager'));
    expect(page.body).toMatchObject({ total: 0, items: [] });
  });
});

describe('a manager of the leading unit (SZ-STIC)', () => {
  it('sees the matter, in GET /matters too, and drives it', async () => {
    const m = await world.draft();
    expect((await world.get('sticManager', m.id)).id).toBe(m.id);
    expect(await listedFor('sticManager')).toContain(m.id);
    const submitted = ok(await world.act('sticManager', m, 'submit'));
    expect(submitted.stage).toBe('in_approval');
  });

  it('gets 403 matter.draft_not_permitted drafting a matter led by another unit, and may draft for its own', async () => {
    const before = await api.footprint();
    await expect(
      world.draft(
        { leadingUnitId: world.units.commerce, managerId: world.users.commerceManager.id, participatingUnitIds: [] },
        'sticManager',
      ),
    ).rejects.toThrow(/drafting: 403 .*matter\.draft_not_permitted/);
    expect(await api.footprint()).toEqual(before);
    const own = await world.draft({}, 'sticManager');
    expect(own.leadingUnitId).toBe(world.units.stic);
  });
});

describe('a manager of a participating unit (SZ-COMMERCE)', () => {
  let m: MatterBody;
  beforeAll(async () => {
    m = await world.draft();
  });

  it('reads the matter and its timeline, and sees it in GET /matters', async () => {
    expect((await world.get('commerceManager', m.id)).id).toBe(m.id);
    const timeline = await api.http.get(`/api/v1/matters/${m.id}/timeline`).set(auth('commerceManager'));
    expect(timeline.status).toBe(200);
    expect(await listedFor('commerceManager')).toContain(m.id);
  });

  it.each(WRITES.filter((w) => ['submit', 'add a milestone', 'edit', 'move a milestone', 'withdraw'].includes(w.action)))(
    'gets 403 matter.action_not_permitted trying to $action',
    async ({ method, path, body }) => {
      await forbidden(() => send('commerceManager', m.id, method, path, body), 'matter.action_not_permitted');
    },
  );

  it('gets 403 matter.draft_not_permitted drafting for the leading unit', async () => {
    const before = await api.footprint();
    await expect(world.draft({}, 'commerceManager')).rejects.toThrow(/drafting: 403 .*matter\.draft_not_permitted/);
    expect(await api.footprint()).toEqual(before);
  });
});

describe('approvers decide only the step assigned to their unit and role', () => {
  it('gets 403 for an approver of an unrelated unit (SZ-JUSTICE), who may not even see the matter', async () => {
    const m = await inApproval();
    for (const action of ['approve', 'reject', 'return']) {
      await forbidden(() => send('justiceApprover', m.id, 'post', `/${action}`, { comment: '意见' }), 'matter.not_permitted');
    }
  });

  it('gets 403 approval.not_your_step for an approver of the participating unit at the leading unit step', async () => {
    const m = await inApproval();
    expect(m.currentStep).toMatchObject({ key: 'leading-unit-review', unitId: world.units.stic, role: 'approver' });
    await forbidden(() => send('commerceApprover', m.id, 'post', '/approve', {}), 'approval.not_your_step');
  });

  it('gets 403 for a manager of the leading unit trying to decide the leading unit step (right unit, wrong role)', async () => {
    const m = await inApproval();
    for (const action of ['approve', 'reject', 'return']) {
      await forbidden(() => send('sticManager', m.id, 'post', `/${action}`, { comment: '意见' }), 'matter.action_not_permitted');
    }
  });

  it('gets 403 approval.not_your_step for the leading unit approver once the step is the reform office review', async () => {
    let m = await inApproval();
    m = ok(await world.act('sticApprover', m, 'approve'));
    expect(m.currentStep).toMatchObject({ key: 'reform-office-review', role: 'reform_office', unitId: world.units.office });
    for (const action of ['approve', 'reject', 'return']) {
      await forbidden(() => send('sticApprover', m.id, 'post', `/${action}`, { comment: '意见' }), 'approval.not_your_step');
    }
    m = ok(await world.act('office', m, 'approve'));
    expect(m.stage).toBe('approved');
  });

  it('lets the provincial approver see a high-risk matter only once its chain includes a provincial step', async () => {
    const m = await world.draft({ riskLevel: 'high' });
    await forbidden(() => api.http.get(`/api/v1/matters/${m.id}`).set(auth('provinceApprover')), 'matter.not_permitted');
    const submitted = ok(await world.act('office', m, 'submit'));
    expect((submitted.approvalSteps as Array<{ key: string }>).map((s) => s.key)).toContain('provincial-review');
    expect((await world.get('provinceApprover', m.id)).id).toBe(m.id);
    await forbidden(() => send('provinceApprover', m.id, 'post', '/approve', {}), 'approval.not_your_step');
  });
});

describe('evaluation and terminating', () => {
  let m: MatterBody;
  beforeAll(async () => {
    m = await inEvaluation();
  });

  it('lets only the reform office assign the evaluator, and never one of the leading unit', async () => {
    const body = { evaluatorId: world.users.justiceEvaluator.id };
    await forbidden(() => send('sticManager', m.id, 'post', '/evaluator', body), 'matter.action_not_permitted');
    await forbidden(() => send('justiceEvaluator', m.id, 'post', '/evaluator', body), 'matter.action_not_permitted');
    const before = await api.footprint();
    const own = await send('office', m.id, 'post', '/evaluator', { evaluatorId: world.users.sticEvaluator.id });
    expect(own.status).toBe(422);
    expect(own.body).toMatchObject({
      code: 'evaluation.evaluator_in_leading_unit',
      errors: [{ field: 'evaluatorId', rule: 'evaluation.evaluator_in_leading_unit' }],
    });
    expect(await api.footprint()).toEqual(before);
    m = ok(await send('office', m.id, 'post', '/evaluator', body));
    expect(m.evaluator.userId).toBe(world.users.justiceEvaluator.id);
  });

  it('gets 403 evaluation.evaluator_in_leading_unit for an evaluator of the leading unit, and accepts the assigned one', async () => {
    await forbidden(
      () => send('sticEvaluator', m.id, 'post', '/evaluations', evaluationBody(m, 'replicable')),
      'evaluation.evaluator_in_leading_unit',
    );
    await forbidden(
      () => send('sticManager', m.id, 'post', '/evaluations', evaluationBody(m, 'replicable')),
      'matter.action_not_permitted',
    );
    m = ok(await send('justiceEvaluator', m.id, 'post', '/evaluations', evaluationBody(m, 'replicable')), 201);
    expect(m).toMatchObject({ stage: 'closed', outcome: 'replicated' });
    expect(m.evaluations).toHaveLength(1);
  });

  it('gets 403 for a manager of the leading unit terminating, and lets the reform office terminate', async () => {
    const d = await world.draft();
    await forbidden(() => send('sticManager', d.id, 'post', '/terminate', { reason: 'No longer needed' }), 'matter.action_not_permitted');
    const t = ok(await send('office', d.id, 'post', '/terminate', { reason: 'Superseded' }));
    expect(t.stage).toBe('terminated');
  });
});

describe('the reform office', () => {
  it('sees every matter, whichever unit leads it', async () => {
    const commerceLed = await world.draft({
      leadingUnitId: world.units.commerce,
      managerId: world.users.commerceManager.id,
      participatingUnitIds: [],
    });
    const sticLed = await world.draft();
    const seen = await listedFor('office');
    expect(seen).toEqual(expect.arrayContaining([commerceLed.id, sticLed.id]));
    expect(await listedFor('sticManager')).not.toContain(commerceLed.id);
  });
});

describe('the admin', () => {
  let m: MatterBody;
  beforeAll(async () => {
    m = await inApproval();
  });

  it('reads every matter, its timeline and its audit verdict', async () => {
    expect((await world.get('admin', m.id)).id).toBe(m.id);
    expect(await listedFor('admin')).toContain(m.id);
    expect((await api.http.get(`/api/v1/matters/${m.id}/timeline`).set(auth('admin'))).status).toBe(200);
    expect((await api.http.get(`/api/v1/matters/${m.id}/audit/verify`).set(auth('admin'))).body).toMatchObject({ valid: true });
  });

  it.each(WRITES.filter((w) => ['approve', 'reject', 'withdraw', 'terminate', 'add a milestone'].includes(w.action)))(
    'gets 403 matter.action_not_permitted trying to $action',
    async ({ method, path, body }) => {
      await forbidden(() => send('admin', m.id, method, path, body), 'matter.action_not_permitted');
    },
  );

  it('gets 403 matter.draft_not_permitted drafting a matter', async () => {
    const before = await api.footprint();
    await expect(world.draft({}, 'admin')).rejects.toThrow(/drafting: 403 .*matter\.draft_not_permitted/);
    expect(await api.footprint()).toEqual(before);
  });
});

describe('admin endpoints', () => {
  const ENDPOINTS: Array<{ name: string; send: (who: Who) => Promise<Response> }> = [
    {
      name: 'POST /units',
      send: (who) =>
        api.http
          .post('/api/v1/units')
          .set(auth(who))
          .send({ code: 'SZ-NEW', name: { zh: '新单位' }, kind: 'municipal_bureau' }),
    },
    {
      name: 'PATCH /units/:id',
      send: (who) =>
        api.http
          .patch(`/api/v1/units/${world.units.justice}`)
          .set(auth(who))
          .send({ name: { en: 'Renamed' } }),
    },
    {
      name: 'POST /users',
      send: (who) =>
        api.http
          .post('/api/v1/users')
          .set(auth(who))
          .send({
            email: 'new.manager@reformflow.test',
            displayName: 'New',
            password: PASSWORD,
            roles: ['manager'],
            unitId: world.units.justice,
          }),
    },
    { name: 'GET /users', send: (who) => api.http.get('/api/v1/users').set(auth(who)) },
    { name: 'GET /users/:id', send: (who) => api.http.get(`/api/v1/users/${world.users.sticManager.id}`).set(auth(who)) },
    {
      name: 'PATCH /users/:id',
      send: (who) =>
        api.http
          .patch(`/api/v1/users/${world.users.sticManager.id}`)
          .set(auth(who))
          .send({ roles: ['admin'] }),
    },
  ];
  const NON_ADMINS: Who[] = ['office', 'sticManager', 'sticApprover', 'justiceEvaluator'];
  const CASES = NON_ADMINS.flatMap((who) => ENDPOINTS.map((e) => ({ who, ...e })));

  it.each(CASES)('give $who 403 auth.role_required on $name', async ({ who, send: request }) => {
    await forbidden(() => request(who), 'auth.role_required');
  });
});

describe('a disabled account', () => {
  it("stops the user's existing token at once (401), and a new sign-in is refused", async () => {
    const email = 'soon.disabled@reformflow.test';
    const created = await api.http
      .post('/api/v1/users')
      .set(auth('admin'))
      .send({ email, displayName: 'Soon disabled', password: PASSWORD, roles: ['manager'], unitId: world.units.justice });
    expect(created.status).toBe(201);
    const token = await api.login(email, PASSWORD);
    const bearer = { Authorization: `Bearer ${token}` };
    expect((await api.http.get('/api/v1/auth/me').set(bearer)).status).toBe(200);

    const disabled = await api.http
      .patch(`/api/v1/users/${(created.body as { id: string }).id}`)
      .set(auth('admin'))
      .send({ active: false });
    expect(disabled.status).toBe(200);

    for (const res of [await api.http.get('/api/v1/auth/me').set(bearer), await api.http.get('/api/v1/matters').set(bearer)]) {
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.body).toMatchObject({ code: 'auth.unauthorized' });
    }
    const again = await api.http.post('/api/v1/auth/login').send({ email, password: PASSWORD });
    expect(again.status).toBe(401);
  });
});
