import { randomUUID } from 'node:crypto';
import { JobName, QueueName, Queues } from '#queues';
import { bulkTimers } from '../support/bulk.js';
import { pollUntil } from '../support/poll.js';
import { type System, startSystem } from '../support/system.js';

let sys: System;

beforeAll(async () => {
  sys = await startSystem();
  await sys.startWorker();
});
afterAll(() => sys?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The mails of one deadline, as `v<version>.<label>` of the timer that sent them, in arrival order. */
function mailsOf(deadlineId: string): string[] {
  return sys.smtp.messages
    .filter((m) => m.deliveryKey?.startsWith(`t.${deadlineId}.`))
    .map((m) => m.deliveryKey!.split('.').slice(2, 4).join('.'));
}

async function deadlineOf(
  matterId: string,
  kind: string,
  subjectId?: string,
): Promise<{ id: string; status: string; version: number; due_at: Date }> {
  const rows = await sys.api.sql<{ id: string; status: string; version: number; due_at: Date }>(
    `SELECT id, status, version, due_at FROM deadlines WHERE matter_id = $1 AND kind = $2 AND ($3::uuid IS NULL OR subject_id = $3) ORDER BY created_at`,
    [matterId, kind, subjectId ?? null],
  );
  return rows[rows.length - 1];
}

describe('reminders and escalations', () => {
  it('sends three reminders in order, then escalation levels 1 and 2, and nothing once the stage is done', async () => {
    const m = await sys.world.draft({ milestones: [] }); // the draft stage is due in PT3S
    const deadline = await deadlineOf(m.id, 'stage');
    await pollUntil(
      () => mailsOf(deadline.id),
      (labels) => labels.includes('v1.e2'),
      { timeoutMs: 15_000, what: 'escalation level 2' },
    );
    const submitted = await sys.world.act('office', await sys.world.get('office', m.id), 'submit');
    expect(submitted.status).toBe(200);
    await sleep(3_000); // level 3 would come 4 s after the due time
    expect(mailsOf(deadline.id)).toEqual(['v1.r-PT2S', 'v1.r-PT1S', 'v1.r-PT0S', 'v1.e1', 'v1.e2']);
    const timers = await sys.api.sql<{ label: string; state: string }>(
      `SELECT label, state FROM timers WHERE deadline_id = $1 ORDER BY fire_at`,
      [deadline.id],
    );
    expect(timers.map((t) => `${t.label}:${t.state}`)).toEqual([
      'r-PT2S:fired',
      'r-PT1S:fired',
      'r-PT0S:fired',
      'e1:fired',
      'e2:fired',
      'e3:cancelled',
    ]);
    expect((await deadlineOf(m.id, 'stage')).status).toBe('met');
    // and the reminders went to the responsible manager, saying what is due and when
    const reminder = sys.smtp.messages.find((x) => x.deliveryKey?.startsWith(`t.${deadline.id}.v1.r-PT0S`))!;
    expect(reminder.to).toEqual(['sticmanager@reformflow.test']);
    expect(reminder.subject).toContain(m.code);
    expect(reminder.text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/);
  });

  it('re-plans the timers of a moved deadline, and cancels those of a deadline met early', async () => {
    let m = await sys.world.draft({
      milestones: [
        { title: { en: 'moved' }, dueIn: 'PT6S' },
        { title: { en: 'completed early' }, dueIn: 'PT6S' },
      ],
    });
    const steps = async (action: string, body = {}) => {
      const res = await sys.world.act(action === 'approve' ? 'sticApprover' : 'sticManager', m, action, body);
      expect(res.status).toBe(200);
      m = res.body;
    };
    await steps('submit');
    await steps('approve');
    await steps('start-implementation');
    const [moved, early] = m.milestones as Array<{ id: string }>;
    const before = await deadlineOf(m.id, 'milestone', moved.id);
    const patched = await sys.api.http
      .patch(`/api/v1/matters/${m.id}/milestones/${moved.id}`)
      .set({ Authorization: `Bearer ${sys.world.token('sticManager')}`, 'If-Match': `"${m.version}"` })
      .send({ dueIn: 'PT9S' });
    expect(patched.status).toBe(200);
    m = patched.body;
    await steps(`milestones/${early.id}/complete`);

    const after = await deadlineOf(m.id, 'milestone', moved.id);
    expect(after).toMatchObject({ id: before.id, version: 2, status: 'open' });
    await pollUntil(
      () => mailsOf(after.id),
      (l) => l.includes('v2.r-PT0S'),
      { timeoutMs: 15_000, what: 'the moved reminder' },
    );
    // the new due time, not the old one: the last reminder arrives about 9 s after the move
    expect(mailsOf(after.id)).toEqual(['v2.r-PT2S', 'v2.r-PT1S', 'v2.r-PT0S']);
    const earlyDeadline = await deadlineOf(m.id, 'milestone', early.id);
    expect(earlyDeadline.status).toBe('met');
    expect(mailsOf(earlyDeadline.id)).toEqual([]);
    const states = await sys.api.sql<{ deadline_version: number; state: string; n: string }>(
      `SELECT deadline_version, state, count(*) AS n FROM timers WHERE deadline_id = ANY($1) GROUP BY 1, 2 ORDER BY 1, 2`,
      [[after.id, earlyDeadline.id]],
    );
    expect(states.map((s) => `v${s.deadline_version}:${s.state}:${s.n}`)).toEqual(['v1:cancelled:6', 'v2:fired:3']);
  });
});

describe('who is told', () => {
  it('escalates level 2 to the head of the leading unit, or to its managers when it has none', async () => {
    const admin = { Authorization: `Bearer ${sys.world.token('admin')}` };
    const recipientsOfLevel2 = (deadlineId: string) =>
      sys.smtp.messages.filter((x) => x.deliveryKey?.startsWith(`t.${deadlineId}.v1.e2.`)).map((x) => x.to[0]);

    const a = await sys.world.draft({ milestones: [] });
    const da = await deadlineOf(a.id, 'stage');
    await pollUntil(
      () => recipientsOfLevel2(da.id),
      (r) => r.length > 0,
      { timeoutMs: 15_000, what: 'level 2 without a head' },
    );
    expect(recipientsOfLevel2(da.id)).toEqual(['sticmanager@reformflow.test']);

    const named = await sys.api.http
      .patch(`/api/v1/units/${sys.world.units.stic}`)
      .set(admin)
      .send({ headUserId: sys.world.users.sticApprover.id });
    expect(named.status).toBe(200);
    expect(named.body.headUserId).toBe(sys.world.users.sticApprover.id);
    const b = await sys.world.draft({ milestones: [] });
    const db = await deadlineOf(b.id, 'stage');
    await pollUntil(
      () => recipientsOfLevel2(db.id),
      (r) => r.length > 0,
      { timeoutMs: 15_000, what: 'level 2 with a head' },
    );
    expect(recipientsOfLevel2(db.id)).toEqual(['sticapprover@reformflow.test']);

    // a head must belong to the unit
    const stranger = await sys.api.http
      .patch(`/api/v1/units/${sys.world.units.stic}`)
      .set(admin)
      .send({ headUserId: sys.world.users.justiceManager.id });
    expect(stranger.status).toBe(422);
    expect(stranger.body.errors[0]).toMatchObject({ field: 'headUserId', rule: 'unit.head_not_member' });
    await sys.api.http.patch(`/api/v1/units/${sys.world.units.stic}`).set(admin).send({ headUserId: null });
  });
});

describe('nothing lost when Redis loses everything', () => {
  it('delivers every one of 200 pending reminders, each exactly once, after FLUSHALL', async () => {
    const matters = await bulkTimers(sys.world, { matters: 40, milestones: 5, dueIn: 'PT8S', code: 'FLUSH' });
    const ids = matters.map((m) => m.id);
    const [{ n }] = await sys.api.sql<{ n: string }>(
      `SELECT count(*) AS n FROM timers t JOIN deadlines d ON d.id = t.deadline_id WHERE d.matter_id = ANY($1) AND t.state = 'pending'`,
      [ids],
    );
    expect(Number(n)).toBe(200);
    await pollUntil(
      async () => sys.redis.client.zcard(`${sys.env.QUEUE_PREFIX}:timers:delayed`),
      (c) => c >= 200,
      { what: '200 delayed jobs in Redis' },
    );
    await sys.redis.flushAll();
    // the workers recreate their bookkeeping keys at once; the 200 delayed jobs are gone
    expect(await sys.redis.client.zcard(`${sys.env.QUEUE_PREFIX}:timers:delayed`)).toBeLessThan(200);

    const keys = await sys.api.sql<{ id: string }>(
      `SELECT t.id FROM timers t JOIN deadlines d ON d.id = t.deadline_id WHERE d.matter_id = ANY($1)`,
      [ids],
    );
    const timerIds = new Set(keys.map((k) => k.id));
    const received = () => sys.smtp.messages.filter((msg) => timerIds.has(msg.deliveryKey?.split('.').slice(0, 4).join('.') ?? ''));
    await pollUntil(
      () => received().length,
      (c) => c >= 200,
      { timeoutMs: 40_000, what: '200 reminders after FLUSHALL' },
    );
    await sleep(2_000); // would a duplicate follow?
    const perKey = new Map<string, number>();
    for (const msg of received()) perKey.set(msg.deliveryKey!, (perKey.get(msg.deliveryKey!) ?? 0) + 1);
    expect(perKey.size).toBe(200);
    expect([...perKey.values()].every((c) => c === 1)).toBe(true);
  });
});

describe('urge notices (催办)', () => {
  async function overdueMatter() {
    const m = await sys.world.draft({ milestones: [] });
    await sleep(3_200); // the draft stage (PT3S) has passed
    return sys.world.get('office', m.id);
  }

  it('refuses an urge notice on a matter that is not overdue', async () => {
    const m = await sys.world.draft({ milestones: [] });
    const res = await sys.world.act('office', m, 'urge-notices', { message: '请加快进度' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('urge.not_overdue');
  });

  it('escalates a notice nobody acknowledges, and stops for one that is acknowledged', async () => {
    const [a, b] = await Promise.all([overdueMatter(), overdueMatter()]);
    const sentA = await sys.world.act('office', a, 'urge-notices', { message: '请于本周内报送实施方案' });
    const sentB = await sys.world.act('office', b, 'urge-notices', { message: '请说明延误原因' });
    expect([sentA.status, sentB.status]).toEqual([201, 201]);
    const noticeB = sentB.body.urgeNotices[0];
    const ack = await sys.world.act('sticManager', sentB.body, `urge-notices/${noticeB.id}/acknowledge`, {
      response: '已收到，三日内报送',
    });
    expect(ack.status).toBe(200);
    expect(ack.body.urgeNotices[0]).toMatchObject({ acknowledgedBy: sys.world.users.sticManager.id, response: '已收到，三日内报送' });

    const urgeA = await deadlineOf(a.id, 'urge_notice');
    const urgeB = await deadlineOf(b.id, 'urge_notice');
    // acknowledge within PT2S, then level 1 after PT1S and level 2 after PT2S
    await pollUntil(
      () => mailsOf(urgeA.id),
      (l) => l.includes('v1.e2'),
      { timeoutMs: 15_000, what: 'the urge notice escalating' },
    );
    expect(mailsOf(urgeA.id)).toEqual(['v1.e1', 'v1.e2']);
    expect(mailsOf(urgeB.id)).toEqual([]);
    expect((await deadlineOf(b.id, 'urge_notice')).status).toBe('met');
    // the notice itself was mailed to the manager at once, and the sender heard of the acknowledgement
    expect(sys.smtp.messages.some((x) => x.subject.startsWith(`【催办】${a.code}`) && x.to[0] === 'sticmanager@reformflow.test')).toBe(
      true,
    );
    await pollUntil(() => sys.smtp.messages.some((x) => x.subject.startsWith(`【催办已确认】${b.code}`)), Boolean, {
      what: 'the acknowledgement mail',
    });
    const timeline = await sys.api.http
      .get(`/api/v1/matters/${b.id}/timeline`)
      .set({ Authorization: `Bearer ${sys.world.token('office')}` });
    expect(timeline.body.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['urge.sent', 'urge.acknowledged']));
  });

  it('lets only the leading unit’s manager acknowledge, and only the reform office send', async () => {
    const m = await overdueMatter();
    expect((await sys.world.act('sticManager', m, 'urge-notices', { message: 'x' })).status).toBe(403);
    const sent = await sys.world.act('office', m, 'urge-notices', { message: '请尽快推进' });
    const id = sent.body.urgeNotices[0].id;
    expect((await sys.world.act('commerceManager', sent.body, `urge-notices/${id}/acknowledge`)).status).toBe(403);
    expect((await sys.world.act('sticManager', sent.body, `urge-notices/${randomUUID()}/acknowledge`)).status).toBe(404);
  });
});

describe('a clock suspended for legal authorization', () => {
  it('runs no milestone timer while waiting, and resumes with the time that was left', async () => {
    let m = await sys.world.draft({ requiresLegalAuthorization: true, milestones: [{ title: { en: 'pilot starts' }, dueIn: 'PT30S' }] });
    m = (await sys.world.act('office', m, 'submit')).body;
    m = (await sys.world.act('sticApprover', m, 'approve')).body;
    expect(m.currentStep.key).toBe('legal-authorization');
    const waiting = await deadlineOf(m.id, 'milestone');
    expect(waiting.status).toBe('suspended');
    const [{ pending }] = await sys.api.sql<{ pending: string }>(
      `SELECT count(*) AS pending FROM timers WHERE deadline_id = $1 AND state = 'pending'`,
      [waiting.id],
    );
    expect(Number(pending)).toBe(0);
    const leftAtSuspension = waiting.due_at.getTime() - Date.parse(m.currentStep.startedAt);
    await sleep(2_000);
    m = (await sys.world.act('nationApprover', m, 'approve')).body;
    const resumed = await deadlineOf(m.id, 'milestone');
    expect(resumed).toMatchObject({ id: waiting.id, status: 'open', version: waiting.version + 1 });
    expect(resumed.due_at.getTime() - Date.parse(m.legalAuthorizedAt)).toBe(leftAtSuspension);
    const [{ planned }] = await sys.api.sql<{ planned: string }>(
      `SELECT count(*) AS planned FROM timers WHERE deadline_id = $1 AND state = 'pending'`,
      [resumed.id],
    );
    expect(Number(planned)).toBe(3);
  });
});

describe('relays and stale jobs', () => {
  it('turns an outbox row relayed twice into one job, handled once', async () => {
    const m = await sys.world.draft({ milestones: [] });
    await sys.world.act('office', m, 'submit');
    const key = `ev.${m.id}.2`; // the submission: event #2 of the matter
    await pollUntil(
      () => sys.smtp.messages.filter((x) => x.deliveryKey?.startsWith(`${key}.`)).length,
      (n) => n === 1,
      { what: 'the approval request' },
    );
    // as if the relay crashed after adding the job but before recording it: the row goes out again
    await sys.api.sql(`UPDATE outbox SET relayed_at = NULL WHERE dedupe_key = $1`, [key]);
    await pollUntil(
      async () => (await sys.api.sql<{ relayed_at: Date | null }>(`SELECT relayed_at FROM outbox WHERE dedupe_key = $1`, [key]))[0],
      (r) => r.relayed_at !== null,
      {
        what: 'the row relayed again',
      },
    );
    await sleep(1_500);
    expect(sys.smtp.messages.filter((x) => x.deliveryKey?.startsWith(`${key}.`))).toHaveLength(1);
    const job = await sys.world.api.app.get(Queues).get(QueueName.Events).getJob(key);
    expect(job?.attemptsMade).toBe(1);
  });

  it('lets a timer job of a moved deadline do nothing, whether its timer was cancelled or is still marked pending', async () => {
    let m = await sys.world.draft({ milestones: [{ title: { en: 'M' }, dueIn: 'PT60S' }] });
    m = (await sys.world.act('office', m, 'submit')).body;
    m = (await sys.world.act('sticApprover', m, 'approve')).body;
    const milestone = m.milestones[0].id;
    const d = await deadlineOf(m.id, 'milestone', milestone);
    const oldTimer = `t.${d.id}.v1.r-PT0S`;
    const moved = await sys.api.http
      .patch(`/api/v1/matters/${m.id}/milestones/${milestone}`)
      .set({ Authorization: `Bearer ${sys.world.token('sticManager')}`, 'If-Match': `"${m.version}"` })
      .send({ dueIn: 'PT90S' });
    expect(moved.status).toBe(200);
    const timers = sys.world.api.app.get(Queues).get(QueueName.Timers);
    // a job for the old version still arrives (say, re-added from a stale copy)
    await timers.add(JobName.TimerFire, { timerId: oldTimer }, { jobId: `${oldTimer}.again` });
    await pollUntil(
      async () => (await timers.getJob(`${oldTimer}.again`))?.returnvalue as unknown,
      (v) => v !== undefined && v !== null,
      { what: 'the stale job to run' },
    );
    expect((await timers.getJob(`${oldTimer}.again`))?.returnvalue).toBe('not_pending');
    // and if its timer row were still pending (a race with the move), the version check stops it
    await sys.api.sql(`UPDATE timers SET state = 'pending' WHERE id = $1`, [oldTimer]);
    await timers.add(JobName.TimerFire, { timerId: oldTimer }, { jobId: `${oldTimer}.race` });
    await pollUntil(
      async () => (await timers.getJob(`${oldTimer}.race`))?.returnvalue as unknown,
      (v) => v !== undefined && v !== null,
      { what: 'the racing job to run' },
    );
    expect((await timers.getJob(`${oldTimer}.race`))?.returnvalue).toBe('skipped');
    const [row] = await sys.api.sql<{ state: string }>(`SELECT state FROM timers WHERE id = $1`, [oldTimer]);
    expect(row.state).toBe('skipped');
    expect(sys.smtp.messages.filter((x) => x.deliveryKey?.startsWith(oldTimer))).toEqual([]);
  });
});
