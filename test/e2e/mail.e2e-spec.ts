/**
 * Mail a manager can act on: templates in the recipient's language, calendar entries
 * that follow their deadline, daily digests, and a delivery log with failures told.
 */
import { wallClockAt } from '#domain';
import { pollUntil } from '../support/poll.js';
import type { ReceivedMail } from '../support/smtp-server.js';
import { deciderOf } from '../support/api-world.js';
import { type System, startSystem } from '../support/system.js';

let sys: System;

beforeAll(async () => {
  sys = await startSystem({
    env: { DIGEST_SWEEP_INTERVAL: 'PT1S' },
    // the commerce manager's mailbox does not exist: the server refuses mail to it for good
    smtpReplies: (mail: ReceivedMail) =>
      mail.envelope.to.includes('commercemanager@reformflow.test') ? { code: 550, message: '5.1.1 mailbox unavailable' } : 'ok',
  });
  await sys.startWorker();
});
afterAll(() => sys?.close());

const auth = (who: Parameters<System['world']['token']>[0]) => ({ Authorization: `Bearer ${sys.world.token(who)}` });
const unfold = (ics: string) => ics.replace(/\r\n /g, '');
const field = (ics: string, name: string) => new RegExp(`^${name}[;:](.*)$`, 'm').exec(unfold(ics))?.[1]?.replace(/^.*:/, '');
const utc = (iso: string) =>
  new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

async function deadline(matterId: string, key: string) {
  const [d] = await sys.api.sql<{ id: string; due_at: Date; version: number }>(
    `SELECT id, due_at, version FROM deadlines WHERE matter_id = $1 AND key LIKE $2`,
    [matterId, key],
  );
  return d;
}
const mailsFor = (prefix: string) => sys.smtp.messages.filter((m) => m.deliveryKey?.startsWith(prefix));

