import { pollUntil } from '../support/poll.js';
import { type System, startSystem } from '../support/system.js';
import type { MatterBody } from '../support/api-world.js';

/**
 * Work that changes hands (issue 13 items 3 and 4): the reform office hands a matter to
 * another manager, whose the next reminder then is, and urges several overdue matters in
 * one action, all of them or none. Real api, worker, PostgreSQL, Redis and SMTP; the
 * `timers` workflow gives the draft stage PT3S and milestones reminders PT2S, PT1S, PT0S
 * before their due time.
 */
let sys: System;
let manager2: { id: string; email: string; token: string };
let commerceEvaluator: { id: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  sys = await startSystem();
  await sys.startWorker();
  manager2 = await sys.world.addUser('sticmanager2@reformflow.test', 'stic', ['manager'], '陈静');
  commerceEvaluator = await sys.world.addUser('commerceevaluator@reformflow.test', 'commerce', ['evaluator'], '赵敏');
});
afterAll(() => sys?.close());

const office = () => ({ Authorization: `Bearer ${sys.world.token('office')}` });

async function timeline(matterId: string): Promise<Array<{ type: string; payload: Record<string, unknown> }>> {
  const res = await sys.api.http.get(`/api/v1/matters/${matterId}/timeline`).set(office());
  expect(res.status).toBe(200);
  return res.body;
}

