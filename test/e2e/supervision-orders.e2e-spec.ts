import { pollUntil } from '../support/poll.js';
import { type System, startSystem } from '../support/system.js';
import type { MatterBody } from '../support/api-world.js';

/**
 * Supervision orders (三色督办单, issue 16 item 2) over the real api, worker, PostgreSQL, Redis
 * and SMTP. The `timers` workflow gives an order without a time from the office 6 s, reminders
 * PT2S and PT0S before and an escalation 1 s after, to the responsible manager.
 */
let sys: System;

beforeAll(async () => {
  sys = await startSystem();
  await sys.startWorker();
});
afterAll(() => sys?.close());

const as = (who: Parameters<System['world']['token']>[0]) => ({ Authorization: `Bearer ${sys.world.token(who)}` });
const order = (over: Record<string, unknown> = {}) => ({
  colour: 'red',
  requirement: '请于限期内完成首批试点并报送整改情况。',
  ...over,
});
/** A timer mail's key is `t.<deadline>.v<version>.<label>.<recipient>`: its label (`r-PT0S`, `e1`). */
const labelOf = (key: string): string => key.split('.')[3];

async function approved(): Promise<MatterBody> {
  const m = await sys.world.draft({});
  const submitted = await sys.world.act('office', m, 'submit');
  expect(submitted.status).toBe(200);
  const res = await sys.world.act('sticApprover', submitted.body, 'approve');
  expect(res.status).toBe(200);
  return res.body;
}

