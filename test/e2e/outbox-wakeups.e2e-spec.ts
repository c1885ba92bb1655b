/**
 * Outbox wake-ups without pg_notify (issue 14 item 3): with the relay's idle poll set to a
 * minute, an api command's mail still arrives in seconds, because the api wakes the worker's
 * relay through Redis after commit and the worker's own jobs wake it in-process. A row written
 * with no wake-up at all (as the CLI writes) waits for a poll or for the next wake-up.
 */
import { pollUntil } from '../support/poll.js';
import { type System, startSystem } from '../support/system.js';

let sys: System;
beforeAll(async () => {
  sys = await startSystem({ env: { OUTBOX_POLL_INTERVAL: 'PT60S' } });
  await sys.startWorker();
  // the relay's first pass at start finds nothing: its next poll is a minute away
  await new Promise((r) => setTimeout(r, 1_000));
});
afterAll(() => sys?.close());

const relayedAt = async (key: string) =>
  (await sys.api.sql<{ relayed_at: Date | null }>('SELECT relayed_at FROM outbox WHERE dedupe_key = $1', [key]))[0]?.relayed_at ?? null;

describe('the outbox relay, polling once a minute when idle', () => {
  it('relays a row nobody woke it for only when something wakes it; an api command does, through Redis', async () => {
    // written as the CLI would: no signal, no PUBLISH
    const key = `wake-test-${Date.now()}`;
    await sys.api.sql(`INSERT INTO outbox (job_name, payload, dedupe_key, op) VALUES ('matter-event', $1::jsonb, $2, 'remove')`, [
      JSON.stringify({ jobId: 'nothing-to-remove' }),
      key,
    ]);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await relayedAt(key)).toBeNull();

    // a command of the api commits outbox rows and publishes after commit: the relay takes every row
    const m = await sys.world.draft({ milestones: [] });
    const submitted = await sys.world.act('office', m, 'submit');
    expect(submitted.status).toBe(200);
    await pollUntil(
      () => relayedAt(key),
      (at) => at !== null,
      { timeoutMs: 5_000, what: 'the unwoken row relayed by the next wake-up' },
    );

    // and the approval request goes all the way (event job → deliveries → send job, each stage waking
    // the relay in the worker's own process) in seconds, not minutes
    const mail = await pollUntil(
      () => sys.smtp.messages.find((x) => x.deliveryKey?.startsWith(`ev.${m.id}.`)),
      (x) => x !== undefined,
      { timeoutMs: 10_000, what: 'the approval request mail' },
    );
    expect(mail!.to).toEqual(['sticapprover@reformflow.test']);
  });
});
