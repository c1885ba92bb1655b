import { pollUntil } from '../support/poll.js';
import { type System, startSystem } from '../support/system.js';
import type { MatterBody } from '../support/api-world.js';

/**
 * Supervision orders the definition issues by itself (自动督办, `orders.auto`, issue 16 item 2)
 * over the real api, worker, PostgreSQL, Redis and SMTP. The `auto-orders` workflow
 * (test/fixtures/workflows/auto-orders.yaml) issues a blue order 4 s before a milestone falls
 * due and a red one 1 s after it is missed; each is a timer of its deadline's version.
 */
let sys: System;
let batchId: string;

beforeAll(async () => {
  sys = await startSystem();
  await sys.startWorker();
  const batch = await sys.api.http
    .post('/api/v1/batches')
    .set(as('office'))
    .send({ code: 'SZ-AUTO-ORDERS', title: { zh: '自动督办测试批次' }, issuingAuthority: 'Test authority', workflow: 'auto-orders' });
  expect(batch.status).toBe(201);
  batchId = batch.body.id;
});
afterAll(() => sys?.close());

const as = (who: Parameters<System['world']['token']>[0]) => ({ Authorization: `Bearer ${sys.world.token(who)}` });

/** Approved, with one milestone due `dueIn` after drafting. */
async function approved(dueIn: string): Promise<MatterBody> {
  let m = await sys.world.draft({ batchId, milestones: [{ title: { zh: '出台实施细则', en: 'Issue the rules' }, dueIn }] });
  m = (await sys.world.act('office', m, 'submit')).body;
  const res = await sys.world.act('sticApprover', m, 'approve');
  expect(res.status).toBe(200);
  return res.body;
}

interface OrderRow {
  colour: string;
  subject_key: string;
  issued_by: string | null;
  requirement: string;
  unit_id: string;
}
const ordersOf = (matterId: string) =>
  sys.api.sql<OrderRow>(
    `SELECT colour, subject_key, issued_by, requirement, unit_id FROM supervision_orders WHERE matter_id = $1 ORDER BY issued_at`,
    [matterId],
  );

describe('automatic supervision orders (自动督办)', () => {
  it('issues a blue order before a milestone falls due and a red one once it is missed, each once, in nobody’s name, mailed to the unit', async () => {
    const m = await approved('PT8S');
    const ms = m.milestones[0];
    const orders = await pollUntil(
      () => ordersOf(m.id),
      (rows) => rows.length >= 2,
      { timeoutMs: 30_000 },
    );
    expect(orders).toEqual([
      expect.objectContaining({ colour: 'blue', subject_key: `milestone:${ms.id}`, issued_by: null, unit_id: sys.world.units.stic }),
      expect.objectContaining({ colour: 'red', subject_key: `milestone:${ms.id}`, issued_by: null, unit_id: sys.world.units.stic }),
    ]);
    expect(orders[0].requirement).toBe('「出台实施细则」将在4秒内到期，请抓紧推进，确保按期完成。（按督办规则自动签发）');
    expect(orders[1].requirement).toBe(
      '「出台实施细则」已逾期超过1秒，请立即采取措施抓紧落实，并在督办期限内报告进展和整改情况。（按督办规则自动签发）',
    );
    // the unit's managers get each order's mail, once, as for an order the office issues
    const mails = await pollUntil(
      () =>
        sys.smtp.messages.filter((x) => x.text.includes(m.code) && /(蓝色|红色)督办单/.test(x.subject) && !x.deliveryKey?.startsWith('t.')),
      (found) => found.length >= 2,
      { timeoutMs: 20_000 },
    );
    expect(mails.map((x) => x.subject).sort()).toEqual(
      [expect.stringContaining('红色督办单'), expect.stringContaining('蓝色督办单')].sort(),
    );
    // audited as the system's: no actor
    const audit = await sys.api.sql<{ actor_id: string | null }>(
      `SELECT actor_id FROM audit_events WHERE aggregate_id = $1 AND type = 'order.issued'`,
      [m.id],
    );
    expect(audit).toEqual([{ actor_id: null }, { actor_id: null }]);
    // the timers fired once each: nothing more is issued later
    await new Promise((r) => setTimeout(r, 2000));
    expect(await ordersOf(m.id)).toHaveLength(2);
    const timers = await sys.api.sql<{ label: string; state: string }>(
      `SELECT t.label, t.state FROM timers t JOIN deadlines d ON d.id = t.deadline_id WHERE d.matter_id = $1 AND t.kind = 'auto_order' ORDER BY t.label`,
      [m.id],
    );
    expect(timers).toEqual([
      { label: 'o-blue-soon-PT4S', state: 'fired' },
      { label: 'o-red-late-PT1S', state: 'fired' },
    ]);
  });

  it('issues nothing on a milestone completed in time, and stands aside where the office’s own red order is open', async () => {
    const approvedOne = await approved('PT8S');
    const done = (await sys.world.act('office', approvedOne, 'start-implementation')).body;
    const met = await sys.world.act('sticManager', done, `milestones/${done.milestones[0].id}/complete`, {});
    expect(met.status).toBe(200);

    const covered = await approved('PT7S');
    const ms = covered.milestones[0];
    const own = await sys.world.act('office', covered, 'supervision-orders', {
      colour: 'red',
      subjectKey: `milestone:${ms.id}`,
      requirement: '请于限期内完成并报告。',
    });
    expect(own.status).toBe(201);
    // both rules' times pass: the blue one (before) and the red one (after) are covered by the open red order
    const timers = await pollUntil(
      () =>
        sys.api.sql<{ state: string }>(
          `SELECT t.state FROM timers t JOIN deadlines d ON d.id = t.deadline_id WHERE d.matter_id = $1 AND t.kind = 'auto_order'`,
          [covered.id],
        ),
      (rows) => rows.length === 2 && rows.every((r) => r.state === 'fired'),
      { timeoutMs: 30_000 },
    );
    expect(timers).toHaveLength(2);
    expect((await ordersOf(covered.id)).map((o) => [o.colour, o.issued_by])).toEqual([['red', sys.world.users.office.id]]);
    expect(await ordersOf(done.id)).toEqual([]);
  });
});
