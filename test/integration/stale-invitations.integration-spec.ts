/**
 * Mail whose invitation lost its reason before it was sent (issue 15 item 2), on the real
 * PostgreSQL and a real SMTP server, driving each step by hand so every interleaving is
 * certain: the decision cancels what waits to be sent; the send itself, inside the
 * transaction that marks it sent, catches what the decision could not (a request written
 * after it, a send that had begun); and only what was sent, or may have been, is CANCELled.
 */
import { Global, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Matter } from '#domain';
import { ConfigModule } from '#config';
import { DeliverMail, MailModule } from '#mail';
import { ComposeMail, FireTimer, NotificationsModule, NotifyDeadlineChanged, NotifyMatterEvent } from '#notifications';
import { Metrics } from '#observability';
import { Db, PersistenceModule } from '#persistence';
import { Bootstrap, WorkflowModule } from '#workflow';
import { testConfig } from '../support/config.js';
import { type TestDatabase, createTestDatabase } from '../support/databases.js';
import { type ServiceWorld, seedWorld } from '../support/service-harness.js';
import { type TestSmtpServer, startSmtpServer } from '../support/smtp-server.js';

// Metrics is the app's to provide globally (ObservabilityModule); here a global module stands in for it.
@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
class TestMetricsModule {}

let database: TestDatabase;
let smtp: TestSmtpServer;
let module: TestingModule;
let db: Db;
let world: ServiceWorld;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpServer();
  const config = testConfig({
    DATABASE_URL: database.url,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    SMTP_POOL: 'false',
    SMTP_TIMEOUT: 'PT5S',
  });
  module = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), PersistenceModule, WorkflowModule, TestMetricsModule, MailModule, NotificationsModule],
  }).compile();
  await module.init();
  await module.get(Bootstrap).syncDefinitions();
  db = module.get(Db);
  world = await seedWorld({ module, db, database, get: (type) => module.get(type), close: () => module.close() });
});
afterAll(async () => {
  await module?.close();
  await smtp?.close();
  await database?.drop();
});

interface Row {
  id: string;
  delivery_key: string;
  state: string;
  cancel_reason: string | null;
  data: { calendar: { deadlineId: string; version: number; method: string } | null };
}
const rowOf = async (id: string) => (await db.query<Row>('SELECT * FROM deliveries WHERE id = $1', [id]))[0];
const sentTo = (key: string) => smtp.messages.filter((m) => m.deliveryKey === key);

/** The deadline of the matter's current approval step. */
async function stepDeadline(m: Matter) {
  const step = m.approvalSteps.find((s) => s.round === m.approvalRound && s.status === 'pending')!;
  const [d] = await db.query<{ id: string; version: number; status: string }>(
    `SELECT id, version, status FROM deadlines WHERE matter_id = $1 AND key = $2`,
    [m.id, `step:${step.id}`],
  );
  expect(d).toMatchObject({ status: 'open' });
  return d;
}

/** The approval requests of the matter's submission, written and composed as the worker does: queued to send. */
async function approvalRequests(m: Matter): Promise<Row[]> {
  const [{ seq }] = await db.query<{ seq: number }>(
    `SELECT seq FROM audit_events WHERE aggregate_id = $1 AND type = 'matter.submitted' ORDER BY seq DESC LIMIT 1`,
    [m.id],
  );
  await module.get(NotifyMatterEvent).execute(m.id, seq);
  const rows = await db.query<Row>(
    `SELECT * FROM deliveries WHERE matter_id = $1 AND template = 'approval-requested' ORDER BY created_at`,
    [m.id],
  );
  for (const r of rows) await module.get(ComposeMail).execute(r.id);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.data.calendar?.method === 'REQUEST')).toBe(true);
  return rows;
}

const submitted = async () => world.run('office', await world.draft(), { type: 'submit' });
const approve = (m: Matter) => world.run(world.decider(m), m, { type: 'approve_step' });

