import { Test } from '@nestjs/testing';
import { type BusinessCalendar, type Clock, type Matter } from '#domain';
import { ConfigModule } from '#config';
import { Db, DeadlineStore, DefinitionStore, MatterQueries, MatterStore, PersistenceModule } from '#persistence';
import { BackfillDeliveryPeriods, Bootstrap, CALENDAR, CLOCK, WorkflowModule } from '#workflow';
import { syncMatterDeadlines } from '../../libs/workflow/src/matters/sync-deadlines.js';
import { testConfig } from '../support/config.js';
import { type TestDatabase, createTestDatabase } from '../support/databases.js';
import { type ServiceHarness, type ServiceWorld, instrumentFor, seedWorld } from '../support/service-harness.js';

/**
 * An installation upgraded past migration 1764374400000 has open matters without
 * `matter_delivery_periods` rows: the backfill gives each exactly the rows
 * `syncMatterDeadlines` would write at that instant, a second run writes nothing, closed,
 * withdrawn and terminated matters get none, and two runs at once share the work.
 * Real PostgreSQL, real migrations, the production reform-pilot workflow; the clock is
 * fixed and moved by the test, so "the rows it would write" is one instant's answer.
 */
let database: TestDatabase;
let h: ServiceHarness;
let world: ServiceWorld;
let now = new Date('2026-11-02T02:00:00Z');
const clock: Clock = { now: () => new Date(now) };
const open: Matter[] = [];
const terminal: Matter[] = [];

interface PeriodRow {
  matter_id: string;
  valid_from: string;
  valid_until: string;
  status: string;
}

const PERIODS_SQL = `SELECT matter_id, valid_from::text, valid_until::text, status FROM matter_delivery_periods
  WHERE matter_id = ANY($1::uuid[]) ORDER BY matter_id, valid_from`;
const periodsOf = (ms: readonly Matter[]) => h.db.query<PeriodRow>(PERIODS_SQL, [ms.map((m) => m.id)]);

/** What syncMatterDeadlines writes for these matters at the clock's instant, read inside a transaction rolled back. */
async function whatSyncWouldWrite(ms: readonly Matter[]): Promise<PeriodRow[]> {
  const rollback = new Error('rollback');
  let rows: PeriodRow[] = [];
  await h.db
    .transaction(async (tx) => {
      for (const m of ms) {
        const matter = (await h.get(MatterStore).load(tx, m.id))!;
        const definition = await h.get(DefinitionStore).get(tx, matter.workflow.definitionId);
        await syncMatterDeadlines(h.get(DeadlineStore), tx, matter, definition, h.module.get<BusinessCalendar>(CALENDAR), clock.now());
      }
      rows = await tx.query<PeriodRow>(PERIODS_SQL, [ms.map((m) => m.id)]);
      throw rollback;
    })
    .catch((e) => {
      if (e !== rollback) throw e;
    });
  return rows;
}

/** As an installation saved before the migration has them: no period rows at all. */
const forgetPeriods = () => h.db.execute('DELETE FROM matter_delivery_periods');

beforeAll(async () => {
  database = await createTestDatabase();
  const module = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(testConfig({ DATABASE_URL: database.url })), PersistenceModule, WorkflowModule],
  })
    .overrideProvider(CLOCK)
    .useValue(clock)
    .compile();
  await module.init();
  await module.get(Bootstrap).syncDefinitions();
  h = { module, db: module.get(Db), database, get: (type) => module.get(type), close: () => module.close() };
  world = await seedWorld(h);

  // open: a draft, one in approval, one in implementation whose milestone falls due in two days
  open.push(await world.draft());
  open.push(await world.run('office', await world.draft(), { type: 'submit' }));
  let m = await world.run('office', await world.draft('office', {}, [{ title: { zh: '近期节点' }, due: { in: 'P2D' } }]), {
    type: 'submit',
  });
  while (m.stage === 'in_approval')
    m = await world.run(world.decider(m), m, { type: 'approve_step', comment: 'ok', authorization: instrumentFor(m) });
  m = await world.run('sticManager', m, { type: 'start_implementation' });
  expect(m.stage).toBe('in_implementation');
  open.push(m);
  // terminal: withdrawn and terminated
  terminal.push(await world.run('sticManager', await world.draft('sticManager'), { type: 'withdraw' }));
  const t = await world.run('office', await world.draft(), { type: 'submit' });
  terminal.push(await world.run('office', t, { type: 'terminate', reason: 'Superseded' }));
  expect(terminal.map((x) => x.stage)).toEqual(['withdrawn', 'terminated']);
});
afterAll(async () => {
  await h?.close();
  await database?.drop();
});

