import type { ApiHarness } from '../support/api-harness.js';
import { startApi } from '../support/api-harness.js';
import { type ApiWorld, type MatterBody, buildWorld, deciderOf } from '../support/api-world.js';

let api: ApiHarness;
let world: ApiWorld;

beforeAll(async () => {
  api = await startApi();
  world = await buildWorld(api);
});
afterAll(() => api?.close());

/** Approves every pending step with the person each step names, returning the matter afterwards. */
async function approveChain(m: MatterBody): Promise<MatterBody> {
  let matter = m;
  while (matter.stage === 'in_approval') {
    const res = await world.act(deciderOf(world, matter.currentStep), matter, 'approve', { comment: '同意' });
    expect(res.status).toBe(200);
    matter = res.body;
  }
  return matter;
}

function ok(res: import('supertest').Response, status = 200): MatterBody {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('a matter over HTTP', () => {
  it('goes from draft to replicated, leaving a verifiable audit trail', async () => {
    let m = await world.draft();
    expect(m).toMatchObject({ stage: 'draft', version: 2 }); // drafted + first milestone
    m = ok(await world.act('sticManager', m, 'submit'));
    expect(m.stage).toBe('in_approval');
    expect(m.approvalSteps.map((s: { key: string }) => s.key)).toEqual(['leading-unit-review', 'reform-office-review']);
    m = await approveChain(m);
    expect(m.stage).toBe('approved');
    m = ok(await world.act('sticManager', m, 'start-implementation'));
    expect(m.stage).toBe('in_implementation');
    m = ok(await world.act('sticManager', m, 'progress', { targetId: m.targets[0].id, value: 6, asOf: '2026-01-01', note: '6 家' }), 201);
    // the last milestone ends implementation
    m = ok(await world.act('sticManager', m, `milestones/${m.milestones[0].id}/complete`, { note: '方案已印发' }));
    expect(m).toMatchObject({ stage: 'in_evaluation', evaluator: null });
    m = ok(await world.act('office', m, 'evaluator', { evaluatorId: world.users.justiceEvaluator.id }));
    expect(m.evaluator).toMatchObject({ userId: world.users.justiceEvaluator.id, unitId: world.units.justice });
    m = ok(await world.evaluate(m, 'replicable'), 201);
    expect(m).toMatchObject({ stage: 'closed', outcome: 'replicated' });
    expect(m.experience).toMatchObject({
      title: { zh: '新型研发机构市场化薪酬管理' },
      regions: ['粤港澳大湾区城市'],
      contactUnitId: world.units.stic,
    });
    expect(m.evaluations[0]).toMatchObject({
      verdict: 'replicable',
      scores: [
        { criterion: 'effectiveness', score: 4 },
        { criterion: 'institutional_innovation', score: 4 },
        { criterion: 'replicability', score: 5 },
        { criterion: 'risk_control', score: 3 },
      ],
      results: [{ targetId: m.targets[0].id, actualValue: 10, evidence: { links: ['https://tjj.sz.gov.cn/report/2026q3'] } }],
    });

    const timeline = await api.http.get(`/api/v1/matters/${m.id}/timeline`).set({ Authorization: `Bearer ${world.token('office')}` });
    expect(timeline.body.map((e: { type: string }) => e.type)).toEqual([
      'matter.drafted',
      'milestone.added',
      'matter.submitted',
      'approval.step_approved',
      'approval.step_approved',
      'matter.approved',
      'matter.implementation_started',
      'progress.reported',
      'milestone.completed',
      'evaluation.requested',
      'evaluation.assigned',
      'evaluation.logged',
      'experience.recorded',
      'matter.closed',
    ]);
    expect(timeline.body[3].actor).toMatchObject({ id: world.users.sticApprover.id });
    const verify = await api.http.get(`/api/v1/matters/${m.id}/audit/verify`).set({ Authorization: `Bearer ${world.token('office')}` });
    expect(verify.body).toMatchObject({ valid: true, length: 14 });
    // every event was queued for the worker in the same transaction
    const [{ n }] = await api.sql<{ n: string }>(`SELECT count(*) AS n FROM outbox WHERE payload->>'matterId' = $1`, [m.id]);
    expect(Number(n)).toBe(14);
  });

  it('sends a rejected matter back to draft with the comment, and takes a resubmission through a new round', async () => {
    let m = await world.draft();
    m = ok(await world.act('office', m, 'submit'));
    m = ok(await world.act('sticApprover', m, 'approve'));
    m = ok(await world.act('office', m, 'reject', { comment: '风险评估不充分，请补充' }));
    expect(m).toMatchObject({ stage: 'draft', returnComment: '风险评估不充分，请补充', approvalRound: 1 });
    m = ok(await world.act('sticManager', m, 'submit'));
    expect(m.approvalRound).toBe(2);
    expect(m.returnComment).toBeNull();
    m = await approveChain(m);
    expect(m.stage).toBe('approved');
    expect(m.approvalSteps.map((s: { round: number; status: string }) => `${s.round}:${s.status}`)).toEqual([
      '1:approved',
      '1:rejected',
      '2:approved',
      '2:approved',
    ]);
  });

  it('returns a matter for revision, and the draft can be edited before resubmission', async () => {
    let m = await world.draft();
    m = ok(await world.act('office', m, 'submit'));
    m = ok(await world.act('sticApprover', m, 'return', { comment: 'Add a second target' }));
    expect(m).toMatchObject({ stage: 'draft', returnComment: 'Add a second target' });
    const edit = await api.http
      .patch(`/api/v1/matters/${m.id}`)
      .set({ Authorization: `Bearer ${world.token('sticManager')}`, 'If-Match': `"${m.version}"` })
      .send({
        targets: [
          { id: m.targets[0].id, indicator: m.targets[0].indicator, baseline: 0, targetValue: 10, unit: '家', byDate: '2027-12-31' },
          {
            indicator: { zh: '薪酬改革覆盖科研人员', en: 'Researchers covered' },
            baseline: 0,
            targetValue: 2000,
            unit: '人',
            byDate: '2027-12-31',
          },
        ],
      });
    m = ok(edit);
    expect(m.targets).toHaveLength(2);
    m = ok(await world.act('sticManager', m, 'submit'));
    expect(m.stage).toBe('in_approval');
  });

  it('holds a matter that adjusts the law until its legal authorization step is approved', async () => {
    let m = await world.draft({
      requiresLegalAuthorization: true,
      legalAdjustment: { level: 'law', name: '中华人民共和国邮政法' },
      riskLevel: 'high',
      kind: 'reform_measure',
    });
    m = ok(await world.act('office', m, 'submit'));
    expect(m.approvalSteps.map((s: { key: string }) => s.key)).toEqual([
      'leading-unit-review',
      'reform-office-review',
      'provincial-review',
      'legal-authorization',
    ]);
    // a law: the NPC Standing Committee decides (003 item (14)), not the national authority
    expect(m.approvalSteps.at(-1)).toMatchObject({ legalAuthorization: true, unitId: world.units.npcsc });
    // approve all but the legal step: implementation is still not possible
    for (let i = 0; i < 3; i++) m = ok(await world.act(deciderOf(world, m.currentStep), m, 'approve'));
    expect(m.currentStep.key).toBe('legal-authorization');
    expect(m.legalAuthorizedAt).toBeNull();
    const early = await world.act('sticManager', m, 'start-implementation');
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('stage.action_not_allowed');
    m = ok(
      await world.act('npcscApprover', m, 'approve', {
        comment: '经全国人大常委会授权',
        authorization: {
          title: '全国人民代表大会常务委员会关于授权在深圳市暂时调整适用有关法律规定的决定',
          documentNumber: '人大常委会决定〔2026〕1号',
          issuedOn: '2026-01-05',
          scope: '国际快递业务经营许可',
        },
      }),
    );
    expect(m.stage).toBe('approved');
    expect(m.legalAuthorizedAt).not.toBeNull();
    m = ok(await world.act('sticManager', m, 'start-implementation'));
    expect(m.stage).toBe('in_implementation');
  });

  it('adjusts a matter found to need it, with new deadlines, then closes it as ineffective', async () => {
    let m = await world.draft();
    m = ok(await world.act('office', m, 'submit'));
    m = await approveChain(m);
    m = ok(await world.act('sticManager', m, 'start-implementation'));
    m = ok(await world.act('office', m, 'request-evaluation', { note: 'Mid-term review' }));
    m = ok(
      await world.evaluate(m, 'needs_adjustment', {
        adjustment: {
          plan: 'Extend to district-level institutions',
          addMilestones: [{ title: { zh: '区级机构纳入试点' }, dueAt: '2027-06-30' }],
          moveMilestones: [{ milestoneId: m.milestones[0].id, dueIn: 'P120D' }],
        },
      }),
      201,
    );
    expect(m).toMatchObject({ stage: 'in_implementation', adjustmentCount: 1, evaluator: null });
    expect(m.milestones[1].dueAt).toBe('2027-06-30T15:59:59.000Z');
    expect(m.evaluations[0].adjustmentPlan).toBe('Extend to district-level institutions');
    m = ok(await world.act('office', m, 'request-evaluation'));
    m = ok(await world.evaluate(m, 'ineffective', { lessons: 'Salary caps alone did not attract researchers.' }), 201);
    expect(m).toMatchObject({ stage: 'closed', outcome: 'closed_ineffective', experience: null });
    expect(m.evaluations.map((e: { round: number; verdict: string }) => [e.round, e.verdict])).toEqual([
      [0, 'needs_adjustment'],
      [1, 'ineffective'],
    ]);
  });

  it('withdraws a draft and terminates a running matter, after which nothing is accepted', async () => {
    let a = await world.draft();
    a = ok(await world.act('sticManager', a, 'withdraw', { reason: 'Merged into another matter' }));
    expect(a).toMatchObject({ stage: 'withdrawn', closingReason: 'Merged into another matter' });
    let b = await world.draft();
    b = ok(await world.act('office', b, 'submit'));
    b = ok(await world.act('office', b, 'terminate', { reason: 'Superseded by national policy' }));
    expect(b.stage).toBe('terminated');
    const after = await world.act('office', b, 'submit');
    expect(after.status).toBe(409);
    expect(after.body).toMatchObject({ code: 'matter.terminal', status: 409 });
  });

  it('lists matters with filters, free text in Chinese, paging and sorting', async () => {
    const auth = { Authorization: `Bearer ${world.token('office')}` };
    await world.draft({ code: 'SEARCH-1', title: { zh: '跨境数据流动安全管理机制' } });
    await world.draft({
      code: 'SEARCH-2',
      title: { en: 'Cross-border helicopter flights' },
      leadingUnitId: world.units.commerce,
      managerId: world.users.commerceManager.id,
      participatingUnitIds: [],
    });
    const zh = await api.http.get('/api/v1/matters').query({ q: '数据流动' }).set(auth);
    expect(zh.body.items.map((i: { code: string }) => i.code)).toEqual(['SEARCH-1']);
    const byUnit = await api.http.get('/api/v1/matters').query({ leadingUnitId: world.units.commerce, stage: 'draft' }).set(auth);
    expect(byUnit.body.items.map((i: { code: string }) => i.code)).toEqual(['SEARCH-2']);
    const paged = await api.http.get('/api/v1/matters').query({ pageSize: 2, page: 1, sort: 'code' }).set(auth);
    expect(paged.body.items).toHaveLength(2);
    expect(paged.body.total).toBeGreaterThanOrEqual(8);
    expect(paged.body.items[0].code <= paged.body.items[1].code).toBe(true);
    const overdue = await api.http.get('/api/v1/matters').query({ overdue: 'true' }).set(auth);
    expect(overdue.body.total).toBe(0);
  });
});
