import { type Actor, type Matter, type MatterCommand, canRead } from '#domain';
import { MatterQueries, MatterStore, audiencesOf } from '#persistence';
import { DraftMatter } from '#workflow';
import { pollUntil } from '../support/poll.js';
import {
  LEGAL_ADJUSTMENT,
  type ServiceHarness,
  type ServiceWorld,
  instrumentFor,
  seedWorld,
  startServices,
} from '../support/service-harness.js';

/**
 * matter_visibility must say what canRead says, after every kind of command: for every
 * actor of the world (each role of each unit, the office, an admin, evaluators of the
 * leading and of another unit), the list reads exactly the matters canRead lets them see,
 * and its count agrees; and each matter's rows are exactly its audiences.
 */
let h: ServiceHarness;
let world: ServiceWorld;
const ids = new Set<string>();

beforeAll(async () => {
  h = await startServices();
  world = await seedWorld(h);
});
afterAll(() => h?.close());

const pilotUnit = (): Actor[] => [
  // an actor with two roles in one unit: approver and evaluator at once
  { userId: '00000000-0000-4000-8000-00000000000a', unitId: world.units.justice, roles: ['approver', 'evaluator'] },
  { userId: '00000000-0000-4000-8000-00000000000b', unitId: world.units.province, roles: ['manager', 'evaluator'] },
];

async function expectListsAgreeWithCanRead(step: string): Promise<void> {
  const store = h.get(MatterStore);
  const queries = h.get(MatterQueries);
  const matters = (await Promise.all([...ids].map((id) => store.load(h.db, id)))).filter((m): m is Matter => m !== null);
  for (const m of matters) {
    const rows = await h.db.query<{ unit_id: string; reach: string; stage: string; updated_at: Date }>(
      'SELECT unit_id, reach, stage, updated_at FROM matter_visibility WHERE matter_id = $1',
      [m.id],
    );
    const got = rows.map((r) => `${r.unit_id}:${r.reach}`).sort();
    expect({ step, matter: m.code, rows: got }).toEqual({
      step,
      matter: m.code,
      rows: audiencesOf(m)
        .map((a) => `${a.unitId}:${a.reach}`)
        .sort(),
    });
    // the copied list columns follow the matter
    for (const r of rows)
      expect({ step, stage: r.stage, updatedAt: r.updated_at.toISOString() }).toEqual({ step, stage: m.stage, updatedAt: m.updatedAt });
  }
  for (const [who, actor] of [...Object.entries(world.actors), ...pilotUnit().map((a, i) => [`two-roles-${i}`, a] as const)]) {
    const { items, total } = await queries.list(
      h.db,
      actor,
      { batchId: world.batchId, page: 1, pageSize: 200, sort: 'code', descending: false },
      new Date(),
    );
    const expected = matters.filter((m) => canRead(actor, m)).map((m) => m.code);
    const listed = items.map((i) => i.code);
    expect({ step, who, listed: [...listed].sort(), total }).toEqual({ step, who, listed: [...expected].sort(), total: expected.length });
    // no matter twice (an evaluator's unit row and the evaluators' row never both count)
    expect(new Set(listed).size).toBe(listed.length);
  }
}

async function run(label: string, by: Parameters<ServiceWorld['run']>[0], m: Matter, command: MatterCommand): Promise<Matter> {
  const after = await world.run(by, m, command);
  await expectListsAgreeWithCanRead(`${label} (${command.type})`);
  return after;
}

async function draft(label: string, ...args: Parameters<ServiceWorld['draft']>): Promise<Matter> {
  const m = await world.draft(...args);
  ids.add(m.id);
  await expectListsAgreeWithCanRead(`${label} (draft)`);
  return m;
}

async function approveAll(label: string, m: Matter): Promise<Matter> {
  let cur = m;
  while (cur.stage === 'in_approval')
    cur = await run(label, world.decider(cur), cur, { type: 'approve_step', comment: 'ok', authorization: instrumentFor(cur) });
  return cur;
}

