import type { ApiHarness } from '../support/api-harness.js';
import { startApi } from '../support/api-harness.js';
import { type ApiWorld, type MatterBody, type Who, buildWorld, deciderOf } from '../support/api-world.js';
import { pollUntil } from '../support/poll.js';

/**
 * GET /matters?deliveryStatus=…: the list agrees with GET /matters/:id/status at the moment
 * of the read, also when a deadline falls due soon, is missed and is missed badly with no
 * command in between (the demo workflow: at risk within PT3S of a due time and once missed,
 * off track PT4S after it), and the dashboard's figure per status is the filtered list's total.
 */
let api: ApiHarness;
let world: ApiWorld;

beforeAll(async () => {
  api = await startApi();
  world = await buildWorld(api, 'demo');
});
afterAll(() => api?.close());

const STATUSES = ['on_track', 'at_risk', 'off_track'] as const;
type Status = (typeof STATUSES)[number];

async function statusOf(who: Who, id: string): Promise<Status | null> {
  const res = await api.http.get(`/api/v1/matters/${id}/status`).set({ Authorization: `Bearer ${world.token(who)}` });
  expect(res.status).toBe(200);
  return res.body.status as Status | null;
}

async function listed(who: Who, query: string): Promise<{ ids: string[]; total: number }> {
  const res = await api.http.get(`/api/v1/matters?pageSize=200&${query}`).set({ Authorization: `Bearer ${world.token(who)}` });
  expect(res.status).toBe(200);
  return { ids: (res.body.items as Array<{ id: string }>).map((i) => i.id), total: res.body.total as number };
}

async function dashboard(who: Who): Promise<Record<Status, number>> {
  const res = await api.http.get('/api/v1/reports/progress').set({ Authorization: `Bearer ${world.token(who)}` });
  expect(res.status).toBe(200);
  return res.body.totals.byStatus as Record<Status, number>;
}

async function submitted(milestoneDueIn: string): Promise<MatterBody> {
  const m = await world.draft({ milestones: [{ title: { zh: '试点启动', en: 'Pilot launched' }, dueIn: milestoneDueIn }] });
  const res = await world.act('office', m, 'submit');
  expect(res.status).toBe(200);
  return res.body as MatterBody;
}

describe('the delivery-status filter', () => {
  it('lists exactly the matters whose status is that now, as a milestone comes due, is missed and is missed badly without a command', async () => {
    const soon = await submitted('PT6S');
    const calm = await world.draft(); // a draft: its stage is due in PT60S, long after this test
    const closed = await world.act('office', await world.draft(), 'withdraw');
    expect(closed.status).toBe(200);
    const ours = [soon.id, calm.id, closed.body.id as string];
    const seen: Array<Status | null> = [];
    let compared = 0;

    await pollUntil(
      async () => {
        const before = await Promise.all(ours.map((id) => statusOf('office', id)));
        const lists = await Promise.all(STATUSES.map((s) => listed('office', `batchId=${world.batchId}&deliveryStatus=${s}`)));
        const after = await Promise.all(ours.map((id) => statusOf('office', id)));
        // a status that changed while the lists were read says nothing about them: read again
        if (before.some((s, i) => s !== after[i])) return null;
        for (const [i, id] of ours.entries()) {
          const inLists = STATUSES.filter((_, k) => lists[k].ids.includes(id));
          expect({ id, inLists }).toEqual({ id, inLists: after[i] === null ? [] : [after[i]] });
        }
        for (const l of lists) expect(l.total).toBe(l.ids.length);
        compared += 1;
        if (seen.at(-1) !== after[0]) seen.push(after[0]);
        return after[0];
      },
      (s) => s === 'off_track',
      { timeoutMs: 20_000, intervalMs: 250, what: 'the milestone to be missed by PT4S' },
    );
    expect(seen).toEqual(['on_track', 'at_risk', 'off_track']);
    expect(compared).toBeGreaterThan(3);
    expect(await statusOf('office', calm.id)).toBe('on_track');
    expect(await statusOf('office', closed.body.id as string)).toBeNull();

    // each row carries the status too, and the CSV export filters alike, with the status in words
    const [row] = (
      await api.http.get(`/api/v1/matters?deliveryStatus=off_track&batchId=${world.batchId}`).set({
        Authorization: `Bearer ${world.token('office')}`,
      })
    ).body.items as Array<{ id: string; deliveryStatus: string }>;
    expect(row).toMatchObject({ id: soon.id, deliveryStatus: 'off_track' });
    const csv = await api.http
      .get(`/api/v1/matters?format=csv&deliveryStatus=off_track&batchId=${world.batchId}`)
      .set({ Authorization: `Bearer ${world.token('office')}` })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(csv.status).toBe(200);
    const lines = (csv.body as Buffer).toString('utf8').slice(1).trim().split('\n');
    expect(lines[0]).toContain('进展状态');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(soon.code as string);
    expect(lines[1]).not.toContain('off_track');
  });

  it("gives each of the dashboard's status figures the filtered list's total, for the office and for a manager's own unit", async () => {
    // a step due in PT20S keeps this matter's status still while the figures are read
    const approving = await submitted('P30D');
    const decided = await world.act(deciderOf(world, approving.currentStep), approving, 'approve', { comment: 'ok' });
    expect(decided.status).toBe(200);
    await world.draft({
      leadingUnitId: world.units.commerce,
      participatingUnitIds: [world.units.stic],
      managerId: world.users.commerceManager.id,
    });
    await pollUntil(
      async () => {
        const before = await Promise.all([dashboard('office'), dashboard('sticManager')]);
        const office = await Promise.all(STATUSES.map((s) => listed('office', `deliveryStatus=${s}`)));
        const mine = await Promise.all(STATUSES.map((s) => listed('sticManager', `deliveryStatus=${s}&leadingUnitId=${world.units.stic}`)));
        const after = await Promise.all([dashboard('office'), dashboard('sticManager')]);
        if (JSON.stringify(before) !== JSON.stringify(after)) return false;
        expect(Object.fromEntries(STATUSES.map((s, k) => [s, office[k].total]))).toEqual(after[0]);
        expect(Object.fromEntries(STATUSES.map((s, k) => [s, mine[k].total]))).toEqual(after[1]);
        // the dashboard counts what a status holds for; the lists add up to every open matter
        expect(STATUSES.reduce((n, s) => n + after[0][s], 0)).toBeGreaterThan(0);
        return true;
      },
      (ok) => ok,
      { timeoutMs: 10_000, intervalMs: 200, what: 'figures that hold still while read' },
    );
  });

  it('refuses a status outside the list with a 400 naming the field and the rule', async () => {
    const res = await api.http.get('/api/v1/matters?deliveryStatus=green').set({ Authorization: `Bearer ${world.token('office')}` });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'deliveryStatus', rule: 'one_of' })]);
  });
});
