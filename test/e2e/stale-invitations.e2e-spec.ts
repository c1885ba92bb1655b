/**
 * Invitations whose reason went before they were sent (issue 15 item 2): a greylisting
 * server answers 451 to the first attempt at each mail a test names, the matter moves on
 * before the retry, and the retry sends nothing — the delivery is cancelled with its
 * reason and no CANCEL follows. An invitation that did go out is followed by its CANCEL.
 */
import { QueueName, Queues, jobIds } from '#queues';
import { pollUntil } from '../support/poll.js';
import { type ReceivedMail, greylisting } from '../support/smtp-server.js';
import { type System, startSystem } from '../support/system.js';

let sys: System;
/** Delivery-key prefixes whose first attempt the server greylists. */
const greylisted = new Set<string>();

beforeAll(async () => {
  sys = await startSystem({
    smtpReplies: greylisting((mail) => [...greylisted].some((prefix) => mail.deliveryKey?.startsWith(prefix))),
  });
  await sys.startWorker();
});
afterAll(() => sys?.close());

const unfold = (ics: string) => ics.replace(/\r\n /g, '');
const field = (ics: string, name: string) => new RegExp(`^${name}[;:](.*)$`, 'm').exec(unfold(ics))?.[1]?.replace(/^.*:/, '');
const ok = <T>(res: { status: number; body: T }): T => {
  if (res.status >= 300) throw new Error(`${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};
const accepted = (prefix: string) => sys.smtp.messages.filter((m) => m.deliveryKey?.startsWith(prefix));

async function deadline(matterId: string, key: string) {
  const [d] = await sys.api.sql<{ id: string; version: number; status: string }>(
    `SELECT id, version, status FROM deadlines WHERE matter_id = $1 AND key LIKE $2`,
    [matterId, key],
  );
  return d;
}

interface DeliveryRow {
  id: string;
  delivery_key: string;
  state: string;
  cancel_reason: string | null;
  attempts: number;
  sent_at: Date | null;
}
async function delivery(key: string): Promise<DeliveryRow> {
  const [row] = await sys.api.sql<DeliveryRow>(
    `SELECT id, delivery_key, state, cancel_reason, attempts, sent_at FROM deliveries WHERE delivery_key = $1`,
    [key],
  );
  return row;
}

/** The first mail with this key prefix that the server greylisted. */
const greylistedMail = (prefix: string, what: string) =>
  pollUntil(
    () => sys.smtp.rejected.find((r) => r.mail.deliveryKey?.startsWith(prefix))?.mail,
    (m) => m !== undefined,
    { timeoutMs: 15_000, what },
  ) as Promise<ReceivedMail>;

/** What a job returned once it completed (the send job's outcome, the number of mails a change wrote). */
const jobResult = (queue: QueueName, jobId: string, what: string) =>
  pollUntil(
    async () => {
      // the state first, then the job: a job read before it completes and asked afterwards
      // would say "completed" with the return value it did not yet have (null)
      const q = sys.api.app.get(Queues).get(queue);
      if ((await q.getJobState(jobId)) !== 'completed') return { done: false, value: null };
      return { done: true, value: (await q.getJob(jobId))?.returnvalue as unknown };
    },
    (r) => r.done,
    { timeoutMs: 20_000, intervalMs: 200, what },
  ).then((r) => r.value);

describe('an approval request greylisted on its first attempt', () => {
  it('is cancelled, never sent, when the step is decided before the retry; no CANCEL is needed', async () => {
    let m = await sys.world.draft({ milestones: [] });
    greylisted.add(`ev.${m.id}.`);
    m = ok(await sys.world.act('office', m, 'submit'));
    const step = await deadline(m.id, 'step:%');
    const request = await greylistedMail(`ev.${m.id}.`, 'the greylisted approval request');
    expect(request.calendar?.method).toBe('REQUEST');
    expect(request.to).toEqual(['sticapprover@reformflow.test']);
    // the server has answered; the worker puts the delivery back to wait for its retry
    const before = await pollUntil(
      () => delivery(request.deliveryKey!),
      (d) => d.state === 'queued',
      { what: 'the delivery queued for its retry' },
    );
    expect(before.attempts).toBe(1);

    // the approver decides from the web app in the meantime
    m = ok(await sys.world.act('sticApprover', m, 'approve'));
    expect(await deadline(m.id, 'step:%')).toMatchObject({ id: step.id, status: 'met', version: step.version + 1 });

    // the retry finds the delivery cancelled and sends nothing
    expect(await jobResult(QueueName.Mail, jobIds.mail(before.id), 'the retried send')).toBe('cancelled');
    expect(await delivery(request.deliveryKey!)).toMatchObject({ state: 'cancelled', cancel_reason: 'deadline_met', sent_at: null });
    expect(accepted(request.deliveryKey!)).toHaveLength(0);
    // and the step's change finds nobody holding its entry: no CANCEL
    expect(await jobResult(QueueName.Events, jobIds.deadlineChanged(step.id, step.version + 1), 'the step’s change')).toBe(0);
    expect(accepted(`chg.${step.id}.`)).toHaveLength(0);

    // the delivery log says so, where deliveries are listed
    const log = await sys.api.http
      .get(`/api/v1/matters/${m.id}/deliveries`)
      .set({ Authorization: `Bearer ${sys.world.token('office')}` })
      .query({ state: 'cancelled' });
    expect(log.status).toBe(200);
    expect(log.body.items).toContainEqual(
      expect.objectContaining({
        id: before.id,
        state: 'cancelled',
        cancelReason: 'deadline_met',
        template: 'approval-requested',
        sentAt: null,
      }),
    );
    const mine = await sys.api.http
      .get('/api/v1/me/deliveries')
      .set({ Authorization: `Bearer ${sys.world.token('sticApprover')}` })
      .query({ state: 'cancelled' });
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(before.id);
  });
});

describe('an approval request that was delivered', () => {
  it('is followed by a CANCEL with the same UID and a higher SEQUENCE once the step is decided', async () => {
    let m = await sys.world.draft({ milestones: [] });
    m = ok(await sys.world.act('office', m, 'submit'));
    const step = await deadline(m.id, 'step:%');
    const [request] = await pollUntil(
      () => accepted(`ev.${m.id}.`).filter((x) => x.calendar),
      (x) => x.length === 1,
      { timeoutMs: 15_000, what: 'the approval request' },
    );
    expect(request.calendar!.method).toBe('REQUEST');
    expect(field(request.calendar!.content, 'UID')).toBe(`deadline-${step.id}@reformflow`);
    const requestSequence = Number(field(request.calendar!.content, 'SEQUENCE'));

    m = ok(await sys.world.act('sticApprover', m, 'approve'));

    const [cancel] = await pollUntil(
      () => accepted(`chg.${step.id}.`),
      (x) => x.length === 1,
      { timeoutMs: 15_000, what: 'the CANCEL' },
    );
    expect(cancel.to).toEqual(request.to);
    expect(cancel.calendar!.method).toBe('CANCEL');
    expect(field(cancel.calendar!.content, 'METHOD')).toBe('CANCEL');
    expect(field(cancel.calendar!.content, 'UID')).toBe(`deadline-${step.id}@reformflow`);
    expect(Number(field(cancel.calendar!.content, 'SEQUENCE'))).toBeGreaterThan(requestSequence);
    expect(field(cancel.calendar!.content, 'STATUS')).toBe('CANCELLED');
    expect(await delivery(request.deliveryKey!)).toMatchObject({ state: 'sent', cancel_reason: null });
  });
});

describe('a milestone reminder greylisted on its first attempt', () => {
  it('is not sent when the milestone is met before the retry', async () => {
    let m = await sys.world.draft({ milestones: [{ title: { zh: '试点方案印发', en: 'Pilot plan issued' }, dueIn: 'PT6S' }] });
    m = ok(await sys.world.act('office', m, 'submit'));
    m = ok(await sys.world.act('sticApprover', m, 'approve'));
    m = ok(await sys.world.act('sticManager', m, 'start-implementation'));
    const milestone = await deadline(m.id, 'milestone:%');
    greylisted.add(`t.${milestone.id}.`);

    // its first reminder (2 s before the due time) is greylisted, and the manager completes the milestone
    const reminder = await greylistedMail(`t.${milestone.id}.`, 'the greylisted milestone reminder');
    expect(reminder.calendar?.method).toBe('REQUEST');
    expect(field(reminder.calendar!.content, 'UID')).toBe(`deadline-${milestone.id}@reformflow`);
    const before = await pollUntil(
      () => delivery(reminder.deliveryKey!),
      (d) => d.state === 'queued',
      { what: 'the reminder queued for its retry' },
    );
    m = ok(await sys.world.act('sticManager', m, `milestones/${m.milestones[0].id}/complete`, {}));
    expect(await deadline(m.id, 'milestone:%')).toMatchObject({ status: 'met' });

    expect(await jobResult(QueueName.Mail, jobIds.mail(before.id), 'the retried reminder')).toBe('cancelled');
    expect(await delivery(reminder.deliveryKey!)).toMatchObject({ state: 'cancelled', cancel_reason: 'deadline_met', sent_at: null });
    expect(await jobResult(QueueName.Events, jobIds.deadlineChanged(milestone.id, milestone.version + 1), 'the milestone’s change')).toBe(
      0,
    );
    // nothing about this milestone reached the manager: not the reminder, not a later one, not a CANCEL
    expect(accepted(`t.${milestone.id}.`)).toHaveLength(0);
    expect(accepted(`chg.${milestone.id}.`)).toHaveLength(0);
  });
});