describe('reassigning the responsible manager (移交负责人)', () => {
  it('moves the next reminder to the new manager, tells both, and is audited', async () => {
    let m = await sys.world.draft({ milestones: [{ title: { zh: '试点方案印发', en: 'Pilot plan issued' }, dueIn: 'PT14S' }] });
    m = (await sys.world.act('office', m, 'submit')).body;
    const approved = await sys.world.act('sticApprover', m, 'approve');
    expect(approved.status).toBe(200);
    m = approved.body;
    expect(m.stage).toBe('approved');

    const reassigned = await sys.world.act('office', m, 'manager', { managerId: manager2.id, reason: '王磊同志工作调整' });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body.managerId).toBe(manager2.id);

    const [deadline] = await sys.api.sql<{ id: string; responsible: unknown }>(
      `SELECT id, responsible FROM deadlines WHERE matter_id = $1 AND kind = 'milestone'`,
      [m.id],
    );
    expect(deadline.responsible).toEqual({ kind: 'user', userId: manager2.id });
    // the milestone's reminders fire after the handover: each goes to the new manager only
    const reminders = await pollUntil(
      () => sys.smtp.messages.filter((x) => x.deliveryKey?.startsWith(`t.${deadline.id}.`)),
      (ms) => ms.some((x) => x.deliveryKey!.includes('.r-PT0S')),
      { timeoutMs: 25_000, what: 'the milestone reminder due now' },
    );
    expect(reminders.length).toBeGreaterThanOrEqual(1);
    for (const r of reminders) expect(r.to).toEqual([manager2.email]);

    // both managers hear of the handover, with the reason and the open milestone
    const handover = await pollUntil(
      () => sys.smtp.messages.filter((x) => x.subject.startsWith('【事项移交】') && x.subject.includes(m.code)),
      (ms) => ms.length === 2,
      { what: 'the handover mail to both managers' },
    );
    expect(handover.flatMap((x) => x.to).sort()).toEqual([manager2.email, 'sticmanager@reformflow.test'].sort());
    expect(handover[0].text).toContain('王磊同志工作调整');
    expect(handover[0].text).toContain('试点方案印发');

    const entry = (await timeline(m.id)).find((e) => e.type === 'manager.reassigned');
    expect(entry?.payload).toMatchObject({
      managerId: manager2.id,
      previousManagerId: sys.world.users.sticManager.id,
      reason: '王磊同志工作调整',
    });
  }, 60_000);

  it("passes reminders held for the previous manager's digest on to the new manager, who reads mail at once", async () => {
    // the previous manager reads a daily digest: the milestone's reminders wait for it, held
    const asOld = { Authorization: `Bearer ${sys.world.token('sticManager')}` };
    const digest = await sys.api.http.patch('/api/v1/me').set(asOld).send({ notificationMode: 'daily_digest', digestTime: '08:00' });
    expect(digest.status).toBe(200);
    try {
      let m = await sys.world.draft({ milestones: [{ title: { zh: '首批机构遴选', en: 'First institutions selected' }, dueIn: 'PT5S' }] });
      m = (await sys.world.act('office', m, 'submit')).body;
      m = (await sys.world.act('sticApprover', m, 'approve')).body;
      const [deadline] = await sys.api.sql<{ id: string }>(`SELECT id FROM deadlines WHERE matter_id = $1 AND kind = 'milestone'`, [m.id]);
      const held = () =>
        sys.api.sql<{ id: string; state: string; recipient_id: string }>(
          `SELECT id, state, recipient_id FROM deliveries WHERE delivery_key LIKE $1 AND template = 'deadline-reminder'`,
          [`t.${deadline.id}.%`],
        );
      const waiting = await pollUntil(held, (rows) => rows.length === 3, { timeoutMs: 15_000, what: 'three held reminders' });
      expect(waiting.map((r) => `${r.state}:${r.recipient_id}`)).toEqual(waiting.map(() => `held:${sys.world.users.sticManager.id}`));

      expect((await sys.world.act('office', m, 'manager', { managerId: manager2.id, reason: '工作调整' })).status).toBe(200);
      const sent = await pollUntil(
        () => sys.smtp.messages.filter((x) => x.deliveryKey?.startsWith(`t.${deadline.id}.`)),
        (ms) => ms.length === 3,
        { what: 'the three reminders, sent to the new manager' },
      );
      expect(sent.map((x) => x.to)).toEqual([[manager2.email], [manager2.email], [manager2.email]]);
      expect((await held()).map((r) => r.recipient_id)).toEqual(waiting.map(() => manager2.id));
    } finally {
      await sys.api.http.patch('/api/v1/me').set(asOld).send({ notificationMode: 'immediate' });
    }
  }, 40_000);

  it('refuses a manager of another unit, a manager who is no manager, the same manager, and a missing reason or version', async () => {
    let m = await sys.world.draft({ milestones: [{ title: { en: 'M' }, dueIn: 'P30D' }] });
    m = (await sys.world.act('office', m, 'submit')).body;
    const refused = async (who: 'office' | 'sticManager', body: Record<string, unknown>, status: number, field?: string, rule?: string) => {
      const res = await sys.world.act(who, m, 'manager', body);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      if (field) expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
      return res;
    };
    await refused(
      'office',
      { managerId: sys.world.users.commerceManager.id, reason: 'x' },
      422,
      'managerId',
      'manager.not_in_leading_unit',
    );
    await refused('office', { managerId: sys.world.users.sticApprover.id, reason: 'x' }, 422, 'managerId', 'manager.not_a_manager');
    await refused('office', { managerId: sys.world.users.sticManager.id, reason: 'x' }, 409, 'managerId', 'manager.unchanged');
    await refused('office', { managerId: manager2.id }, 400, 'reason', 'required');
    await refused('sticManager', { managerId: manager2.id, reason: 'x' }, 403);
    const unversioned = await sys.api.http
      .post(`/api/v1/matters/${m.id}/manager`)
      .set(office())
      .send({ managerId: manager2.id, reason: 'x' });
    expect(unversioned.status).toBe(428);
    expect((await sys.world.get('office', m.id)).managerId).toBe(sys.world.users.sticManager.id);
  });

  it('replaces an assigned evaluator only with a reason, and never with one of the leading unit', async () => {
    let m = await sys.world.draft({ milestones: [{ title: { en: 'M' }, dueIn: 'P30D' }] });
    m = (await sys.world.act('office', m, 'submit')).body;
    m = (await sys.world.act('sticApprover', m, 'approve')).body;
    m = (await sys.world.act('sticManager', m, 'start-implementation')).body;
    m = (await sys.world.act('office', m, 'request-evaluation')).body;
    m = (await sys.world.act('office', m, 'evaluator', { evaluatorId: sys.world.users.justiceEvaluator.id })).body;
    expect(m.evaluator.userId).toBe(sys.world.users.justiceEvaluator.id);
    const noReason = await sys.world.act('office', m, 'evaluator', { evaluatorId: commerceEvaluator.id });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0]).toMatchObject({ field: 'reason', rule: 'text.required' });
    const ownUnit = await sys.world.act('office', m, 'evaluator', { evaluatorId: sys.world.users.sticEvaluator.id, reason: '回避' });
    expect(ownUnit.status).toBe(422);
    expect(ownUnit.body.errors[0]).toMatchObject({ field: 'evaluatorId', rule: 'evaluation.evaluator_in_leading_unit' });
    const replaced = await sys.world.act('office', m, 'evaluator', { evaluatorId: commerceEvaluator.id, reason: '原评估人需回避' });
    expect(replaced.status).toBe(200);
    expect(replaced.body.evaluator.userId).toBe(commerceEvaluator.id);
    const assigned = (await timeline(m.id)).filter((e) => e.type === 'evaluation.assigned');
    expect(assigned.at(-1)?.payload).toMatchObject({
      previous: { userId: sys.world.users.justiceEvaluator.id },
      reason: '原评估人需回避',
    });
  });
});

