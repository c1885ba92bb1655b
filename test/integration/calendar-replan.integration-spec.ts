import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { type Clock, type Matter, currentStep } from '#domain';
import { ConfigModule } from '#config';
import { Db, MatterStore, PersistenceModule } from '#persistence';
import { Bootstrap, CLOCK, MatterReader, ReplanProvisionalDeadlines, WorkflowModule } from '#workflow';
import { testConfig } from '../support/config.js';
import { type TestDatabase, createTestDatabase } from '../support/databases.js';
import { type ServiceHarness, type ServiceWorld, seedWorld } from '../support/service-harness.js';

/**
 * A working-day deadline whose count runs into a year without holiday data is counted on
 * weekends alone and marked provisional; when that year's data is added and the services
 * start again, it is counted again on the holidays: the row moves, is provisional no
 * more, its timers follow, and the audit trail says so. Real PostgreSQL, real migrations,
 * the production reform-pilot workflow (its first approval step: 10 working days).
 */
let database: TestDatabase;
const dirs: string[] = [];
const harnesses: ServiceHarness[] = [];

/** 2027 as this test writes it, not a published notice: 元旦 1–3 January (Friday–Sunday) off. */
const CN_2027_FOR_THIS_TEST = `year: 2027
source: "test data: not the State Council's notice"
timeZone: Asia/Shanghai
holidays:
  - { date: 2027-01-01, name: { zh: 元旦, en: "New Year's Day" } }
  - { date: 2027-01-02, name: { zh: 元旦, en: "New Year's Day" } }
  - { date: 2027-01-03, name: { zh: 元旦, en: "New Year's Day" } }
adjustedWorkingDays: []
`;

function calendarDir(with2027: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'reformflow-calendars-'));
  dirs.push(dir);
  copyFileSync(join(process.cwd(), 'config/calendars/cn-2026.yaml'), join(dir, 'cn-2026.yaml'));
  if (with2027) writeFileSync(join(dir, 'cn-2027.yaml'), CN_2027_FOR_THIS_TEST);
  return dir;
}

/** The use-case layer as one start of the services sees it: this calendar directory, this clock. */
async function start(calendarsDir: string, now: Date): Promise<ServiceHarness> {
  const clock: Clock = { now: () => new Date(now) };
  const module = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(testConfig({ DATABASE_URL: database.url, CALENDARS_DIR: calendarsDir })),
      PersistenceModule,
      WorkflowModule,
    ],
  })
    .overrideProvider(CLOCK)
    .useValue(clock)
    .compile();
  await module.init();
  await module.get(Bootstrap).syncDefinitions();
  const h: ServiceHarness = { module, db: module.get(Db), database, get: (type) => module.get(type), close: () => module.close() };
  harnesses.push(h);
  return h;
}

const stepRow = (h: ServiceHarness, m: Matter) =>
  h.db
    .query<{ id: string; due_at: Date; provisional: boolean; version: number; status: string }>(
      `SELECT id, due_at, provisional, version, status FROM deadlines WHERE matter_id = $1 AND key = $2`,
      [m.id, `step:${currentStep(m)!.id}`],
    )
    .then((r) => r[0]);

let world: ServiceWorld;
let submitted: Matter;

