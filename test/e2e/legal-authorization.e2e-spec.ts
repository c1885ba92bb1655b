/**
 * Legal authorization as item (14) of the 2024 Opinions puts it: "Where adjustments to existing
 * laws or administrative regulations are involved … implemented after being authorized by the
 * Standing Committee of the National People's Congress or the State Council". On the real api,
 * worker, PostgreSQL, Redis and SMTP server: a matter that adjusts an administrative regulation
 * waits at a legal step only the State Council decides; the decision records its instrument, and a
 * time-limited authorization (PT6S here) is a deadline whose reminders reach the leading unit's
 * manager before it lapses. The `legal` workflow is test/fixtures/workflows/legal.yaml.
 */
import { pollUntil } from '../support/poll.js';
import { type System, startSystem } from '../support/system.js';

let sys: System;
let office: string;
let batchId: string;
const bodies: Record<string, { id: string; token: string }> = {};

beforeAll(async () => {
  sys = await startSystem();
  await sys.startWorker();
  // the bodies that authorize adjustments of law, each with an approver (test/support/api-world.ts)
  bodies.council = { id: sys.world.units.council, token: sys.world.token('councilApprover') };
  bodies.npcsc = { id: sys.world.units.npcsc, token: sys.world.token('npcscApprover') };
  office = sys.world.token('office');
  const batch = await sys.api.http
    .post('/api/v1/batches')
    .set({ Authorization: `Bearer ${office}` })
    .send({ code: 'SZ-LEGAL-TEST', title: { zh: '法律授权测试批次' }, issuingAuthority: 'Test authority', workflow: 'legal' });
  expect(batch.status).toBe(201);
  batchId = batch.body.id;
});
afterAll(() => sys?.close());

const approve = (token: string, m: { id: string; version: number }, body: Record<string, unknown>) =>
  sys.api.http
    .post(`/api/v1/matters/${m.id}/approve`)
    .set({ Authorization: `Bearer ${token}`, 'If-Match': `"${m.version}"` })
    .send(body);

const INSTRUMENT = {
  title: '国务院关于同意在深圳市暂时调整实施有关行政法规规定的批复',
  documentNumber: '国函〔2026〕12号',
  issuedOn: '2026-12-02',
  scope: '深圳市国际快递业务经营许可审批权限',
};

