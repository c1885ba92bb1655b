import { wallClockAt } from '#domain';
import { pollUntil } from '../support/poll.js';
import { type System, startSystem } from '../support/system.js';

/**
 * 委托代理 (issue 13 item 2) over the real api, worker, PostgreSQL, Redis and SMTP: a deputy of
 * the same unit and role, named for a period, receives the absent person's tasks and mail and
 * decides for them, audited as "by the deputy on behalf of the absent person"; when the period
 * ends, it is over. The timers workflow gives milestones reminders PT2S, PT1S, PT0S before due.
 */
let sys: System;
let approver2: { id: string; token: string };
let manager2: { id: string; token: string; email: string };

beforeAll(async () => {
  // digests are swept every second, not every minute
  sys = await startSystem({ env: { DIGEST_SWEEP_INTERVAL: 'PT1S' } });
  await sys.startWorker();
  approver2 = await sys.world.addUser('sticapprover2@reformflow.test', 'stic', ['approver'], '刘洋');
  manager2 = await sys.world.addUser('sticmanager2@reformflow.test', 'stic', ['manager'], '陈静');
});
afterAll(() => sys?.close());

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const period = (deputyId: string, over: Record<string, unknown> = {}) => ({
  deputyId,
  startsAt: new Date(Date.now() - 1_000).toISOString(),
  endsAt: inHours(2),
  reason: '休假',
  ...over,
});

describe('naming a deputy', () => {
  it('refuses another unit, another role, oneself, a period ending before it starts, an overlap and a chain, each naming the field', async () => {
    const as = bearer(sys.world.token('sticApprover'));
    const refused = async (body: Record<string, unknown>, status: number, field?: string, rule?: string, token = as) => {
      const res = await sys.api.http.post('/api/v1/me/deputies').set(token).send(body);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      if (field) expect(res.body.errors[0]).toMatchObject({ field, rule });
    };
    await refused(period(sys.world.users.commerceApprover.id), 422, 'deputyId', 'deputy.other_unit');
    await refused(period(sys.world.users.sticManager.id), 422, 'deputyId', 'deputy.other_role');
    await refused(period(sys.world.users.sticApprover.id), 422, 'deputyId', 'deputy.self');
    await refused(period(approver2.id, { startsAt: inHours(3), endsAt: inHours(1) }), 422, 'endsAt', 'period.ends_before_start');
    await refused(period(approver2.id, { startsAt: 'tomorrow' }), 400, 'startsAt', 'date_time');
    await refused({ ...period(approver2.id), reason: ' ' }, 400, 'reason', 'required');

    // a deputy for next week, then one overlapping it
    const later = await sys.api.http
      .post('/api/v1/me/deputies')
      .set(as)
      .send(period(approver2.id, { startsAt: inHours(24 * 7), endsAt: inHours(24 * 9) }));
    expect(later.status).toBe(201);
    await refused(period(approver2.id, { startsAt: inHours(24 * 8), endsAt: inHours(24 * 10) }), 422, 'startsAt', 'period.overlaps');
    // approver2 stands in for sticApprover next week and may not hand that work back to sticApprover, who is away then
    // (a chain through a third person is refused as deputy.chain: libs/domain/src/users/deputies.spec.ts)
    await refused(
      period(sys.world.users.sticApprover.id, { startsAt: inHours(24 * 8), endsAt: inHours(24 * 8.5) }),
      422,
      'deputyId',
      'deputy.away',
      bearer(approver2.token),
    );
    // someone else's deputy: only the person, an admin or the reform office
    const other = await sys.api.http
      .post(`/api/v1/users/${sys.world.users.sticApprover.id}/deputies`)
      .set(bearer(sys.world.token('sticManager')))
      .send(period(approver2.id, { startsAt: inHours(100), endsAt: inHours(101) }));
    expect(other.status).toBe(403);
    const ended = await sys.api.http.post(`/api/v1/deputies/${later.body.id}/end`).set(as);
    expect(ended.status).toBe(200);
    expect(ended.body.endedAt).not.toBeNull();
    const unknownUser = await sys.api.http
      .get('/api/v1/users/00000000-0000-4000-8000-000000000000/deputies')
      .set(bearer(sys.world.token('office')));
    expect(unknownUser.status).toBe(404);
  });
});

