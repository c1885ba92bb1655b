import { DomainError } from '#domain';
import { StaleVersionError } from '#persistence';
import { type ServiceHarness, type ServiceWorld, seedWorld, startServices } from '../support/service-harness.js';

let h: ServiceHarness;
let world: ServiceWorld;

beforeAll(async () => {
  h = await startServices({ DATABASE_POOL_MAX: '20' });
  world = await seedWorld(h);
});
afterAll(() => h?.close());

describe('concurrent commands on one matter', () => {
  it('lets exactly one of 50 simultaneous approvals of the same step succeed', async () => {
    let m = await world.draft();
    m = await world.run('office', m, { type: 'submit' });
    const [{ n: eventsBefore }] = await h.db.query<{ n: string }>('SELECT count(*) AS n FROM audit_events WHERE aggregate_id = $1', [m.id]);

    const attempts = await Promise.allSettled(
      Array.from({ length: 50 }, () => world.run('sticApprover', m, { type: 'approve_step', comment: 'ok' })),
    );

    const won = attempts.filter((a) => a.status === 'fulfilled');
    const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    // every loser is a version conflict (409), never a crash or a second approval
    for (const l of lost) expect(l.reason).toBeInstanceOf(StaleVersionError);

    const [row] = await h.db.query<{ version: number }>('SELECT version FROM matters WHERE id = $1', [m.id]);
    expect(row.version).toBe(m.version + 1);
    const events = await h.db.query<{ type: string }>('SELECT type FROM audit_events WHERE aggregate_id = $1 AND seq > $2 ORDER BY seq', [
      m.id,
      Number(eventsBefore),
    ]);
    expect(events.map((e) => e.type)).toEqual(['approval.step_approved']);
    const steps = await h.db.query<{ status: string }>('SELECT status FROM approval_steps WHERE matter_id = $1 ORDER BY position', [m.id]);
    expect(steps.map((s) => s.status)).toEqual(['approved', 'pending']);
  });

  it('keeps different matters independent under concurrency', async () => {
    const matters = await Promise.all(Array.from({ length: 10 }, () => world.draft()));
    const submitted = await Promise.all(matters.map((m) => world.run('office', m, { type: 'submit' })));
    expect(submitted.every((m) => m.stage === 'in_approval')).toBe(true);
    for (const m of submitted) {
      const [{ n }] = await h.db.query<{ n: string }>('SELECT count(*) AS n FROM audit_events WHERE aggregate_id = $1', [m.id]);
      expect(Number(n)).toBe(3); // drafted, milestone added, submitted
    }
  });

  it('refuses a command made against a version that is no longer current', async () => {
    const m = await world.draft();
    await world.run('office', m, { type: 'submit' });
    await expect(world.run('office', m, { type: 'withdraw' })).rejects.toMatchObject({
      expectedVersion: m.version,
      currentVersion: m.version + 1,
    });
    await expect(world.run('office', m, { type: 'withdraw' })).rejects.not.toBeInstanceOf(DomainError);
  });
});