describe('a matter that adjusts an administrative regulation', () => {
  it('a legal-authorization matter decided by the State Council records its instrument and its expiry reminder fires', async () => {
    let m = await sys.world.draft({
      batchId,
      requiresLegalAuthorization: true,
      legalBasis: '国际快递业务经营许可的审批权在国务院邮政管理部门（推定）',
      legalAdjustment: { level: 'administrative_regulation', name: '快递暂行条例' },
      nationalApproval: null,
      milestones: [{ title: { zh: '试点方案印发' }, dueIn: 'P90D' }],
    });
    expect(m.legalAdjustment).toEqual({ level: 'administrative_regulation', name: '快递暂行条例' });
    m = (await sys.world.act('office', m, 'submit')).body;
    m = (await sys.world.act('sticApprover', m, 'approve')).body;
    // the step belongs to the body that can authorize a regulation: the State Council, not the NDRC nor the NPCSC
    expect(m.currentStep).toMatchObject({ key: 'legal-authorization', legalAuthorization: true, unitId: bodies.council.id });
    expect((await sys.world.act('nationApprover', m, 'approve', { authorization: { ...INSTRUMENT, validFor: 'PT6S' } })).status).toBe(403);
    expect((await approve(bodies.npcsc.token, m, { authorization: { ...INSTRUMENT, validFor: 'PT6S' } })).status).toBe(403);

    // the decision records the instrument, and says which field is wrong when it cannot
    const missing = await approve(bodies.council.token, m, {});
    expect(missing.status).toBe(400);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body).toMatchObject({
      code: 'authorization.required',
      errors: [{ field: 'authorization', rule: 'authorization.required' }],
    });
    const { documentNumber: _none, ...withoutNumber } = INSTRUMENT;
    const noNumber = await approve(bodies.council.token, m, { authorization: withoutNumber });
    expect(noNumber.status).toBe(400);
    expect(noNumber.body.errors).toEqual([expect.objectContaining({ field: 'authorization.documentNumber' })]);
    const backwards = await approve(bodies.council.token, m, {
      authorization: { ...INSTRUMENT, validFrom: '2027-03-01', validUntil: '2027-02-01' },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([
      { field: 'authorization.validUntil', rule: 'validity.end_before_start', message: expect.any(String) },
    ]);

    const decided = await approve(bodies.council.token, m, {
      comment: '同意暂时调整实施',
      authorization: { ...INSTRUMENT, validFor: 'PT6S' },
    });
    expect(decided.status).toBe(200);
    m = decided.body;
    expect(m.stage).toBe('approved');
    const authorizedAt = Date.parse(m.legalAuthorizedAt);
    expect(m.authorizationInstrument).toEqual({
      stepId: m.approvalSteps.find((s: { legalAuthorization: boolean }) => s.legalAuthorization).id,
      authorizedByUnitId: bodies.council.id,
      ...INSTRUMENT,
      validFrom: m.legalAuthorizedAt,
      validUntil: new Date(authorizedAt + 6_000).toISOString(),
    });
    // and it is what a reader sees afterwards
    expect((await sys.world.get('office', m.id)).authorizationInstrument).toEqual(m.authorizationInstrument);

    // its end of validity is a deadline, reminded 3 s and 1 s before and at the time, to the leading unit's manager
    const [deadline] = await sys.api.sql<{ id: string; due_at: Date; status: string; title_zh: string }>(
      `SELECT id, due_at, status, title_zh FROM deadlines WHERE matter_id = $1 AND kind = 'authorization_expiry'`,
      [m.id],
    );
    expect(deadline).toMatchObject({ status: 'open', title_zh: '法律法规调整授权到期（国函〔2026〕12号）' });
    expect(deadline.due_at.getTime()).toBe(authorizedAt + 6_000);
    // and a task in the manager's inbox, of its own kind, counted
    const inbox = await sys.api.http.get('/api/v1/me/tasks').set({ Authorization: `Bearer ${sys.world.token('sticManager')}` });
    expect(inbox.status).toBe(200);
    expect(inbox.body.counts.authorization_expiry).toBe(1);
    expect(inbox.body.items.filter((t: { kind: string }) => t.kind === 'authorization_expiry')).toEqual([
      expect.objectContaining({ matter: expect.objectContaining({ code: m.code }), dueAt: deadline.due_at.toISOString() }),
    ]);
    const labels = () =>
      sys.smtp.messages
        .filter((x) => x.deliveryKey?.startsWith(`t.${deadline.id}.`))
        .map((x) => x.deliveryKey!.split('.').slice(2, 4).join('.'));
    await pollUntil(labels, (l) => l.includes('v1.r-PT0S') && l.includes('v1.e1'), {
      timeoutMs: 20_000,
      intervalMs: 200,
      what: 'the reminders of the authorization expiry and its escalation',
    });
    expect(labels().filter((l) => l.includes('.r-'))).toEqual(['v1.r-PT3S', 'v1.r-PT1S', 'v1.r-PT0S']);
    const reminder = sys.smtp.messages.find((x) => x.deliveryKey?.startsWith(`t.${deadline.id}.v1.r-PT3S`))!;
    expect(reminder.to).toEqual(['sticmanager@reformflow.test']);
    expect(reminder.subject).toContain(m.code);
    expect(reminder.subject).toContain('国函〔2026〕12号');
    expect(reminder.text).toContain('法律法规调整授权届时期满失效');
    expect(reminder.text).toContain('法律法规调整授权到期'); // the deadline kind, in the mail's "due" block
    // the reminders were timed before the authorization lapsed, and fired
    const timers = await sys.api.sql<{ label: string; state: string; fire_at: Date }>(
      `SELECT label, state, fire_at FROM timers WHERE deadline_id = $1 ORDER BY fire_at`,
      [deadline.id],
    );
    expect(timers.map((t) => [t.label, t.state, t.fire_at.getTime() - authorizedAt])).toEqual([
      ['r-PT3S', 'fired', 3_000],
      ['r-PT1S', 'fired', 5_000],
      ['r-PT0S', 'fired', 6_000],
      ['e1', 'fired', 7_000],
    ]);
    // after it lapses, the reform office is told (escalation level 1)
    const escalation = sys.smtp.messages.find((x) => x.deliveryKey?.startsWith(`t.${deadline.id}.v1.e1`))!;
    expect(escalation.to).toEqual(['office@reformflow.test']);
  });

  it('goes to the NPC Standing Committee when it adjusts a law, and refuses a matter that names nothing to adjust', async () => {
    let m = await sys.world.draft({
      batchId,
      requiresLegalAuthorization: true,
      legalAdjustment: { level: 'law', name: '中华人民共和国邮政法' },
    });
    m = (await sys.world.act('office', m, 'submit')).body;
    m = (await sys.world.act('sticApprover', m, 'approve')).body;
    expect(m.currentStep).toMatchObject({ key: 'legal-authorization', unitId: bodies.npcsc.id });

    const unnamed = await sys.world.draft({ batchId, requiresLegalAuthorization: true });
    const refused = await sys.world.act('office', unnamed, 'submit');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'legal_adjustment.required', errors: [{ field: 'legalAdjustment' }] });
    // a national ministry's approval is no legal authorization: the chain has no legal step
    const national = await sys.world.draft({
      batchId,
      nationalApproval: { authority: 'National Financial Regulatory Administration', basis: '"legally establishing"' },
    });
    const submitted = (await sys.world.act('office', national, 'submit')).body;
    expect(submitted.approvalSteps.map((s: { key: string }) => s.key)).toEqual(['unit-review']);
    const bad = await sys.world.draft({ batchId, legalAdjustment: { level: 'law', name: 'x' } }).catch((e: Error) => e.message);
    expect(bad).toContain('legal_adjustment.without_authorization');
  });
});