describe('a deputy at work', () => {
  it('decides an approval step for the approver away, audited with both names; after the period the approver decides again', async () => {
    const named = await sys.api.http
      .post(`/api/v1/users/${sys.world.users.sticApprover.id}/deputies`)
      .set(bearer(sys.world.token('office')))
      .send(period(approver2.id, { reason: '出差' }));
    expect(named.status).toBe(201);
    expect(named.body).toMatchObject({ inForce: true, user: { displayName: 'sticApprover' }, deputy: { displayName: '刘洋' } });

    let m = await sys.world.draft({ milestones: [{ title: { en: 'M' }, dueIn: 'P30D' }] });
    m = (await sys.world.act('office', m, 'submit')).body;
    // the deputy's inbox holds the approver's step, marked as theirs
    const tasks = await sys.api.http.get('/api/v1/me/tasks').set(bearer(approver2.token));
    expect(tasks.status).toBe(200);
    // (approver2 is an approver of the unit too: the step is theirs as well, so it shows once, as their own)
    expect(tasks.body.items.filter((t: { matter: { id: string } | null }) => t.matter?.id === m.id)).toHaveLength(1);

    const approved = await sys.api.http
      .post(`/api/v1/matters/${m.id}/approve`)
      .set({ ...bearer(approver2.token), 'If-Match': `"${m.version}"`, 'On-Behalf-Of': sys.world.users.sticApprover.id })
      .send({ comment: '同意（代签）' });
    expect(approved.status).toBe(200);
    const timeline = (await sys.api.http.get(`/api/v1/matters/${m.id}/timeline`).set(bearer(sys.world.token('office')))).body as Array<{
      type: string;
      actor: { id: string; displayName: string } | null;
      payload: Record<string, unknown>;
    }>;
    const decision = timeline.find((e) => e.type === 'approval.step_approved');
    expect(decision?.actor).toMatchObject({ id: approver2.id, displayName: '刘洋' });
    expect(decision?.payload.onBehalfOf).toBe(sys.world.users.sticApprover.id);

    // the period ends: the deputy may no longer act for the approver, who decides in person again
    expect((await sys.api.http.post(`/api/v1/deputies/${named.body.id}/end`).set(bearer(approver2.token))).status).toBe(200);
    let n = await sys.world.draft({ milestones: [{ title: { en: 'M' }, dueIn: 'P30D' }] });
    n = (await sys.world.act('office', n, 'submit')).body;
    const late = await sys.api.http
      .post(`/api/v1/matters/${n.id}/approve`)
      .set({ ...bearer(approver2.token), 'If-Match': `"${n.version}"`, 'On-Behalf-Of': sys.world.users.sticApprover.id })
      .send({});
    expect(late.status).toBe(403);
    expect(late.body.code).toBe('deputy.not_in_force');
    expect((await sys.world.act('sticApprover', n, 'approve')).status).toBe(200);
  });

  it("sends the manager's reminders to the deputy, for timers planned before the period, and lists the manager's tasks in the deputy's inbox", async () => {
    let m = await sys.world.draft({ milestones: [{ title: { zh: '首批机构遴选', en: 'First institutions selected' }, dueIn: 'PT8S' }] });
    m = (await sys.world.act('office', m, 'submit')).body;
    m = (await sys.world.act('sticApprover', m, 'approve')).body;
    const [deadline] = await sys.api.sql<{ id: string }>(`SELECT id FROM deadlines WHERE matter_id = $1 AND kind = 'milestone'`, [m.id]);
    // the timers are planned; only now does the manager go away, without keeping a copy
    const named = await sys.api.http
      .post('/api/v1/me/deputies')
      .set(bearer(sys.world.token('sticManager')))
      .send(period(manager2.id, { keepCopy: false }));
    expect(named.status).toBe(201);
    try {
      const tasks = await sys.api.http.get('/api/v1/me/tasks').set(bearer(manager2.token));
      const theirs = tasks.body.items.find((t: { matter: { id: string } | null }) => t.matter?.id === m.id);
      expect(theirs).toMatchObject({ kind: 'milestone', onBehalfOf: { id: sys.world.users.sticManager.id, displayName: 'sticManager' } });
      expect(theirs.link).toContain(`onBehalfOf=${sys.world.users.sticManager.id}`);

      const reminders = await pollUntil(
        () => sys.smtp.messages.filter((x) => x.deliveryKey?.startsWith(`t.${deadline.id}.`)),
        (ms) => ms.some((x) => x.deliveryKey!.includes('.r-PT0S')),
        { timeoutMs: 20_000, what: 'the milestone reminder due now' },
      );
      for (const r of reminders) {
        expect(r.to).toEqual([manager2.email]);
        // the mail says whom it was for (sticManager's locale and the deputy's: Chinese by default), and opens the matter on their behalf
        expect(r.text).toContain('（代 sticManager 收：此邮件原发给 sticManager，您作为其代理人收到。）');
        expect(r.text).toMatch(new RegExp(`/matters/${m.id}\\?\\S*onBehalfOf=${sys.world.users.sticManager.id}`));
      }

      // the matter page asks, with On-Behalf-Of, what the manager may do
      const forManager = await sys.api.http
        .get(`/api/v1/matters/${m.id}/actions`)
        .set({ ...bearer(manager2.token), 'On-Behalf-Of': sys.world.users.sticManager.id });
      expect(forManager.status).toBe(200);
      expect(forManager.body.actions.map((a: { type: string }) => a.type)).toContain('start_implementation');

      // and the deputy completes the milestone for the manager
      const done = await sys.api.http
        .post(`/api/v1/matters/${m.id}/start-implementation`)
        .set({ ...bearer(manager2.token), 'If-Match': `"${m.version}"`, 'On-Behalf-Of': sys.world.users.sticManager.id })
        .send({});
      expect(done.status).toBe(200);
    } finally {
      await sys.api.http.post(`/api/v1/deputies/${named.body.id}/end`).set(bearer(sys.world.token('sticManager')));
    }
  }, 40_000);

  it("gathers the absent manager's reminders into the deputy's daily digest, saying whose they are and linking on their behalf", async () => {
    // the deputy reads a digest, not yet due today: 23:59 in a zone where it is not yet evening
    const zone = ['Asia/Shanghai', 'Europe/London', 'America/New_York', 'Pacific/Honolulu'].find(
      (z) => wallClockAt(new Date(), z).hour < 20,
    )!;
    const me = (body: Record<string, unknown>) => sys.api.http.patch('/api/v1/me').set(bearer(manager2.token)).send(body);
    expect((await me({ notificationMode: 'daily_digest', digestTime: '23:59', timeZone: zone })).status).toBe(200);
    const named = await sys.api.http
      .post('/api/v1/me/deputies')
      .set(bearer(sys.world.token('sticManager')))
      .send(period(manager2.id, { keepCopy: false }));
    expect(named.status).toBe(201);
    try {
      let m = await sys.world.draft({ milestones: [{ title: { zh: '配套政策出台', en: 'Measures issued' }, dueIn: 'PT6S' }] });
      m = (await sys.world.act('office', m, 'submit')).body;
      m = (await sys.world.act('sticApprover', m, 'approve')).body;
      const [deadline] = await sys.api.sql<{ id: string }>(`SELECT id FROM deadlines WHERE matter_id = $1 AND kind = 'milestone'`, [m.id]);
      await pollUntil(
        () =>
          sys.api.sql<{ n: string }>(
            `SELECT count(*) AS n FROM deliveries WHERE recipient_id = $1 AND state = 'held' AND delivery_key LIKE $2`,
            [manager2.id, `t.${deadline.id}.%`],
          ),
        ([r]) => Number(r.n) === 3,
        { timeoutMs: 20_000, what: "the manager's three reminders, held for the deputy's digest" },
      );
      const before = sys.smtp.messages.length;
      expect((await me({ digestTime: '00:00' })).status).toBe(200);
      const [digest] = await pollUntil(
        () => sys.smtp.messages.slice(before).filter((x) => x.deliveryKey?.startsWith(`digest.${manager2.id}.`)),
        (x) => x.length === 1,
        { timeoutMs: 15_000, what: "the deputy's digest" },
      );
      expect(digest.to).toEqual([manager2.email]);
      expect(digest.text).toContain(m.code);
      expect(digest.text).toContain('（代 sticManager 办理：以下提醒原发给 sticManager，您作为其代理人收到。）');
      expect(digest.text).toMatch(new RegExp(`/matters/${m.id}\\?\\S*onBehalfOf=${sys.world.users.sticManager.id}`));
    } finally {
      await sys.api.http.post(`/api/v1/deputies/${named.body.id}/end`).set(bearer(sys.world.token('sticManager')));
      await me({ notificationMode: 'immediate' });
    }
  }, 60_000);

  it('refuses On-Behalf-Of from someone who is no deputy of that person, and a malformed one', async () => {
    let m = await sys.world.draft({ milestones: [{ title: { en: 'M' }, dueIn: 'P30D' }] });
    m = (await sys.world.act('office', m, 'submit')).body;
    const notDeputy = await sys.api.http
      .post(`/api/v1/matters/${m.id}/approve`)
      .set({ ...bearer(approver2.token), 'If-Match': `"${m.version}"`, 'On-Behalf-Of': sys.world.users.sticManager.id })
      .send({});
    expect(notDeputy.status).toBe(403);
    const notDeputyActions = await sys.api.http
      .get(`/api/v1/matters/${m.id}/actions`)
      .set({ ...bearer(approver2.token), 'On-Behalf-Of': sys.world.users.sticManager.id });
    expect(notDeputyActions.status).toBe(403);
    expect(notDeputyActions.body.code).toBe('deputy.not_in_force');
    const malformed = await sys.api.http
      .post(`/api/v1/matters/${m.id}/approve`)
      .set({ ...bearer(approver2.token), 'If-Match': `"${m.version}"`, 'On-Behalf-Of': 'someone' })
      .send({});
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0]).toMatchObject({ field: 'On-Behalf-Of', rule: 'uuid' });
  });
});
