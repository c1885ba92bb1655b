import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Global, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { UnrecoverableError } from 'bullmq';
import { type AppConfig, ConfigModule } from '#config';
import { DeliverMail, MailModule, SendMailHandler, TransientMailError, messageIdFor, staleSendingMs } from '#mail';
import { Metrics } from '#observability';
import { Db, PersistenceModule } from '#persistence';
import { JobName } from '#queues';
import { testConfig } from '../support/config.js';
import { type TestDatabase, createTestDatabase } from '../support/databases.js';
import { pollUntil } from '../support/poll.js';
import { type SmtpReply, type TestSmtpServer, startSmtpServer } from '../support/smtp-server.js';

// Metrics is the app's to provide globally (ObservabilityModule); here a global module stands in for it.
@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
class TestMetricsModule {}

interface Mailer {
  config: AppConfig;
  db: Db;
  deliver: DeliverMail;
  handler: SendMailHandler;
  metrics: Metrics;
  close(): Promise<void>;
}

interface DeliveryRow {
  id: string;
  delivery_key: string;
  recipient_email: string;
  state: string;
  attempts: number;
  message_id: string;
  smtp_response: string | null;
  last_error: string | null;
  sent_at: Date | null;
}

let database: TestDatabase;
const open: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  // mailers before servers: a pooled transport's connections must go before the server waits for them
  while (open.length) await open.pop()!.close();
});
afterAll(() => database?.drop());

async function smtpServer(replies?: SmtpReply[]): Promise<TestSmtpServer> {
  const server = await startSmtpServer(replies ? { replies } : {});
  open.push(server);
  return server;
}

async function startMailer(smtpPort: number, env: Record<string, string> = {}): Promise<Mailer> {
  const config = testConfig({
    DATABASE_URL: database.url,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    SMTP_POOL: 'false',
    SMTP_TIMEOUT: 'PT5S',
    MAIL_FROM: 'Reformflow <noreply@reform.example>',
    ...env,
  });
  const module: TestingModule = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), PersistenceModule, TestMetricsModule, MailModule],
  }).compile();
  await module.init();
  const mailer: Mailer = {
    config,
    db: module.get(Db),
    deliver: module.get(DeliverMail),
    handler: module.get(SendMailHandler),
    metrics: module.get(Metrics),
    close: () => module.close(),
  };
  open.push(mailer);
  return mailer;
}

/** A delivery as the timer and event handlers write it: queued, composed, with its Message-ID. */
async function insertDelivery(m: Mailer, overrides: { state?: string; template?: string; keyPrefix?: string } = {}): Promise<DeliveryRow> {
  const key = `${overrides.keyPrefix ?? 'deadline'}:${randomUUID()}:v1:reminder:-P3D:user:${randomUUID()}`;
  const [row] = await m.db.query<DeliveryRow>(
    `INSERT INTO deliveries (delivery_key, recipient_email, template, data, subject, text_body, html_body, message_id, state)
     VALUES ($1, 'manager@reformflow.test', $2, '{}'::jsonb, $3, $4, $5, $6, $7)
     RETURNING *`,
    [
      key,
      overrides.template ?? 'deadline-reminder',
      '提醒：试点方案印发将于 3 天后到期',
      'The milestone "Pilot plan issued" is due in 3 days.',
      '<p>The milestone <b>Pilot plan issued</b> is due in 3 days.</p>',
      messageIdFor(key, m.config.smtp.from),
      overrides.state ?? 'queued',
    ],
  );
  return row;
}

async function rowOf(m: Mailer, id: string): Promise<DeliveryRow> {
  const [row] = await m.db.query<DeliveryRow>('SELECT * FROM deliveries WHERE id = $1', [id]);
  return row;
}

