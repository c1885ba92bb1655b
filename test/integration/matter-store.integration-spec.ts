import { type Actor, type Matter, type MatterEvent, canRead, evolve } from '#domain';
import { AuditLog, MatterQueries, MatterStore } from '#persistence';
import { MatterReader } from '#workflow';
import {
  LEGAL_ADJUSTMENT,
  type ServiceHarness,
  type ServiceWorld,
  instrumentFor,
  seedWorld,
  startServices,
} from '../support/service-harness.js';

let h: ServiceHarness;
let world: ServiceWorld;

beforeAll(async () => {
  h = await startServices();
  world = await seedWorld(h);
});
afterAll(() => h?.close());

async function approveAll(m: Matter): Promise<Matter> {
  let cur = m;
  while (cur.stage === 'in_approval')
    cur = await world.run(world.decider(cur), cur, { type: 'approve_step', authorization: instrumentFor(cur) });
  return cur;
}

/** One matter per stage, each with rejections, adjustments and every kind of child row it can have by then. */
async function mattersInEveryStage(): Promise<Matter[]> {
  const inApproval = async (overrides = {}) => world.run('office', await world.draft('office', overrides), { type: 'submit' });
  const implementing = async () => {
    let m = await approveAll(await inApproval({ riskLevel: 'high', requiresLegalAuthorization: true, legalAdjustment: LEGAL_ADJUSTMENT }));
    m = await world.run('sticManager', m, { type: 'start_implementation' });
    m = await world.run('sticManager', m, {
      type: 'report_progress',
      targetId: m.targets[0].id,
      value: 40,
      asOf: '2026-01-02',
      note: '过半',
    });
    m = await world.run('sticManager', m, { type: 'add_milestone', milestone: { title: { en: 'Second' }, due: { in: 'P30D' } } });
    return world.run('sticManager', m, { type: 'edit_milestone', milestoneId: m.milestones[1].id, due: { in: 'P45D' } });
  };
  const adjusted = async () => {
    const m = await world.run('office', await implementing(), { type: 'request_evaluation' });
    return world.evaluate(m, 'needs_adjustment', {
      adjustment: { plan: 'Widen', addMilestones: [{ title: { zh: '扩围' }, due: { in: 'P60D' } }] },
    });
  };
  const closed = async () => {
    const m = await world.run('office', await adjusted(), { type: 'request_evaluation' });
    return world.evaluate(m, 'replicable');
  };
  return [
    await world.draft(),
    await inApproval(),
    await world.run('sticApprover', await inApproval(), { type: 'reject_step', comment: '退回' }),
    await approveAll(await inApproval({ riskLevel: 'critical' })),
    await implementing(),
    await adjusted(),
    await closed(),
    await world.run('office', await world.draft(), { type: 'terminate', reason: 'Superseded' }),
    await world.run('sticManager', await world.draft('sticManager'), { type: 'withdraw' }),
  ];
}

describe('matters in PostgreSQL', () => {
  let matters: Matter[];
  beforeAll(async () => {
    matters = await mattersInEveryStage();
  });

  it('loads exactly the state each command returned', async () => {
    const store = h.get(MatterStore);
    for (const m of matters) expect(await store.load(h.db, m.id)).toEqual(m);
  });

  it('can rebuild every stored matter from its audit trail alone', async () => {
    const audit = h.get(AuditLog);
    const store = h.get(MatterStore);
    for (const m of matters) {
      const events = await audit.read(h.db, 'matter', m.id);
      let rebuilt: Matter | null = null;
      for (const e of events) {
        rebuilt = evolve(rebuilt, {
          type: e.body.type,
          at: e.body.occurredAt,
          actorId: e.body.actorId,
          ...(e.body.payload as object),
        } as MatterEvent);
      }
      const stored = (await store.load(h.db, m.id))!;
      // progress entries and evaluations are ordered by time in SQL and by arrival in memory: compare as sets
      expect({ ...rebuilt!, progress: [], evaluations: [] }).toEqual({ ...stored, progress: [], evaluations: [] });
      expect(new Set(rebuilt!.progress.map((p) => p.id))).toEqual(new Set(stored.progress.map((p) => p.id)));
      expect((await audit.verify(h.db, 'matter', m.id)).valid).toBe(true);
    }
  });

  it('lists for each actor exactly the matters the domain lets them read', async () => {
    const queries = h.get(MatterQueries);
    const store = h.get(MatterStore);
    const all = await Promise.all(matters.map((m) => store.load(h.db, m.id)));
    const actors: Actor[] = [
      ...Object.values(world.actors),
      { userId: 'x', unitId: world.units.province, roles: ['manager', 'evaluator'] },
    ];
    for (const actor of actors) {
      const { items, total } = await queries.list(h.db, actor, { page: 1, pageSize: 200, sort: 'code', descending: false }, new Date());
      const expected = all
        .filter((m) => m && canRead(actor, m))
        .map((m) => m!.id)
        .sort();
      expect({ actor: actor.roles.join('+') + '@' + actor.unitId, ids: items.map((i) => i.id).sort() }).toEqual({
        actor: actor.roles.join('+') + '@' + actor.unitId,
        ids: expected,
      });
      expect(total).toBe(expected.length);
    }
  });

  it('finds overdue matters by their earliest open deadline', async () => {
    const reader = h.get(MatterReader);
    const m = await world.draft('office', {}, [{ title: { en: 'Soon' }, due: { in: 'PT1S' } }]);
    const approved = await approveAll(await world.run('office', m, { type: 'submit' }));
    const started = await world.run('sticManager', approved, { type: 'start_implementation' });
    const later = new Date(Date.now() + 5_000);
    const { items } = await h
      .get(MatterQueries)
      .list(h.db, world.actors.office, { overdue: true, page: 1, pageSize: 50, sort: 'code', descending: false }, later);
    expect(items.map((i) => i.id)).toContain(started.id);
    expect(items.find((i) => i.id === started.id)?.overdue).toBe(true);
    expect((await reader.get(world.actors.office, started.id)).nextDueAt).toBe(started.milestones[0].dueAt);
  });
});