describe('a reminder', () => {
  it('has an HTML and a plain-text part, says which matter, and carries one calendar entry for its deadline', async () => {
    const m = await sys.world.draft({ milestones: [] }); // the draft stage is due in PT3S
    const d = await deadline(m.id, 'stage:draft:%');
    const [mail] = await pollUntil(
      () => mailsFor(`t.${d.id}.v1.r-PT2S.`),
      (x) => x.length === 1,
      { timeoutMs: 10_000, what: 'the first reminder' },
    );
    expect(mail.html).toContain(m.code);
    expect(mail.text).toContain(m.code);
    expect(mail.subject).toContain(m.code);
    // the links open the web page with what is due ready: a draft's reminder opens its submission
    expect(mail.text).toContain(`/matters/${m.id}?action=submit`);
    expect(mail.html!.replaceAll('&#x3D;', '=')).toContain(`/matters/${m.id}?action=submit`); // Handlebars writes = as &#x3D;, which a browser reads as =
    expect(mail.text).not.toContain('/api/');
    // from the system, by its name in the recipient's language
    expect(mail.fromName).toBe('综合改革试点事项管理系统');
    // one calendar part, for this deadline: its UID, its due time, a request
    const calendarParts = mail.attachments.filter((a) => a.contentType === 'text/calendar');
    expect(calendarParts).toHaveLength(1);
    const ics = mail.calendar!.content;
    expect(mail.calendar!.method).toBe('REQUEST');
    expect(field(ics, 'UID')).toBe(`deadline-${d.id}@reformflow`);
    expect(field(ics, 'DTSTART')).toBe(utc(d.due_at.toISOString()));
    expect(field(ics, 'SEQUENCE')).toBe('1');
    expect(unfold(ics).match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });

  it('is in English for a recipient who prefers it, with the matter’s English title', async () => {
    const m = await sys.world.draft({
      milestones: [],
      leadingUnitId: sys.world.units.commerce,
      managerId: sys.world.users.commerceManager.id, // locale en — and a mailbox the server refuses, see below
      participatingUnitIds: [],
      title: { zh: '国际贸易单一窗口', en: 'International trade single window' },
    });
    const d = await deadline(m.id, 'stage:draft:%');
    const [row] = await pollUntil(
      () =>
        sys.api.sql<{ locale: string; subject: string | null; state: string }>(
          `SELECT locale, subject, state FROM deliveries WHERE delivery_key LIKE $1`,
          [`t.${d.id}.v1.r-PT2S.%`],
        ),
      (rows) => rows.length === 1 && rows[0].subject !== null,
      { timeoutMs: 10_000, what: 'the English reminder composed' },
    );
    expect(row.locale).toBe('en');
    expect(row.subject).toContain('International trade single window');
    expect(row.subject).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('calendar entries', () => {
  it('move with their deadline (same UID, higher SEQUENCE) and are cancelled when it is met', async () => {
    let m = await sys.world.draft({ milestones: [{ title: { zh: '试点方案印发', en: 'Pilot plan issued' }, dueIn: 'PT4S' }] });
    m = (await sys.world.act('office', m, 'submit')).body;
    const step = await deadline(m.id, 'step:%');
    const milestone = await deadline(m.id, 'milestone:%');
    // the approver's request carries the step's entry; the milestone's first reminder carries the milestone's
    await pollUntil(
      () => mailsFor(`ev.${m.id}.`).filter((x) => x.calendar),
      (x) => x.length >= 1,
      { timeoutMs: 10_000, what: 'the approval request' },
    );
    await pollUntil(
      () => mailsFor(`t.${milestone.id}.v1.`),
      (x) => x.length >= 1,
      { timeoutMs: 10_000, what: 'a milestone reminder' },
    );

    // moving the milestone: the same entry again, with the new time and a higher sequence
    m = (await sys.world.act('sticApprover', m, 'approve')).body; // approved: milestones may move
    const moved = await sys.api.http
      .patch(`/api/v1/matters/${m.id}/milestones/${m.milestones[0].id}`)
      .set({ ...auth('sticManager'), 'If-Match': `"${m.version}"` })
      .send({ dueIn: 'PT1H' });
    expect(moved.status).toBe(200);
    const now = await deadline(m.id, 'milestone:%');
    const [update] = await pollUntil(
      () => mailsFor(`chg.${milestone.id}.v${now.version}.`),
      (x) => x.length >= 1,
      { timeoutMs: 10_000, what: 'the calendar update' },
    );
    expect(update.calendar!.method).toBe('REQUEST');
    expect(field(update.calendar!.content, 'UID')).toBe(`deadline-${milestone.id}@reformflow`);
    expect(Number(field(update.calendar!.content, 'SEQUENCE'))).toBe(now.version);
    expect(field(update.calendar!.content, 'DTSTART')).toBe(utc(now.due_at.toISOString()));

    // the approved step's deadline was met: its entry is cancelled
    const [cancel] = await pollUntil(
      () => mailsFor(`chg.${step.id}.`),
      (x) => x.length >= 1,
      { timeoutMs: 10_000, what: 'the cancellation' },
    );
    expect(cancel.calendar!.method).toBe('CANCEL');
    expect(field(cancel.calendar!.content, 'UID')).toBe(`deadline-${step.id}@reformflow`);
    expect(field(cancel.calendar!.content, 'STATUS')).toBe('CANCELLED');
  });
});

describe('daily digests', () => {
  it('gather the day’s reminders into one mail, grouped by matter, while escalations come at once', async () => {
    const manager = sys.world.users.sticManager.id;
    // the digest is not due yet today: 23:59 in a zone where it is not yet evening
    const zone = ['Asia/Shanghai', 'Europe/London', 'America/New_York', 'Pacific/Honolulu'].find(
      (z) => wallClockAt(new Date(), z).hour < 20,
    )!;
    expect(
      (
        await sys.api.http
          .patch('/api/v1/me')
          .set(auth('sticManager'))
          .send({ notificationMode: 'daily_digest', digestTime: '23:59', timeZone: zone })
      ).status,
    ).toBe(200);
    const before = sys.smtp.messages.length;
    const [a, b] = [await sys.world.draft({ milestones: [] }), await sys.world.draft({ milestones: [] })];
    const da = await deadline(a.id, 'stage:draft:%');
    const db = await deadline(b.id, 'stage:draft:%');
    // three reminders each are held; escalation level 1 (1 s after the due time) is mailed at once
    await pollUntil(
      () => mailsFor(`t.${da.id}.v1.e1.`),
      (x) => x.length === 1,
      { timeoutMs: 10_000, what: 'the escalation, at once' },
    );
    await pollUntil(
      () => sys.api.sql<{ n: string }>(`SELECT count(*) AS n FROM deliveries WHERE recipient_id = $1 AND state = 'held'`, [manager]),
      ([r]) => Number(r.n) === 6,
      { timeoutMs: 10_000, what: 'six held reminders' },
    );
    expect(mailsFor(`t.${da.id}.v1.r-`).length + mailsFor(`t.${db.id}.v1.r-`).length).toBe(0);

    // now it is due: one mail with all six, grouped by matter
    await sys.api.http.patch('/api/v1/me').set(auth('sticManager')).send({ digestTime: '00:00' });
    const [digest] = await pollUntil(
      () => sys.smtp.messages.slice(before).filter((m) => m.deliveryKey?.startsWith(`digest.${manager}.`)),
      (x) => x.length === 1,
      {
        timeoutMs: 10_000,
        what: 'the digest',
      },
    );
    expect(digest.text).toContain(a.code);
    expect(digest.text).toContain(b.code);
    const rows = await sys.api.sql<{ state: string; digest_id: string | null }>(
      `SELECT state, digest_id FROM deliveries WHERE recipient_id = $1 AND template = 'deadline-reminder' AND delivery_key LIKE ANY($2)`,
      [manager, [`t.${da.id}.%`, `t.${db.id}.%`]],
    );
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.state === 'digested' && r.digest_id)).toBe(true);
    const [data] = await sys.api.sql<{ data: { template: { groups: Array<{ items: unknown[] }> } } }>(
      `SELECT data FROM deliveries WHERE delivery_key LIKE $1`,
      [`digest.${manager}.%`],
    );
    expect(data.data.template.groups.map((g) => g.items.length)).toEqual([3, 3]);
    await sys.api.http.patch('/api/v1/me').set(auth('sticManager')).send({ notificationMode: 'immediate' });
  });
});

describe('the delivery log', () => {
  it('records each mail, tells the reform office of one refused for good, and lists a matter’s and a person’s mail', async () => {
    // mail to the commerce manager is refused with 550 (see beforeAll)
    const m = await sys.world.draft({
      milestones: [],
      leadingUnitId: sys.world.units.commerce,
      managerId: sys.world.users.commerceManager.id,
      participatingUnitIds: [],
    });
    const [failed] = await pollUntil(
      () =>
        sys.api.sql<{ id: string; state: string; attempts: number; smtp_response: string | null; last_error: string | null }>(
          `SELECT id, state, attempts, smtp_response, last_error FROM deliveries WHERE matter_id = $1 AND state = 'failed' ORDER BY created_at LIMIT 1`,
          [m.id],
        ),
      (rows) => rows.length === 1,
      { timeoutMs: 10_000, what: 'a failed delivery' },
    );
    expect(failed.attempts).toBe(1); // a 5xx is not retried
    expect(failed.smtp_response).toMatch(/^550/);
    const notices = await pollUntil(
      () => mailsFor(`dfail.${failed.id}.`),
      (x) => x.length >= 1,
      { timeoutMs: 10_000, what: 'the reform office told' },
    );
    expect(notices.map((x) => x.to[0])).toEqual(['office@reformflow.test']);

    const log = await sys.api.http.get(`/api/v1/matters/${m.id}/deliveries`).set(auth('office'));
    expect(log.status).toBe(200);
    expect(log.body.items.find((x: { id: string }) => x.id === failed.id)).toMatchObject({
      state: 'failed',
      smtpResponse: expect.stringMatching(/^550/),
      template: 'deadline-reminder',
    });
    expect(
      log.body.items.every((x: { messageId: string; deliveryKey: string }) => /^<[0-9a-f]{32}@/.test(x.messageId) && x.deliveryKey),
    ).toBe(true);
    expect((await sys.api.http.get(`/api/v1/matters/${m.id}/deliveries`).set(auth('sticManager'))).status).toBe(403);
    const mine = await sys.api.http.get('/api/v1/me/deliveries').set(auth('office'));
    expect(mine.body.items.some((x: { template: string }) => x.template === 'delivery-failed')).toBe(true);
    const theirs = await sys.api.http
      .get(`/api/v1/users/${sys.world.users.commerceManager.id}/deliveries`)
      .set(auth('admin'))
      .query({ state: 'failed' });
    expect(theirs.body.total).toBeGreaterThanOrEqual(1);
  });
});

describe('evaluation mail', () => {
  it('asks the reform office for an evaluator when the pool has none outside the leading unit, then asks the one assigned', async () => {
    const w = sys.world;
    const ok = (res: import('supertest').Response) => {
      if (res.status >= 300) throw new Error(`${res.status}: ${JSON.stringify(res.body)}`);
      return res.body as typeof m;
    };
    let m = await w.draft({ milestones: [{ title: { zh: '方案印发', en: 'Plan issued' }, dueIn: 'P30D' }] });
    m = ok(await w.act('sticManager', m, 'submit'));
    while (m.stage === 'in_approval') m = ok(await w.act(deciderOf(w, m.currentStep), m, 'approve', {}));
    m = ok(await w.act('sticManager', m, 'start-implementation'));
    m = ok(await w.act('sticManager', m, `milestones/${m.milestones[0].id}/complete`, {}));
    expect(m).toMatchObject({ stage: 'in_evaluation', evaluator: null });
    const needed = await pollUntil(
      () => mailsFor(`ev.${m.id}.`).filter((x) => x.subject.startsWith('【待指派评估人】')),
      (x) => x.length >= 1,
      { timeoutMs: 15_000, what: 'the evaluator-needed mail' },
    );
    expect(needed.map((x) => x.to)).toEqual([['office@reformflow.test']]);
    expect(needed[0].text).toContain('评估人不得来自牵头单位');
    m = ok(await w.act('office', m, 'evaluator', { evaluatorId: w.users.justiceEvaluator.id }));
    const asked = await pollUntil(
      () => mailsFor(`ev.${m.id}.`).filter((x) => x.subject.startsWith('【评估请求】')),
      (x) => x.length >= 1,
      { timeoutMs: 15_000, what: 'the evaluation request' },
    );
    expect(asked.map((x) => x.to)).toEqual([['justiceevaluator@reformflow.test']]);
  });
});
