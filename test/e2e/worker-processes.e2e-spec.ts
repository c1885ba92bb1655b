/**
 * Workers as production runs them: built code in child processes, killed and restarted.
 */
import { bulkTimers } from '../support/bulk.js';
import { pollUntil } from '../support/poll.js';
import { freePort } from '../support/redis-server.js';
import type { ReceivedMail } from '../support/smtp-server.js';
import { type System, startSystem } from '../support/system.js';

let sys: System;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => sys?.close());

/** Reminder mails of the given matters' timers, counted per delivery key. */
async function remindersOf(matterIds: string[]): Promise<{ mails: ReceivedMail[]; perKey: Map<string, number>; expected: number }> {
  const rows = await sys.api.sql<{ id: string }>(
    `SELECT t.id FROM timers t JOIN deadlines d ON d.id = t.deadline_id WHERE d.matter_id = ANY($1)`,
    [matterIds],
  );
  const timers = new Set(rows.map((r) => r.id));
  const mails = sys.smtp.messages.filter((m) => timers.has(m.deliveryKey?.split('.').slice(0, 4).join('.') ?? ''));
  const perKey = new Map<string, number>();
  for (const m of mails) perKey.set(m.deliveryKey!, (perKey.get(m.deliveryKey!) ?? 0) + 1);
  return { mails, perKey, expected: timers.size };
}

const FAST_RECOVERY = { QUEUE_LOCK_DURATION: 'PT3S', SMTP_TIMEOUT: 'PT5S' };

