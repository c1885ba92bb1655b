import { pollUntil } from '../support/poll.js';
import { type System, startSystem } from '../support/system.js';
import type { MatterBody } from '../support/api-world.js';

/**
 * Participating units' parts (分工, issue 13 item 1) over the real api, worker, PostgreSQL,
 * Redis and SMTP. The `timers` workflow gives parts reminders PT2S, PT1S and PT0S before
 * their due time and escalations 1 s (to the contact) and 2 s (to the participating unit's
 * head, its managers when it has none) after it.
 */
let sys: System;

beforeAll(async () => {
  sys = await startSystem();
  await sys.startWorker();
});
afterAll(() => sys?.close());

const as = (who: Parameters<System['world']['token']>[0]) => ({ Authorization: `Bearer ${sys.world.token(who)}` });
const part = (over: Record<string, unknown> = {}) => ({
  unitId: sys.world.units.commerce,
  deliverable: { zh: '制定新型研发机构人才引进配套政策', en: 'Draft the talent measures' },
  dueIn: 'P30D',
  ...over,
});

/** A timer mail's key is `t.<deadline>.v<version>.<label>.<recipient>`: its label (`r-PT0S`, `e1`). */
const labelOf = (key: string): string => key.split('.')[3];

async function approve(m: MatterBody): Promise<MatterBody> {
  const submitted = await sys.world.act('office', m, 'submit');
  expect(submitted.status).toBe(200);
  const approved = await sys.world.act('sticApprover', submitted.body, 'approve');
  expect(approved.status).toBe(200);
  return approved.body;
}

async function scorecardRow(code: string): Promise<{ deadlinesDue: number; metOnTime: number; matters: number } | undefined> {
  const res = await sys.api.http.get('/api/v1/reports/scorecard?from=2020-01-01').set(as('office'));
  expect(res.status).toBe(200);
  return res.body.rows.find((r: { unit: { code: string } }) => r.unit.code === code);
}