describe('a supervision order (三色督办单)', () => {
  it('is issued by the reform office alone, on a matter under way, each bad field named', async () => {
    const draft = await sys.world.draft({});
    const early = await sys.world.act('office', draft, 'supervision-orders', order());
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('stage.action_not_allowed');
    const m = await approved();
    expect((await sys.world.act('sticManager', m, 'supervision-orders', order())).status).toBe(403);
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ colour: 'green' }, 400, 'colour'],
      [{ requirement: '  ' }, 400, 'requirement'],
      [{ dueIn: 'soon' }, 400, 'dueIn'],
      [{ dueIn: 'PT0S' }, 422, 'dueIn'],
      [{ dueAt: '2020-01-01' }, 422, 'dueAt'],
      [{ subjectKey: 'milestone:nope' }, 422, 'subjectKey'],
      [{ extra: 1 }, 400, 'extra'],
    ];
    for (const [over, status, field] of cases) {
      const res = await sys.world.act('office', m, 'supervision-orders', order(over));
      expect({ over, status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ over, status, field });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const noVersion = await sys.api.http.post(`/api/v1/matters/${m.id}/supervision-orders`).set(as('office')).send(order());
    expect(noVersion.status).toBe(428);
    expect(await sys.api.sql(`SELECT 1 FROM supervision_orders WHERE matter_id = $1`, [m.id])).toEqual([]);
  });

  it('mails the unit once, reminds and escalates over real SMTP, tops the inbox, is acknowledged by the unit and closed by the office', async () => {
    let m = await approved();
    const ms = m.milestones[0];
    const issued = await sys.world.act('office', m, 'supervision-orders', order({ subjectKey: `milestone:${ms.id}` }));
    expect(issued.status).toBe(201);
    m = issued.body;
    const [o] = m.supervisionOrders;
    expect(o).toMatchObject({
      colour: 'red',
      subjectKey: `milestone:${ms.id}`,
      subjectTitle: ms.title,
      unitId: sys.world.units.stic,
      dueGiven: false,
      issuedBy: sys.world.users.office.id,
      acknowledgedAt: null,
      closedAt: null,
    });
    expect(Date.parse(o.dueAt) - Date.parse(o.issuedAt)).toBe(6000);
    const [deadline] = await sys.api.sql<{ id: string; responsible: unknown; unit_id: string; title_zh: string }>(
      `SELECT id, responsible, unit_id, title_zh FROM deadlines WHERE key = $1 AND status = 'open'`,
      [`order:${o.id}`],
    );
    expect(deadline).toMatchObject({
      responsible: { kind: 'user', userId: sys.world.users.sticManager.id },
      unit_id: sys.world.units.stic,
      title_zh: '落实红色督办单：请于限期内完成首批试点并报送整改情况。',
    });

    // the manager's inbox: a red order, near the top, its link opening the acknowledgement
    await sys.world.draft({});
    const tasks = await sys.api.http.get('/api/v1/me/tasks').set(as('sticManager'));
    expect(tasks.status).toBe(200);
    expect(tasks.body.items[0]).toMatchObject({
      kind: 'order',
      colour: 'red',
      action: 'acknowledge_supervision_order',
      subject: { id: o.id },
      link: `/matters/${m.id}?action=acknowledge_supervision_order&subject=${o.id}`,
    });
    expect(tasks.body.counts.order).toBe(1);

    // the issue mail, once, to the unit's managers, naming the colour, with the acknowledgement ready
    const event = await pollUntil(
      () => sys.smtp.messages.filter((x) => x.subject.includes('红色督办单')),
      (xs) => xs.length > 0,
      { timeoutMs: 20_000, what: 'the order mail' },
    );
    expect(event[0].text).toContain('请于限期内完成首批试点并报送整改情况。');
    expect(event[0].text).toContain(`action=acknowledge_supervision_order&subject=${o.id}`);
    expect(event[0].text).toContain(ms.title.zh);

    const mails = await pollUntil(
      () => sys.smtp.messages.filter((x) => x.deliveryKey?.startsWith(`t.${deadline.id}.`)),
      (xs) => xs.some((x) => labelOf(x.deliveryKey!) === 'e1'),
      { timeoutMs: 30_000, what: "the order's escalation" },
    );
    const to = (label: string) => mails.filter((x) => labelOf(x.deliveryKey!) === label).flatMap((x) => x.to);
    expect(to('r-PT2S')).toEqual(['sticmanager@reformflow.test']);
    expect(to('r-PT0S')).toEqual(['sticmanager@reformflow.test']);
    expect(to('e1')).toEqual(['sticmanager@reformflow.test']);
    const reminder = mails.find((x) => labelOf(x.deliveryKey!) === 'r-PT0S')!;
    expect(reminder.text).toContain('这是改革办下发的督办单');
    // the issue mail went once to each of the unit's managers, however often the worker looked
    const issueMails = sys.smtp.messages.filter((x) => x.subject.includes('红色督办单') && !x.deliveryKey?.startsWith('t.'));
    const recipients = issueMails.flatMap((x) => x.to);
    expect(recipients).toContain('sticmanager@reformflow.test');
    expect(new Set(recipients).size).toBe(recipients.length);

    // acknowledged by the unit's manager, not another unit's, not twice; closing waits for it
    const path = `supervision-orders/${o.id}/acknowledge`;
    expect((await sys.world.act('commerceManager', m, path, {})).status).toBe(403);
    expect((await sys.world.act('office', m, path, {})).status).toBe(403);
    const early = await sys.world.act('office', m, `supervision-orders/${o.id}/close`, {});
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'order.not_acknowledged', errors: [{ field: 'orderId' }] });
    const acked = await sys.world.act('sticManager', m, path, { response: '已签收，正在整改。' });
    expect(acked.status).toBe(200);
    m = acked.body;
    expect(m.supervisionOrders[0]).toMatchObject({ acknowledgedBy: sys.world.users.sticManager.id, response: '已签收，正在整改。' });
    const twice = await sys.world.act('sticManager', m, path, {});
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('order.already_acknowledged');
    // the acknowledgement goes back, once, to the office member who issued the order, with the closing ready
    const ackMail = await pollUntil(
      () => sys.smtp.messages.filter((x) => x.subject.startsWith('【督办单已签收】')),
      (xs) => xs.length > 0,
      { timeoutMs: 20_000, what: 'the acknowledgement mail' },
    );
    expect(ackMail.flatMap((x) => x.to)).toEqual(['office@reformflow.test']);
    expect(ackMail[0].text).toContain('已签收，正在整改。');
    expect(ackMail[0].text).toContain(`action=close_supervision_order&subject=${o.id}`);

    // the office's inbox asks for 销号; the office closes it, which meets the deadline
    const office = await sys.api.http.get('/api/v1/me/tasks').set(as('office'));
    expect(office.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'order',
        colour: 'red',
        action: 'close_supervision_order',
        link: `/matters/${m.id}?action=close_supervision_order&subject=${o.id}`,
      }),
    );
    expect((await sys.world.act('sticManager', m, `supervision-orders/${o.id}/close`, {})).status).toBe(403);
    const closed = await sys.world.act('office', m, `supervision-orders/${o.id}/close`, { remark: '已整改到位，予以销号。' });
    expect(closed.status).toBe(200);
    expect(closed.body.supervisionOrders[0]).toMatchObject({
      closedBy: sys.world.users.office.id,
      closingRemark: '已整改到位，予以销号。',
    });
    const [met] = await sys.api.sql<{ status: string }>(`SELECT status FROM deadlines WHERE key = $1`, [`order:${o.id}`]);
    expect(met.status).toBe('met');
    const again = await sys.world.act('office', closed.body, `supervision-orders/${o.id}/close`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('order.closed');
    // the closing reaches the managers of the unit the order named, with the office's remark
    const closedMail = await pollUntil(
      () => sys.smtp.messages.filter((x) => x.subject.startsWith('【督办单已销号】')),
      (xs) => xs.length > 0,
      { timeoutMs: 20_000, what: 'the closing mail' },
    );
    expect(closedMail.flatMap((x) => x.to)).toContain('sticmanager@reformflow.test');
    expect(closedMail.flatMap((x) => x.to)).not.toContain('office@reformflow.test');
    expect(closedMail[0].text).toContain('已整改到位，予以销号。');

    // audited, the chain intact
    const timeline = await sys.api.http.get(`/api/v1/matters/${m.id}/timeline`).set(as('office'));
    expect(timeline.body.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['order.issued', 'order.acknowledged', 'order.closed']),
    );
    const verify = await sys.api.http.get(`/api/v1/matters/${m.id}/audit/verify`).set(as('office'));
    expect(verify.body.valid).toBe(true);
  }, 60_000);

  it("keeps the office's own time, and its timers end when the matter is terminated", async () => {
    let m = await approved();
    const res = await sys.world.act('office', m, 'supervision-orders', order({ colour: 'blue', dueAt: '2099-06-30' }));
    expect(res.status).toBe(201);
    m = res.body;
    expect(m.supervisionOrders[0]).toMatchObject({ colour: 'blue', dueGiven: true, dueAt: '2099-06-30T15:59:59.000Z', subjectKey: null });
    const key = `order:${m.supervisionOrders[0].id}`;
    const pending = () =>
      sys.api.sql(`SELECT 1 FROM timers t JOIN deadlines d ON d.id = t.deadline_id WHERE d.key = $1 AND t.state = 'pending'`, [key]);
    expect((await pending()).length).toBeGreaterThan(0);
    const ended = await sys.world.act('office', m, 'terminate', { reason: '政策调整，终止试点' });
    expect(ended.status).toBe(200);
    const [row] = await sys.api.sql<{ status: string }>(`SELECT status FROM deadlines WHERE key = $1`, [key]);
    expect(row.status).toBe('cancelled');
    expect(await pending()).toEqual([]);
  });
});