async function counterValue(counter: Metrics['mailsSent'] | Metrics['mailsFailed'], labels: Record<string, string>): Promise<number> {
  const { values } = await counter.get();
  const match = values.find((v) => Object.entries(labels).every(([k, l]) => (v.labels as Record<string, unknown>)[k] === l));
  return match?.value ?? 0;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe(DeliverMail.name, () => {
  describe.each([
    ['one connection per mail', 'false'],
    ['a connection pool', 'true'],
  ])('over %s', (_how, pool) => {
    it('sends a queued delivery once and records the reply, with the stored Message-ID and the delivery header', async () => {
      const server = await smtpServer();
      const m = await startMailer(server.port, { SMTP_POOL: pool });
      const delivery = await insertDelivery(m);

      await expect(m.deliver.execute(delivery.id)).resolves.toBe('sent');

      const row = await rowOf(m, delivery.id);
      expect(row).toMatchObject({ state: 'sent', attempts: 1, last_error: null, message_id: delivery.message_id });
      expect(row.smtp_response).toMatch(/^250 .*OK: queued as test-0/);
      expect(row.sent_at).toBeInstanceOf(Date);
      expect(server.messages).toHaveLength(1);
      const [mail] = server.messages;
      expect(mail).toMatchObject({
        messageId: delivery.message_id,
        deliveryKey: delivery.delivery_key,
        from: 'noreply@reform.example',
        to: ['manager@reformflow.test'],
        envelope: { from: 'noreply@reform.example', to: ['manager@reformflow.test'] },
        subject: '提醒：试点方案印发将于 3 天后到期',
      });
      expect(mail.text.trim()).toBe('The milestone "Pilot plan issued" is due in 3 days.');
      expect(mail.html).toContain('<b>Pilot plan issued</b>');
      expect(mail.headers['x-reformflow-delivery']).toBe(delivery.delivery_key);
      expect(delivery.message_id).toMatch(/^<[0-9a-f]{32}@reform\.example>$/);
      expect(await counterValue(m.metrics.mailsSent, { template: 'deadline-reminder' })).toBe(1);
    });

    it('sends once when the same delivery is executed twice in a row, and once when executed 5 times at once', async () => {
      const server = await smtpServer();
      const m = await startMailer(server.port, { SMTP_POOL: pool });

      const sequential = await insertDelivery(m);
      expect(await m.deliver.execute(sequential.id)).toBe('sent');
      expect(await m.deliver.execute(sequential.id)).toBe('already_sent');

      const concurrent = await insertDelivery(m);
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => m.deliver.execute(concurrent.id)));
      expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
      for (const o of outcomes.filter((x) => x !== 'sent')) expect(['busy', 'already_sent']).toContain(o);

      expect(server.byDeliveryKey()).toEqual(
        new Map([
          [sequential.delivery_key, 1],
          [concurrent.delivery_key, 1],
        ]),
      );
      expect(await rowOf(m, sequential.id)).toMatchObject({ state: 'sent', attempts: 1 });
      expect(await rowOf(m, concurrent.id)).toMatchObject({ state: 'sent', attempts: 1 });
    });
  });

  it('puts the row back to queued on a 451 and throws a retryable error; the retry sends it once', async () => {
    const server = await smtpServer([{ code: 451, message: '4.3.0 Temporary local problem, try again' }, 'ok']);
    const m = await startMailer(server.port);
    const delivery = await insertDelivery(m);

    const first = await m.deliver.execute(delivery.id).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(TransientMailError);
    expect(first).not.toBeInstanceOf(UnrecoverableError);
    const afterFirst = await rowOf(m, delivery.id);
    expect(afterFirst).toMatchObject({ state: 'queued', attempts: 1, sent_at: null });
    expect(afterFirst.last_error).toMatch(/^EMESSAGE: .*451 4\.3\.0 Temporary local problem/);
    expect(afterFirst.smtp_response).toMatch(/^451 /);
    expect(await counterValue(m.metrics.mailsFailed, { template: 'deadline-reminder', kind: 'transient' })).toBe(1);

    await expect(m.deliver.execute(delivery.id)).resolves.toBe('sent');
    const afterSecond = await rowOf(m, delivery.id);
    expect(afterSecond).toMatchObject({ state: 'sent', attempts: 2, last_error: null });
    expect(afterSecond.smtp_response).toMatch(/^250 /);
    expect(server.rejected).toHaveLength(1);
    expect(server.byDeliveryKey().get(delivery.delivery_key)).toBe(1);
  });

  it('marks the row failed on a 550, records the reply and throws UnrecoverableError; nothing is delivered', async () => {
    const server = await smtpServer([{ code: 550, message: '5.1.1 Mailbox does not exist' }]);
    const m = await startMailer(server.port);
    const delivery = await insertDelivery(m);

    await expect(m.deliver.execute(delivery.id)).rejects.toBeInstanceOf(UnrecoverableError);

    const row = await rowOf(m, delivery.id);
    expect(row).toMatchObject({ state: 'failed', attempts: 1, sent_at: null });
    expect(row.smtp_response).toBe('550 5.1.1 Mailbox does not exist');
    expect(row.last_error).toMatch(/550 5\.1\.1 Mailbox does not exist/);
    expect(server.messages).toHaveLength(0);
    expect(await counterValue(m.metrics.mailsFailed, { template: 'deadline-reminder', kind: 'permanent' })).toBe(1);
    // a job that runs again later leaves it failed and sends nothing
    await expect(m.deliver.execute(delivery.id)).resolves.toBe('failed');
    expect(server.rejected).toHaveLength(1);
  });

  it('has the row committed as sent at the end of data, before the server has answered', async () => {
    // the server holds its 250 for a second: a worker killed in that second must not send the mail again
    const server = await smtpServer([{ holdMs: 1_000 }]);
    const m = await startMailer(server.port);
    const delivery = await insertDelivery(m);
    const sending = m.deliver.execute(delivery.id);
    const whileHeld = await pollUntil(
      () => rowOf(m, delivery.id),
      (r) => r.state === 'sent',
      { timeoutMs: 900, intervalMs: 20, what: 'the commit at end of data' },
    );
    expect(whileHeld.smtp_response).toBeNull(); // the reply has not come yet
    expect(server.messages).toHaveLength(0);
    await expect(sending).resolves.toBe('sent');
    expect((await rowOf(m, delivery.id)).smtp_response).toMatch(/^250 /);
    expect(server.byDeliveryKey().get(delivery.delivery_key)).toBe(1);
  });

  it('treats a refused connection as transient: the row goes back to queued with the error', async () => {
    const m = await startMailer(await closedPort());
    const delivery = await insertDelivery(m);

    await expect(m.deliver.execute(delivery.id)).rejects.toBeInstanceOf(TransientMailError);

    const row = await rowOf(m, delivery.id);
    expect(row).toMatchObject({ state: 'queued', attempts: 1, smtp_response: null });
    expect(row.last_error).toMatch(/ECONNREFUSED/);
  });

  it('gives up on a server that stalls after the message, within the configured SMTP timeout, as a transient failure', async () => {
    const server = await smtpServer([{ holdMs: 4_000 }]);
    const m = await startMailer(server.port, { SMTP_TIMEOUT: 'PT1S' });
    const delivery = await insertDelivery(m);

    const started = Date.now();
    await expect(m.deliver.execute(delivery.id)).rejects.toBeInstanceOf(TransientMailError);
    const elapsed = Date.now() - started;
    const row = await rowOf(m, delivery.id);
    // the error recorded says which bound ended the attempt, should it ever take too long (one CI run saw 5,003 ms)
    expect({ elapsed: elapsed < 2_500 ? 'under 2,500 ms' : `${elapsed} ms`, error: row.last_error }).toEqual({
      elapsed: 'under 2,500 ms',
      error: expect.stringMatching(/ETIMEDOUT|EABORT/),
    });
    expect(row).toMatchObject({ state: 'queued', attempts: 1 });
  });

  it('sends nothing when the "sent" mark cannot be prepared, and sends once on the next attempt', async () => {
    const server = await smtpServer();
    const m = await startMailer(server.port);
    // the first UPDATE to 'sent' of a 'flaky:' delivery fails, as during a PostgreSQL restart (a sequence is not rolled back);
    // that UPDATE is prepared before the send, so the failure comes before anything is sent
    await m.db.query(`CREATE SEQUENCE flaky_sent_writes`);
    await m.db.query(`
      CREATE FUNCTION fail_first_sent_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF nextval('flaky_sent_writes') = 1 THEN RAISE EXCEPTION 'simulated outage'; END IF;
        RETURN NEW;
      END $$`);
    await m.db.query(`
      CREATE TRIGGER deliveries_flaky_sent BEFORE UPDATE ON deliveries FOR EACH ROW
      WHEN (NEW.state = 'sent' AND NEW.delivery_key LIKE 'flaky:%') EXECUTE FUNCTION fail_first_sent_write()`);
    try {
      const delivery = await insertDelivery(m, { keyPrefix: 'flaky' });

      await expect(m.deliver.execute(delivery.id)).rejects.toBeInstanceOf(TransientMailError);
      expect(await rowOf(m, delivery.id)).toMatchObject({ state: 'queued', attempts: 1 });
      expect(server.messages).toHaveLength(0);

      await expect(m.deliver.execute(delivery.id)).resolves.toBe('sent');
      expect(await rowOf(m, delivery.id)).toMatchObject({ state: 'sent', attempts: 2 });
      const [{ writes }] = await m.db.query<{ writes: string }>(`SELECT last_value AS writes FROM flaky_sent_writes`);
      expect(Number(writes)).toBe(3); // the refused preparation, the one that held, the SMTP reply recorded after the commit
      expect(server.byDeliveryKey().get(delivery.delivery_key)).toBe(1);
    } finally {
      await m.db.query(`DROP TRIGGER deliveries_flaky_sent ON deliveries`);
      await m.db.query(`DROP FUNCTION fail_first_sent_write()`);
      await m.db.query(`DROP SEQUENCE flaky_sent_writes`);
    }
  });

  it('leaves a row another worker began sending moments ago (busy), and takes over one left sending past the stale interval', async () => {
    const server = await smtpServer();
    const m = await startMailer(server.port);
    const delivery = await insertDelivery(m);
    await m.db.query(`UPDATE deliveries SET state = 'sending', attempts = 1, updated_at = now() - interval '5 seconds' WHERE id = $1`, [
      delivery.id,
    ]);

    await expect(m.deliver.execute(delivery.id)).resolves.toBe('busy');
    expect(await rowOf(m, delivery.id)).toMatchObject({ state: 'sending', attempts: 1 });
    expect(server.messages).toHaveLength(0);

    const staleMs = staleSendingMs(m.config.smtp.timeoutMs);
    expect(staleMs).toBe(10_000); // twice the 5 s SMTP timeout
    await m.db.query(`UPDATE deliveries SET updated_at = now() - $2::int * interval '1 millisecond' WHERE id = $1`, [
      delivery.id,
      staleMs + 1_000,
    ]);

    await expect(m.deliver.execute(delivery.id)).resolves.toBe('sent');
    expect(await rowOf(m, delivery.id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(server.byDeliveryKey().get(delivery.delivery_key)).toBe(1);
  });
});

describe(SendMailHandler.name, () => {
  const job = (deliveryId: string, attemptsMade = 0) => ({ name: JobName.SendMail as const, data: { deliveryId }, attemptsMade });

  it('sends the job’s delivery', async () => {
    const server = await smtpServer();
    const m = await startMailer(server.port);
    const delivery = await insertDelivery(m);

    await expect(m.handler.handle(job(delivery.id))).resolves.toBe('sent');
    expect(server.byDeliveryKey().get(delivery.delivery_key)).toBe(1);
  });

  it('has the job retried while another attempt holds the row, so a worker that died mid-send is not the end of the mail', async () => {
    const server = await smtpServer();
    const m = await startMailer(server.port);
    const delivery = await insertDelivery(m, { state: 'sending' });

    await expect(m.handler.handle(job(delivery.id))).rejects.toBeInstanceOf(TransientMailError);
    expect(server.messages).toHaveLength(0);
  });

  it('fails the delivery for good when a transient failure hits the last attempt the queue allows', async () => {
    const server = await smtpServer([{ code: 451, message: '4.7.1 Greylisted, try again later' }]);
    const m = await startMailer(server.port);
    const delivery = await insertDelivery(m);

    await expect(m.handler.handle({ ...job(delivery.id, 9), opts: { attempts: 10 } })).rejects.toBeInstanceOf(UnrecoverableError);
    const row = await rowOf(m, delivery.id);
    expect(row.state).toBe('failed');
    expect(row.last_error).toMatch(/^gave up after attempt 1: EMESSAGE: .*451 4\.7\.1 Greylisted/);
  });
});