describe('an approval request not yet sent when its step is decided', () => {
  it('waiting to be sent (a retry after a 451): the decision cancels it, the send sends nothing, and no CANCEL follows', async () => {
    const m = await submitted();
    const step = await stepDeadline(m);
    const [request] = await approvalRequests(m);
    expect((await rowOf(request.id)).state).toBe('queued');

    await approve(m);

    expect(await rowOf(request.id)).toMatchObject({ state: 'cancelled', cancel_reason: 'deadline_met' });
    await expect(module.get(DeliverMail).execute(request.id)).resolves.toBe('cancelled');
    expect(sentTo(request.delivery_key)).toHaveLength(0);
    await expect(module.get(NotifyDeadlineChanged).execute(step.id, step.version + 1, 'met')).resolves.toBe(0);
  });

  it('written after the decision (its event handled late): cancelled at send time, nothing sent', async () => {
    const m = await submitted();
    await approve(m);
    const [request] = await approvalRequests(m);
    expect((await rowOf(request.id)).state).toBe('queued'); // nothing cancelled it yet: it did not exist

    await expect(module.get(DeliverMail).execute(request.id)).resolves.toBe('cancelled');

    expect(await rowOf(request.id)).toMatchObject({ state: 'cancelled', cancel_reason: 'deadline_met' });
    expect(sentTo(request.delivery_key)).toHaveLength(0);
  });

  it('being sent as the decision commits: a holder for the CANCEL; taken over after a crash, it is cancelled, not sent', async () => {
    const m = await submitted();
    const step = await stepDeadline(m);
    const [request] = await approvalRequests(m);
    // a worker began sending it and died: the decision cannot know whether it went
    await db.execute(`UPDATE deliveries SET state = 'sending', attempts = 1, updated_at = now() - interval '1 hour' WHERE id = $1`, [
      request.id,
    ]);

    await approve(m);

    expect((await rowOf(request.id)).state).toBe('sending');
    await expect(module.get(NotifyDeadlineChanged).execute(step.id, step.version + 1, 'met')).resolves.toBe(1);
    await expect(module.get(DeliverMail).execute(request.id)).resolves.toBe('cancelled');
    expect(await rowOf(request.id)).toMatchObject({ state: 'cancelled', cancel_reason: 'deadline_met' });
    expect(sentTo(request.delivery_key)).toHaveLength(0);
  });

  it('on a matter withdrawn: cancelled as its deadline was', async () => {
    const m = await submitted();
    const [request] = await approvalRequests(m);

    await world.run('office', m, { type: 'withdraw', reason: '方案调整' });

    expect(await rowOf(request.id)).toMatchObject({ state: 'cancelled', cancel_reason: 'deadline_cancelled' });
    await expect(module.get(DeliverMail).execute(request.id)).resolves.toBe('cancelled');
    expect(sentTo(request.delivery_key)).toHaveLength(0);
  });
});

describe('an approval request that was sent', () => {
  it('is CANCELled with the same entry at the higher version when the step is decided', async () => {
    const m = await submitted();
    const step = await stepDeadline(m);
    const [request] = await approvalRequests(m);
    await expect(module.get(DeliverMail).execute(request.id)).resolves.toBe('sent');

    await approve(m);

    expect(await rowOf(request.id)).toMatchObject({ state: 'sent', cancel_reason: null });
    await expect(module.get(NotifyDeadlineChanged).execute(step.id, step.version + 1, 'met')).resolves.toBe(1);
    const [cancel] = await db.query<Row>(`SELECT * FROM deliveries WHERE delivery_key LIKE $1`, [`chg.${step.id}.%`]);
    expect(cancel.data.calendar).toMatchObject({ deadlineId: step.id, version: step.version + 1, method: 'CANCEL' });
    await module.get(ComposeMail).execute(cancel.id);
    // a CANCEL's reason never goes: it is sent although its deadline is closed
    await expect(module.get(DeliverMail).execute(cancel.id)).resolves.toBe('sent');
    const [mail] = sentTo(cancel.delivery_key);
    expect(mail.calendar?.method).toBe('CANCEL');
    expect(mail.calendar?.content).toContain(`UID:deadline-${step.id}@reformflow`);
    expect(mail.calendar?.content).toContain(`SEQUENCE:${step.version + 1}`);
  });
});

describe('a milestone reminder not yet sent when its milestone moves', () => {
  it('is cancelled as moved, and its recipient is sent the moved entry instead', async () => {
    let m = await submitted();
    while (m.stage === 'in_approval') m = await approve(m);
    m = await world.run('sticManager', m, { type: 'start_implementation' });
    const [milestone] = await db.query<{ id: string; version: number }>(
      `SELECT id, version FROM deadlines WHERE matter_id = $1 AND key = $2`,
      [m.id, `milestone:${m.milestones[0].id}`],
    );
    const [timer] = await db.query<{ id: string }>(
      `SELECT id FROM timers WHERE deadline_id = $1 AND state = 'pending' AND kind = 'reminder' ORDER BY fire_at LIMIT 1`,
      [milestone.id],
    );
    await module.get(FireTimer).execute(timer.id);
    const [reminder] = await db.query<Row>(`SELECT * FROM deliveries WHERE delivery_key LIKE $1`, [`${timer.id}.%`]);
    await module.get(ComposeMail).execute(reminder.id);

    await world.run('sticManager', m, { type: 'edit_milestone', milestoneId: m.milestones[0].id, due: { in: 'P120D' } });

    expect(await rowOf(reminder.id)).toMatchObject({ state: 'cancelled', cancel_reason: 'deadline_moved' });
    await expect(module.get(DeliverMail).execute(reminder.id)).resolves.toBe('cancelled');
    expect(sentTo(reminder.delivery_key)).toHaveLength(0);
    // the manager was to hold the entry: the move sends it, at its new version
    await expect(module.get(NotifyDeadlineChanged).execute(milestone.id, milestone.version + 1, 'moved')).resolves.toBe(1);
    const [update] = await db.query<Row>(`SELECT * FROM deliveries WHERE delivery_key LIKE $1`, [`chg.${milestone.id}.%`]);
    expect(update.data.calendar).toMatchObject({ deadlineId: milestone.id, version: milestone.version + 1, method: 'REQUEST' });
  });
});