describe("a participating unit's part (分工)", () => {
  it('is refused, naming the field, for a unit that does not participate and for a contact of another unit', async () => {
    const leading = await sys.api.http
      .post('/api/v1/matters')
      .set(as('office'))
      .send({ ...draftBody(), parts: [part({ unitId: sys.world.units.stic })] });
    expect(leading.status).toBe(422);
    expect(leading.body).toMatchObject({ code: 'part.not_participating', errors: [{ field: 'parts[0].unitId' }] });
    const contact = await sys.api.http
      .post('/api/v1/matters')
      .set(as('office'))
      .send({ ...draftBody(), parts: [part({ contactId: sys.world.users.sticManager.id })] });
    expect(contact.status).toBe(422);
    expect(contact.body).toMatchObject({ code: 'part.contact_not_in_unit', errors: [{ field: 'parts[0].contactId' }] });
    const shape = await sys.api.http
      .post('/api/v1/matters')
      .set(as('office'))
      .send({ ...draftBody(), parts: [part({ dueIn: 'soon' })] });
    expect(shape.status).toBe(400);
    expect(shape.body.errors[0].field).toBe('parts[0].dueIn');
    // nothing was written
    const [{ n }] = await sys.api.sql<{ n: string }>(`SELECT count(*) AS n FROM matter_parts`);
    expect(Number(n)).toBe(0);
  });

  it('reminds its contact person, escalates to the participating unit, lists in their inbox and counts in their scorecard, not the leading unit', async () => {
    const m = await sys.world.draft({
      parts: [part({ dueIn: 'PT8S', contactId: sys.world.users.commerceApprover.id })],
    });
    expect(m.parts).toEqual([
      expect.objectContaining({ unitId: sys.world.units.commerce, contactId: sys.world.users.commerceApprover.id, completedAt: null }),
    ]);
    // in the draft the part waits for approval (交办): no deadline yet
    expect(await sys.api.sql(`SELECT 1 FROM deadlines WHERE matter_id = $1 AND kind = 'part'`, [m.id])).toEqual([]);
    const approved = await approve(m);
    const [deadline] = await sys.api.sql<{ id: string; unit_id: string; responsible: unknown; key: string }>(
      `SELECT id, unit_id, responsible, key FROM deadlines WHERE matter_id = $1 AND kind = 'part' AND status = 'open'`,
      [m.id],
    );
    expect(deadline).toMatchObject({
      key: `part:${approved.parts[0].id}`,
      unit_id: sys.world.units.commerce,
      responsible: { kind: 'user', userId: sys.world.users.commerceApprover.id },
    });

    // the contact's inbox lists it, its link opening the report form
    const tasks = await sys.api.http.get('/api/v1/me/tasks').set(as('commerceApprover'));
    expect(tasks.status).toBe(200);
    expect(tasks.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'part',
        action: 'report_part',
        link: `/matters/${m.id}?action=report_part&subject=${approved.parts[0].id}`,
      }),
    );
    expect(tasks.body.counts.part).toBe(1);

    // reminders to the contact, then the ladder: the contact, then the participating unit's managers (it has no head on record)
    const mails = await pollUntil(
      () => sys.smtp.messages.filter((x) => x.deliveryKey?.startsWith(`t.${deadline.id}.`)),
      (ms) => ms.some((x) => labelOf(x.deliveryKey!) === 'e2'),
      { timeoutMs: 30_000, what: "the part's second escalation" },
    );
    const to = (label: string) => mails.filter((x) => labelOf(x.deliveryKey!) === label).flatMap((x) => x.to);
    expect(to('r-PT0S')).toEqual(['commerceapprover@reformflow.test']);
    expect(to('e1')).toEqual(['commerceapprover@reformflow.test']);
    expect(to('e2')).toEqual(['commercemanager@reformflow.test']);
    const reminder = mails.find((x) => labelOf(x.deliveryKey!) === 'r-PT0S')!;
    expect(reminder.text).toContain('这是贵单位作为配合单位在该事项中承担的分工任务');
    expect(reminder.text).toContain('制定新型研发机构人才引进配套政策');
    // nothing of it to the leading unit's manager
    expect(mails.flatMap((x) => x.to)).not.toContain('sticmanager@reformflow.test');

    // the missed part counts for the participating unit (a row of its own: it leads no matter);
    // the leading unit met all it answered for (the draft stage, submitted in time)
    const commerce = await scorecardRow('SZ-COMMERCE');
    expect(commerce).toMatchObject({ matters: 0, deadlinesDue: 1, metOnTime: 0 });
    const stic = await scorecardRow('SZ-STIC');
    expect(stic?.deadlinesDue).toBeGreaterThan(0);
    expect(stic?.metOnTime).toBe(stic?.deadlinesDue);
  }, 60_000);

  it('is reported on by its unit only, with versions checked, and marked done meets its deadline', async () => {
    let m = await approve(await sys.world.draft({ parts: [part()] }));
    const partId = m.parts[0].id;
    const report = { narrative: '已完成配套政策起草，正在征求意见。', evidenceLinks: ['https://www.sz.gov.cn/draft'] };
    // the leading unit answers for the matter, not for the participating unit's part
    expect((await sys.world.act('sticManager', m, `parts/${partId}/reports`, report)).status).toBe(403);
    const noVersion = await sys.api.http.post(`/api/v1/matters/${m.id}/parts/${partId}/reports`).set(as('commerceManager')).send(report);
    expect(noVersion.status).toBe(428);
    const badLink = await sys.world.act('commerceManager', m, `parts/${partId}/reports`, { ...report, evidenceLinks: ['ftp://x'] });
    expect(badLink.status).toBe(400);
    expect(badLink.body.errors[0].field).toBe('evidenceLinks[0]');
    const first = await sys.world.act('commerceManager', m, `parts/${partId}/reports`, report);
    expect(first.status).toBe(201);
    const stale = await sys.world.act('commerceManager', m, `parts/${partId}/reports`, { ...report, complete: true });
    expect(stale.status).toBe(409);
    m = first.body;
    const done = await sys.world.act('commerceManager', m, `parts/${partId}/reports`, { ...report, complete: true });
    expect(done.status).toBe(201);
    expect(done.body.parts[0]).toMatchObject({ completedBy: sys.world.users.commerceManager.id, reports: [{}, { completes: true }] });
    const [row] = await sys.api.sql<{ status: string }>(`SELECT status FROM deadlines WHERE key = $1`, [`part:${partId}`]);
    expect(row.status).toBe('met');
    const again = await sys.world.act('commerceManager', done.body, `parts/${partId}/reports`, report);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('part.already_completed');
  });

  it('is added and moved during implementation, audited, its timers re-planned, and taken back only with a reason', async () => {
    let m = await approve(await sys.world.draft({}));
    m = (await sys.world.act('sticManager', m, 'start-implementation')).body;
    expect(m.stage).toBe('in_implementation');
    const added = await sys.world.act('sticManager', m, 'parts', part({ dueIn: 'P10D' }));
    expect(added.status).toBe(201);
    m = added.body;
    const partId = m.parts[0].id;
    const timers = async () =>
      sys.api.sql<{ fire_at: Date }>(
        `SELECT t.fire_at FROM timers t JOIN deadlines d ON d.id = t.deadline_id
          WHERE d.key = $1 AND t.state = 'pending' ORDER BY t.fire_at`,
        [`part:${partId}`],
      );
    const before = (await timers()).map((t) => new Date(t.fire_at).getTime());
    expect(before.length).toBeGreaterThan(0);
    const moved = await sys.api.http
      .patch(`/api/v1/matters/${m.id}/parts/${partId}`)
      .set({ ...as('office'), 'If-Match': `"${m.version}"` })
      .send({ dueIn: 'P20D' });
    expect(moved.status).toBe(200);
    m = moved.body;
    const after = (await timers()).map((t) => new Date(t.fire_at).getTime());
    // every timer ten days later
    expect(after.map((t, i) => Math.round((t - before[i]) / 86_400_000))).toEqual(before.map(() => 10));
    // the participating unit does not move its own part
    const byUnit = await sys.api.http
      .patch(`/api/v1/matters/${m.id}/parts/${partId}`)
      .set({ ...as('commerceManager'), 'If-Match': `"${m.version}"` })
      .send({ dueIn: 'P60D' });
    expect(byUnit.status).toBe(403);

    const noReason = await sys.world.act('office', m, `parts/${partId}/cancel`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0]).toMatchObject({ field: 'reason', rule: 'text.required' });
    const cancelled = await sys.world.act('office', m, `parts/${partId}/cancel`, { reason: '该项任务改由牵头单位承担' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.parts).toEqual([]);
    const [row] = await sys.api.sql<{ status: string }>(`SELECT status FROM deadlines WHERE key = $1`, [`part:${partId}`]);
    expect(row.status).toBe('cancelled');

    const timeline = await sys.api.http.get(`/api/v1/matters/${m.id}/timeline`).set(as('office'));
    const types = timeline.body.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['part.assigned', 'part.edited', 'part.removed']));
    const edited = timeline.body.find((e: { type: string }) => e.type === 'part.edited');
    expect(edited.payload).toMatchObject({ partId, previousDueAt: added.body.parts[0].dueAt });
  });
});

/** A complete draft body, as world.draft sends it, for requests that must fail. */
function draftBody(): Record<string, unknown> {
  return {
    batchId: sys.world.batchId,
    code: `P-${Math.random().toString(36).slice(2, 8)}`,
    title: { zh: '分工测试事项' },
    kind: 'innovation_experiment',
    policyArea: 'science_technology',
    leadingUnitId: sys.world.units.stic,
    participatingUnitIds: [sys.world.units.commerce],
    managerId: sys.world.users.sticManager.id,
    targets: [],
    riskLevel: 'medium',
    risks: [],
    requiresLegalAuthorization: false,
    milestones: [{ title: { zh: '试点方案印发' }, dueIn: 'P90D' }],
  };
}