describe('worker processes', () => {
  it('delivers every one of 500 due reminders once, though a worker is killed with SIGKILL midway', async () => {
    sys = await startSystem({ env: FAST_RECOVERY });
    const first = await sys.spawnWorker();
    const matters = await bulkTimers(sys.world, { matters: 100, milestones: 5, dueIn: 'PT12S', code: 'KILL' });
    const ids = matters.map((m) => m.id);
    // kill it while the reminders are going out
    await pollUntil(
      async () => (await remindersOf(ids)).mails.length,
      (n) => n >= 50,
      { timeoutMs: 30_000, intervalMs: 20, what: 'the first reminders' },
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const sentWhenKilled = (await remindersOf(ids)).mails.length;
    expect(sentWhenKilled).toBeLessThan(500);

    await sys.spawnWorker();
    const done = await pollUntil(
      () => remindersOf(ids),
      (r) => r.perKey.size >= 500,
      { timeoutMs: 60_000, what: 'all 500 reminders' },
    );
    await sleep(2_000); // would a duplicate follow?
    const final = await remindersOf(ids);
    expect(done.expected).toBe(500);
    expect(final.perKey.size).toBe(500);
    const duplicates = [...final.perKey.entries()].filter(([, n]) => n > 1);
    if (duplicates.length) {
      const rows = await sys.api.sql(
        `SELECT delivery_key, state, attempts, created_at, sent_at FROM deliveries WHERE delivery_key = ANY($1)`,
        [duplicates.map(([k]) => k)],
      );
      console.error(`duplicates after SIGKILL: ${JSON.stringify(rows)}`);
    }
    expect(duplicates).toEqual([]);
    expect(await sys.deliveryStates()).toEqual({ sent: expect.any(Number) });
  });

  it('delivers each notification once with two workers running at once', async () => {
    sys = await startSystem();
    await Promise.all([sys.spawnWorker(), sys.spawnWorker()]);
    const matters = await bulkTimers(sys.world, { matters: 40, milestones: 5, dueIn: 'PT6S', code: 'TWO' });
    const ids = matters.map((m) => m.id);
    await pollUntil(
      () => remindersOf(ids),
      (r) => r.perKey.size >= 200,
      { timeoutMs: 30_000, what: '200 reminders' },
    );
    await sleep(2_000);
    const final = await remindersOf(ids);
    expect(final.mails).toHaveLength(200);
    // the approval requests (one per matter, from its submission event) came once each as well
    const approvals = sys.smtp.messages.filter(
      (m) => m.subject.startsWith('【待审批】') && ids.some((id) => m.deliveryKey?.startsWith(`ev.${id}.`)),
    );
    expect(new Set(approvals.map((m) => m.deliveryKey)).size).toBe(approvals.length);
    expect(approvals.length).toBe(40);
  });

  it('finishes the mail in flight before stopping on SIGTERM', async () => {
    // the server holds its reply to the first message for 3 s: the mail is in flight when the worker is told to stop
    sys = await startSystem({ smtpReplies: [{ holdMs: 3_000 }] });
    const worker = await sys.spawnWorker();
    const m = await sys.world.draft({ milestones: [] });
    await sys.world.act('office', m, 'submit'); // mails the leading unit's approver
    // in flight: the message is out (committed at its end of data) and the server's reply is still awaited
    const inFlight = () =>
      sys.api.sql<{ n: string }>(`SELECT count(*) AS n FROM deliveries WHERE state IN ('sending', 'sent') AND smtp_response IS NULL`);
    await pollUntil(inFlight, ([r]) => Number(r.n) >= 1, { timeoutMs: 15_000, intervalMs: 20, what: 'a mail in flight' });
    const stoppedAt = Date.now();
    worker.child.kill('SIGTERM');
    // Nest closes everything, then the process exits with status 0 (a clean stop, not "killed by SIGTERM")
    expect(await worker.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeGreaterThan(1_000); // it waited for the held reply
    expect(sys.smtp.messages).toHaveLength(1);
    expect(await sys.deliveryStates()).toMatchObject({ sent: 1 });
    // it waited for the reply and recorded it before exiting
    const [row] = await sys.api.sql<{ smtp_response: string | null }>(`SELECT smtp_response FROM deliveries`);
    expect(row.smtp_response).toMatch(/^250 /);
    expect(worker.output.join('')).toContain('SIGTERM: finishing the jobs in flight');
  });

  it('delivers a mail once when its worker is killed between composing it and sending it', async () => {
    // at first no SMTP server listens where the worker looks: the mail is composed, its send fails and waits
    const nowhere = await freePort();
    sys = await startSystem({ env: { ...FAST_RECOVERY, SMTP_PORT: String(nowhere) } });
    const first = await sys.spawnWorker();
    const m = await sys.world.draft({ milestones: [] });
    await sys.world.act('office', m, 'submit'); // the approval request to the leading unit's approver
    const [composed] = await pollUntil(
      () =>
        sys.api.sql<{
          id: string;
          delivery_key: string;
          subject: string | null;
          html_body: string | null;
          state: string;
          attempts: number;
        }>(
          `SELECT id, delivery_key, subject, html_body, state, attempts FROM deliveries WHERE matter_id = $1 AND template = 'approval-requested'`,
          [m.id],
        ),
      (rows) => rows.length === 1 && rows[0].state === 'queued' && rows[0].attempts >= 1,
      { timeoutMs: 20_000, what: 'the mail composed and its first send failed' },
    );
    expect(composed.subject).not.toBeNull();
    first.child.kill('SIGKILL');
    await first.exited;

    await sys.spawnWorker({ SMTP_PORT: String(sys.smtp.port) });
    await pollUntil(
      () => sys.smtp.messages.filter((x) => x.deliveryKey === composed.delivery_key),
      (x) => x.length === 1,
      { timeoutMs: 30_000, what: 'the mail delivered' },
    );
    await sleep(2_000);
    const received = sys.smtp.messages.filter((x) => x.deliveryKey === composed.delivery_key);
    expect(received).toHaveLength(1);
    // it went as composed by the first worker: subject and body as stored then
    expect(received[0].subject).toBe(composed.subject);
    const [after] = await sys.api.sql<{ state: string; html_body: string }>('SELECT state, html_body FROM deliveries WHERE id = $1', [
      composed.id,
    ]);
    expect(after).toEqual({ state: 'sent', html_body: composed.html_body });
  });
});