describe('the visibility table', () => {
  it('agrees with canRead through a whole lifecycle: draft, edit, approval with a return, implementation, evaluation, adjustment, closure', async () => {
    let m = await draft('A');
    // the participating unit changes: commerce loses its row, justice gains one
    m = await run('A', 'office', m, { type: 'edit', changes: { participatingUnitIds: [world.units.justice] } });
    m = await run('A', 'office', m, {
      type: 'edit',
      changes: { riskLevel: 'high', requiresLegalAuthorization: true, legalAdjustment: LEGAL_ADJUSTMENT },
    });
    m = await run('A', 'office', m, { type: 'add_milestone', milestone: { title: { en: 'Dropped' }, due: { in: 'P50D' } } });
    m = await run('A', 'office', m, { type: 'remove_milestone', milestoneId: m.milestones[1].id });
    m = await run('A', 'office', m, { type: 'submit' });
    m = await run('A', world.decider(m), m, { type: 'approve_step', comment: 'ok' });
    m = await run('A', world.decider(m), m, { type: 'return_step', comment: '补充材料' });
    if (m.stage === 'draft') m = await run('A', 'office', m, { type: 'submit' });
    m = await approveAll('A', m);
    expect(m.stage).toBe('approved');
    m = await run('A', 'sticManager', m, { type: 'start_implementation' });
    m = await run('A', 'sticManager', m, { type: 'add_milestone', milestone: { title: { en: 'Second' }, due: { in: 'P30D' } } });
    m = await run('A', 'sticManager', m, { type: 'edit_milestone', milestoneId: m.milestones[1].id, due: { in: 'P45D' } });
    m = await run('A', 'sticManager', m, { type: 'complete_milestone', milestoneId: m.milestones[0].id, note: 'done' });
    m = await run('A', 'sticManager', m, { type: 'report_progress', targetId: m.targets[0].id, value: 40, asOf: '2026-01-02' });
    // an urge notice needs a missed deadline: a milestone due in a second, then missed
    m = await run('A', 'sticManager', m, { type: 'add_milestone', milestone: { title: { en: 'Late' }, due: { in: 'PT1S' } } });
    await pollUntil(
      () => Date.now(),
      (t) => t > Date.parse(m.milestones[2].dueAt),
      { timeoutMs: 5_000, intervalMs: 100 },
    );
    m = await run('A', 'office', m, { type: 'send_urge_notice', message: '请加快进度' });
    m = await run('A', 'sticManager', m, { type: 'complete_milestone', milestoneId: m.milestones[2].id });
    m = await run('A', 'sticManager', m, { type: 'acknowledge_urge_notice', noticeId: m.urgeNotices[0].id, response: '收到' });
    // the last milestone done: into evaluation, where every evaluator may see it
    m = await run('A', 'sticManager', m, { type: 'complete_milestone', milestoneId: m.milestones[1].id });
    if (m.stage !== 'in_evaluation') m = await run('A', 'office', m, { type: 'request_evaluation' });
    expect(m.stage).toBe('in_evaluation');
    if (!m.evaluator) m = await run('A', 'office', m, { type: 'assign_evaluator', evaluatorId: world.actors.justiceEvaluator.userId });
    // adjustment: back to implementation, out of the evaluators' sight
    m = await world.evaluate(m, 'needs_adjustment', {
      adjustment: { plan: 'Widen', addMilestones: [{ title: { zh: '扩围' }, due: { in: 'P60D' } }] },
    });
    await expectListsAgreeWithCanRead('A (log_evaluation: needs_adjustment)');
    expect(m.stage).toBe('in_implementation');
    m = await run('A', 'office', m, { type: 'request_evaluation' });
    m = await world.evaluate(m, 'replicable');
    await expectListsAgreeWithCanRead('A (log_evaluation: replicable)');
    expect(m.stage).toBe('closed');
  });

  it('agrees with canRead after a rejection, a withdrawal and a termination', async () => {
    const b = await draft('B');
    const submitted = await run('B', 'office', b, { type: 'submit' });
    await run('B', world.decider(submitted), submitted, { type: 'reject_step', comment: '不符合条件' });
    const c = await draft('C', 'sticManager');
    await run('C', 'sticManager', c, { type: 'withdraw' });
    let d = await draft('D', 'office', { participatingUnitIds: [world.units.commerce, world.units.justice] });
    d = await run('D', 'office', d, { type: 'submit' });
    await run('D', 'office', d, { type: 'terminate', reason: 'Superseded' });
  });

  it('agrees with canRead after an import: rows drafted in one unit of work, each behind a savepoint, as ImportBatch does', async () => {
    const draftMatter = h.get(DraftMatter);
    const drafted = await h.db.unitOfWork(async () => {
      const out: Matter[] = [];
      for (const [i, participating] of [[world.units.commerce], [world.units.justice, world.units.province]].entries()) {
        out.push(
          await draftMatter.execute({
            actor: world.actors.office,
            batchId: world.batchId,
            plan: {
              code: `IMP-${i}`,
              title: { zh: `导入事项${i}` },
              description: {},
              kind: 'reform_measure',
              policyArea: 'governance',
              leadingUnitId: world.units.stic,
              participatingUnitIds: participating,
              managerId: null,
              targets: [],
              riskLevel: 'low',
              risks: [],
              requiresLegalAuthorization: false,
            },
          }),
        );
      }
      return out;
    });
    for (const m of drafted) ids.add(m.id);
    await expectListsAgreeWithCanRead('import');
  });
});