describe('the delivery periods backfill', () => {
  it('gives every open matter without periods exactly the rows syncMatterDeadlines would write, and terminal matters none', async () => {
    // what the commands wrote, for comparison: the in-implementation matter changes status ahead
    const written = await periodsOf(open);
    expect(written.filter((r) => r.matter_id === open[2].id).map((r) => r.status)).toEqual(['on_track', 'at_risk', 'off_track']);
    await forgetPeriods();
    expect(await periodsOf([...open, ...terminal])).toEqual([]);

    // three days later the milestone is missed: the first period is at_risk
    now = new Date(now.getTime() + 3 * 86_400_000);
    const expected = await whatSyncWouldWrite(open);
    expect(expected.filter((r) => r.matter_id === open[2].id).map((r) => r.status)).toEqual(['at_risk', 'off_track']);
    expect(await periodsOf(open)).toEqual([]);

    // batches of two: three open matters take two transactions
    const report = await h.get(BackfillDeliveryPeriods).execute(2);
    expect(report).toEqual({ matters: open.length, periods: expected.length });
    expect(await periodsOf(open)).toEqual(expected);
    expect(await periodsOf(terminal)).toEqual([]);

    // the list reads them: the missed milestone's matter is found by ?deliveryStatus=at_risk
    const { items } = await h
      .get(MatterQueries)
      .list(
        h.db,
        world.actors.office,
        { batchId: world.batchId, deliveryStatus: 'at_risk', page: 1, pageSize: 50, sort: 'code', descending: false },
        clock.now(),
      );
    expect(items.map((i) => i.code)).toEqual([open[2].code]);
  });

  it('writes nothing on a second run, and leaves the rows as they are', async () => {
    const before = await periodsOf(open);
    now = new Date(now.getTime() + 86_400_000);
    expect(await h.get(BackfillDeliveryPeriods).execute()).toEqual({ matters: 0, periods: 0 });
    expect(await periodsOf(open)).toEqual(before);
  });

  it('shares the work between two runs at once: each matter written once, no error', async () => {
    await forgetPeriods();
    const expected = await whatSyncWouldWrite(open);
    const backfill = h.get(BackfillDeliveryPeriods);
    const reports = await Promise.all([backfill.execute(1), backfill.execute(1)]);
    expect(reports.reduce((n, r) => n + r.matters, 0)).toBe(open.length);
    expect(reports.reduce((n, r) => n + r.periods, 0)).toBe(expected.length);
    expect(await periodsOf(open)).toEqual(expected);
    expect(await periodsOf(terminal)).toEqual([]);
  });

  it('skips a matter a command is saving (its row locked), which writes its own periods', async () => {
    await forgetPeriods();
    const [locked, ...rest] = open;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let lockTaken!: () => void;
    const taken = new Promise<void>((r) => (lockTaken = r));
    const holder = h.db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM matters WHERE id = $1 FOR UPDATE', [locked.id]);
      lockTaken();
      await held;
    });
    await taken;
    const report = await h.get(BackfillDeliveryPeriods).execute();
    release();
    await holder;
    expect(report.matters).toBe(rest.length);
    expect(await periodsOf([locked])).toEqual([]);
    // the next start finds it
    expect((await h.get(BackfillDeliveryPeriods).execute()).matters).toBe(1);
    expect(await periodsOf(open)).toEqual(await whatSyncWouldWrite(open));
  });
});