beforeAll(async () => {
  database = await createTestDatabase();
  // Thursday 24 December 2026, 09:00 in Shenzhen: ten working days run into January 2027
  const h = await start(calendarDir(false), new Date('2026-12-24T01:00:00Z'));
  world = await seedWorld(h);
  submitted = await world.run('office', await world.draft(), { type: 'submit' });
});
afterAll(async () => {
  for (const h of harnesses) await h.close();
  await database?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('a provisional working-day deadline', () => {
  it('is counted on weekends alone while 2027 has no holiday data, and says so in the row and the matter view', async () => {
    const h = harnesses[0];
    // 25, 28–31 December, 4–8 January: Thursday 7 January on weekends alone
    expect(currentStep(submitted)!.dueAt).toBe('2027-01-07T01:00:00.000Z');
    const row = await stepRow(h, submitted);
    expect(row).toMatchObject({ provisional: true, version: 1, status: 'open' });
    expect(row.due_at.toISOString()).toBe('2027-01-07T01:00:00.000Z');
    const view = await h.get(MatterReader).view(submitted);
    expect(view.provisionalDeadlines).toEqual([
      {
        key: `step:${currentStep(submitted)!.id}`,
        kind: 'approval_step',
        subjectId: currentStep(submitted)!.id,
        dueAt: '2027-01-07T01:00:00.000Z',
      },
    ]);
    // the in-approval stage runs P180D, in ISO time: never provisional
    expect(view.stageDueProvisional).toBe(false);
  });

  it('stays as it is at a start whose calendar still lacks 2027', async () => {
    const h = await start(calendarDir(false), new Date('2026-12-26T01:00:00Z'));
    expect(await h.get(ReplanProvisionalDeadlines).execute()).toEqual({ checked: 1, moved: 0, skipped: 0 });
    expect(await stepRow(h, submitted)).toMatchObject({ provisional: true, version: 1 });
  });

  it('is re-planned by itself at the first start with 2027 data: moved past 元旦, not provisional, timers and audit follow', async () => {
    const h = await start(calendarDir(true), new Date('2026-12-28T01:00:00Z'));
    expect(await h.get(ReplanProvisionalDeadlines).execute()).toEqual({ checked: 1, moved: 1, skipped: 0 });

    // 25, 28–31 December, (1 January off), 4–8 January: Friday 8 January
    const row = await stepRow(h, submitted);
    expect(row).toMatchObject({ provisional: false, version: 2, status: 'open' });
    expect(row.due_at.toISOString()).toBe('2027-01-08T01:00:00.000Z');
    const timers = await h.db.query<{ deadline_version: number; state: string; label: string; fire_at: Date }>(
      `SELECT deadline_version, state, label, fire_at FROM timers WHERE deadline_id = $1 ORDER BY deadline_version, label`,
      [row.id],
    );
    expect(timers.filter((t) => t.deadline_version === 1).every((t) => t.state === 'cancelled')).toBe(true);
    // the approval policy reminds one working day before: Thursday 7 January
    const reminder = timers.find((t) => t.deadline_version === 2 && t.label === 'r-1wd');
    expect(reminder?.fire_at.toISOString()).toBe('2027-01-07T01:00:00.000Z');

    const after = (await h.get(MatterStore).load(h.db, submitted.id))!;
    expect(after.version).toBe(submitted.version + 1);
    expect(currentStep(after)!.dueAt).toBe('2027-01-08T01:00:00.000Z');
    const [event] = await h.db.query<{ type: string; actor_id: string | null; payload: { moves: unknown[] } }>(
      `SELECT type, actor_id, payload FROM audit_events WHERE aggregate_id = $1 ORDER BY seq DESC LIMIT 1`,
      [submitted.id],
    );
    expect(event).toMatchObject({ type: 'deadlines.replanned', actor_id: null });
    expect(event.payload.moves).toEqual([
      { key: `step:${currentStep(submitted)!.id}`, dueAt: '2027-01-08T01:00:00.000Z', previousDueAt: '2027-01-07T01:00:00.000Z' },
    ]);
    expect((await h.get(MatterReader).view(after)).provisionalDeadlines).toEqual([]);
    // nothing provisional is left to look at
    expect(await h.get(ReplanProvisionalDeadlines).execute()).toEqual({ checked: 0, moved: 0, skipped: 0 });
  });

  it('leaves the audit chain verifiable, the system event included', async () => {
    const h = harnesses.at(-1)!;
    const verdict = await h.get(MatterReader).verifyAudit(world.actors.office, submitted.id);
    expect(verdict).toMatchObject({ valid: true });
  });
});