describe('bulk urging (批量催办)', () => {
  async function overdueMatters(n: number): Promise<MatterBody[]> {
    const drafted = await Promise.all(Array.from({ length: n }, () => sys.world.draft({ milestones: [] })));
    await sleep(3_300); // the draft stage (PT3S) has passed
    return Promise.all(drafted.map((m) => sys.world.get('office', m.id)));
  }
  const urge = (body: unknown, who: 'office' | 'sticManager' = 'office') =>
    sys.api.http
      .post('/api/v1/matters/urge-notices')
      .set({ Authorization: `Bearer ${sys.world.token(who)}` })
      .send(body as object);
  const auditCount = async (ids: string[]) =>
    Number(
      (
        await sys.api.sql<{ n: string }>(
          `SELECT count(*) AS n FROM audit_events WHERE aggregate_type = 'matter' AND aggregate_id = ANY($1::uuid[]) AND type = 'urge.sent'`,
          [ids],
        )
      )[0].n,
    );

  it('urges three overdue matters with one message: three notices, three audited events, three mails', async () => {
    const ms = await overdueMatters(3);
    const res = await urge({ message: '请于本周五前报送延误原因和整改措施', matters: ms.map((m) => ({ id: m.id, version: m.version })) });
    expect(res.status).toBe(201);
    expect(res.body.items.map((x: { id: string }) => x.id)).toEqual(ms.map((m) => m.id));
    for (const [i, m] of ms.entries()) {
      const now = await sys.world.get('office', m.id);
      expect(now.version).toBe(res.body.items[i].version);
      expect(now.urgeNotices).toHaveLength(1);
      expect(now.urgeNotices[0]).toMatchObject({ id: res.body.items[i].noticeId, message: '请于本周五前报送延误原因和整改措施' });
    }
    expect(await auditCount(ms.map((m) => m.id))).toBe(3);
    // each notice is its own: its mail to the manager, acknowledged on its own
    await pollUntil(
      () => sys.smtp.messages.filter((x) => x.subject.startsWith('【催办】') && ms.some((m) => x.subject.includes(m.code))),
      (mails) => mails.length === 3,
      { what: 'three urge mails' },
    );
    const first = await sys.world.get('sticManager', ms[0].id);
    const ack = await sys.world.act('sticManager', first, `urge-notices/${first.urgeNotices[0].id}/acknowledge`, { response: '已收到' });
    expect(ack.status).toBe(200);
    expect((await sys.world.get('office', ms[1].id)).urgeNotices[0].acknowledgedAt).toBeNull();
  }, 30_000);

  it('writes nothing when one matter of the selection cannot be urged, and names it', async () => {
    const ms = await overdueMatters(2);
    const fresh = await sys.world.draft({ milestones: [] }); // due in 3 s: not overdue yet
    const selection = [...ms, fresh].map((m) => ({ id: m.id, version: m.version }));
    const notOverdue = await urge({ message: '请加快进度', matters: selection });
    expect(notOverdue.status).toBe(422);
    expect(notOverdue.body.code).toBe('urge.not_overdue');
    expect(notOverdue.body.errors[0].field).toBe('matters[2]');

    const stale = await urge({ message: '请加快进度', matters: [selection[0], { ...selection[1], version: selection[1].version + 5 }] });
    expect(stale.status).toBe(409);
    expect(stale.body.errors[0]).toMatchObject({ field: 'matters[1].version', rule: 'version.stale' });

    const unknown = await urge({
      message: '请加快进度',
      matters: [selection[0], { id: '00000000-0000-4000-8000-000000000000', version: 1 }],
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].field).toBe('matters[1].id');

    expect(await auditCount(ms.map((m) => m.id))).toBe(0);
    for (const m of ms) expect((await sys.world.get('office', m.id)).version).toBe(m.version);
  }, 30_000);

  it('refuses bad input and anyone but the reform office', async () => {
    const ms = await overdueMatters(1);
    const one = [{ id: ms[0].id, version: ms[0].version }];
    expect((await urge({ message: 'x', matters: one }, 'sticManager')).status).toBe(403);
    const empty = await urge({ message: 'x', matters: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('matters');
    const twice = await urge({ message: 'x', matters: [...one, ...one] });
    expect(twice.status).toBe(400);
    expect(twice.body.errors[0]).toMatchObject({ field: 'matters', rule: 'unique' });
    const noMessage = await urge({ message: ' ', matters: one });
    expect(noMessage.status).toBe(400);
    expect(noMessage.body.errors[0].field).toBe('message');
    const noVersion = await urge({ message: 'x', matters: [{ id: ms[0].id }] });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.errors[0].field).toBe('matters[0].version');
    expect(await auditCount([ms[0].id])).toBe(0);
  }, 30_000);
});
