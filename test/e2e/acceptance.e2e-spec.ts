import { pollUntil } from '../support/poll.js';
import { type System, startSystem } from '../support/system.js';
import type { MatterBody } from '../support/api-world.js';

/**
 * Formal acceptance (签收, issue 16 item 1) over the real api, worker, PostgreSQL, Redis and
 * SMTP. The `acceptance` workflow (test/fixtures/workflows/acceptance.yaml) gives a unit 6 s
 * to accept what it is given, reminds it 2 s before and at the time, and escalates 1 s after
 * (to whoever must accept) and 2 s after (to the unit's head, its managers when it has none).
 */
let sys: System;
let batchId: string;

beforeAll(async () => {
  sys = await startSystem();
  await sys.startWorker();
  const batch = await sys.api.http
    .post('/api/v1/batches')
    .set(as('office'))
    .send({ code: 'SZ-ACCEPT-TEST', title: { zh: '签收测试批次' }, issuingAuthority: 'Test authority', workflow: 'acceptance' });
  expect(batch.status).toBe(201);
  batchId = batch.body.id;
});
afterAll(() => sys?.close());

const as = (who: Parameters<System['world']['token']>[0]) => ({ Authorization: `Bearer ${sys.world.token(who)}` });
/** A timer mail's key is `t.<deadline>.v<version>.<label>.<recipient>`: its label (`r-PT0S`, `e1`). */
const labelOf = (key: string): string => key.split('.')[3];

/** Drafted with a part for the commerce bureau, approved, and started by the reform office. */
async function started(participatingUnitIds?: string[]): Promise<MatterBody> {
  let m = await sys.world.draft({
    batchId,
    ...(participatingUnitIds ? { participatingUnitIds } : {}),
    parts: [{ unitId: sys.world.units.commerce, deliverable: { zh: '制定配套人才政策' }, dueIn: 'P30D' }],
  });
  m = (await sys.world.act('office', m, 'submit')).body;
  m = (await sys.world.act('sticApprover', m, 'approve')).body;
  const res = await sys.world.act('office', m, 'start-implementation');
  expect(res.status).toBe(200);
  return res.body;
}

async function deadlineOf(matterId: string, keyPrefix: string): Promise<{ id: string; status: string; key: string }> {
  const rows = await sys.api.sql<{ id: string; status: string; key: string }>(
    `SELECT id, status, key FROM deadlines WHERE matter_id = $1 AND key LIKE $2 ORDER BY created_at DESC LIMIT 1`,
    [matterId, `${keyPrefix}%`],
  );
  expect(rows).toHaveLength(1);
  return rows[0];
}

describe('签收 (formal acceptance)', () => {
  it('waits for each unit as a deadline with reminders and escalation over real SMTP, shows in its inbox, and is met by the acceptance', async () => {
    let m = await started();
    const part = m.parts[0];
    expect(m.acceptance).toMatchObject({ unitId: sys.world.units.stic, acceptedAt: null, returnedAt: null });
    expect(part.acceptance).toMatchObject({ unitId: sys.world.units.commerce, acceptedAt: null });
    const matterDeadline = await deadlineOf(m.id, `acceptance:${m.id}:`);
    const partDeadline = await deadlineOf(m.id, `acceptance:${part.id}:`);
    expect([matterDeadline.status, partDeadline.status]).toEqual(['open', 'open']);

    // 待签收 in each unit's inbox, the link opening the acceptance
    const stic = await sys.api.http.get('/api/v1/me/tasks').set(as('sticManager'));
    expect(stic.body.items).toContainEqual(
      expect.objectContaining({ kind: 'acceptance', action: 'accept_assignment', matter: expect.objectContaining({ id: m.id }) }),
    );
    const commerce = await sys.api.http.get('/api/v1/me/tasks').set(as('commerceManager'));
    expect(commerce.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'acceptance',
        action: 'accept_assignment',
        subject: expect.objectContaining({ id: part.id }),
        link: `/matters/${m.id}?action=accept_assignment&subject=${part.id}`,
      }),
    );

    // the reminders and the escalation of the leading unit's acceptance reach its manager
    const mails = await pollUntil(
      () => sys.smtp.messages.filter((x) => x.deliveryKey?.startsWith(`t.${matterDeadline.id}.`)),
      (xs) => xs.some((x) => labelOf(x.deliveryKey!) === 'e1'),
      { timeoutMs: 30_000, what: "the acceptance's escalation" },
    );
    const to = (label: string) => mails.filter((x) => labelOf(x.deliveryKey!) === label).flatMap((x) => x.to);
    expect(to('r-PT2S')).toEqual(['sticmanager@reformflow.test']);
    expect(to('r-PT0S')).toEqual(['sticmanager@reformflow.test']);
    expect(to('e1')).toEqual(['sticmanager@reformflow.test']);
    expect(mails.find((x) => labelOf(x.deliveryKey!) === 'r-PT0S')!.text).toContain('请在系统中正式签收');
    // the part's, to the participating unit's managers (in English for this one)
    const partMails = await pollUntil(
      () => sys.smtp.messages.filter((x) => x.deliveryKey?.startsWith(`t.${partDeadline.id}.`)),
      (xs) => xs.some((x) => labelOf(x.deliveryKey!) === 'r-PT0S'),
      { timeoutMs: 30_000, what: "the part acceptance's reminder" },
    );
    expect(partMails.flatMap((x) => x.to)).toContain('commercemanager@reformflow.test');
    expect(partMails.find((x) => x.to.includes('commercemanager@reformflow.test'))!.text).toContain('accept it formally');

    // accepted by the unit's manager, not another unit's, not twice; it meets the deadline
    expect((await sys.world.act('commerceManager', m, 'acceptance/accept', {})).status).toBe(403);
    expect((await sys.world.act('office', m, 'acceptance/accept', {})).status).toBe(403);
    const accepted = await sys.world.act('sticManager', m, 'acceptance/accept', { comment: '已签收，按计划推进。' });
    expect(accepted.status).toBe(200);
    m = accepted.body;
    expect(m.acceptance).toMatchObject({ acceptedBy: sys.world.users.sticManager.id, comment: '已签收，按计划推进。' });
    expect((await deadlineOf(m.id, `acceptance:${m.id}:`)).status).toBe('met');
    const twice = await sys.world.act('sticManager', m, 'acceptance/accept', {});
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'acceptance.already_accepted', errors: [{ field: 'acceptance' }] });

    // the part: accepted by its unit
    const ofPart = await sys.world.act('commerceManager', m, `parts/${part.id}/acceptance/accept`, {});
    expect(ofPart.status).toBe(200);
    expect((await deadlineOf(m.id, `acceptance:${part.id}:`)).status).toBe('met');

    // audited, the chain intact
    const timeline = await sys.api.http.get(`/api/v1/matters/${m.id}/timeline`).set(as('office'));
    expect(timeline.body.filter((e: { type: string }) => e.type === 'assignment.accepted')).toHaveLength(2);
    const verify = await sys.api.http.get(`/api/v1/matters/${m.id}/audit/verify`).set(as('office'));
    expect(verify.body.valid).toBe(true);
  }, 60_000);

  it('is returned with a reason to the reform office, which gives a part to another unit and keeps the matter where it was', async () => {
    let m = await started([sys.world.units.commerce, sys.world.units.justice]);
    const part = m.parts[0];

    // bad input, each naming its field; nothing is written
    const blank = await sys.world.act('commerceManager', m, `parts/${part.id}/acceptance/return`, { reason: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors[0].field).toBe('reason');
    const unknown = await sys.world.act('commerceManager', m, `parts/${part.id}/acceptance/return`, { reason: 'x', extra: 1 });
    expect(unknown.status).toBe(400);
    const noVersion = await sys.api.http
      .post(`/api/v1/matters/${m.id}/parts/${part.id}/acceptance/return`)
      .set(as('commerceManager'))
      .send({ reason: '不属本单位职责' });
    expect(noVersion.status).toBe(428);

    const returned = await sys.world.act('commerceManager', m, `parts/${part.id}/acceptance/return`, { reason: '该项属司法局职责' });
    expect(returned.status).toBe(200);
    m = returned.body;
    expect(m.parts[0].acceptance).toMatchObject({ returnedBy: sys.world.users.commerceManager.id, returnReason: '该项属司法局职责' });
    expect((await deadlineOf(m.id, `acceptance:${part.id}:`)).status).toBe('cancelled');

    // the office finds it in its inbox, and resolves it; only the office may
    const office = await sys.api.http.get('/api/v1/me/tasks').set(as('office'));
    expect(office.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'acceptance',
        action: 'resolve_returned_assignment',
        link: `/matters/${m.id}?action=resolve_returned_assignment&subject=${part.id}`,
      }),
    );
    const path = `parts/${part.id}/acceptance/resolve`;
    expect((await sys.world.act('commerceManager', m, path, { resolution: 'keep', comment: '维持' })).status).toBe(403);
    const badResolution = await sys.world.act('office', m, path, { resolution: 'ignore', comment: '维持' });
    expect(badResolution.status).toBe(400);
    expect(badResolution.body.errors[0].field).toBe('resolution');
    const noUnit = await sys.world.act('office', m, path, { resolution: 'transfer', comment: '改由司法局承担' });
    expect(noUnit.status).toBe(400);
    expect(noUnit.body.errors[0].field).toBe('unitId');
    const notParticipating = await sys.world.act('office', m, path, {
      resolution: 'transfer',
      unitId: sys.world.units.stic,
      comment: '改由科创局承担',
    });
    expect(notParticipating.status).toBe(422);
    expect(notParticipating.body).toMatchObject({ code: 'part.not_participating', errors: [{ field: 'unitId' }] });
    const moved = await sys.world.act('office', m, path, {
      resolution: 'transfer',
      unitId: sys.world.units.justice,
      comment: '改由司法局承担',
    });
    expect(moved.status).toBe(200);
    m = moved.body;
    expect(m.parts[0]).toMatchObject({
      unitId: sys.world.units.justice,
      acceptance: { unitId: sys.world.units.justice, acceptedAt: null },
    });
    const justice = await sys.api.http.get('/api/v1/me/tasks').set(as('justiceManager'));
    expect(justice.body.items).toContainEqual(
      expect.objectContaining({ kind: 'acceptance', subject: expect.objectContaining({ id: part.id }) }),
    );

    // the matter: returned by the leading unit, kept there by the office with a new acceptance
    m = (await sys.world.act('sticManager', m, 'acceptance/return', { reason: '建议由商务局牵头' })).body;
    const kept = await sys.world.act('office', m, 'acceptance/resolve', { resolution: 'keep', comment: '经研究，仍由科创局牵头。' });
    expect(kept.status).toBe(200);
    expect(kept.body.acceptance).toMatchObject({ unitId: sys.world.units.stic, returnedAt: null, acceptedAt: null });
    expect((await deadlineOf(m.id, `acceptance:${m.id}:`)).status).toBe('open');
    const timeline = await sys.api.http.get(`/api/v1/matters/${m.id}/timeline`).set(as('office'));
    expect(timeline.body.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['assignment.returned', 'assignment.resolved']),
    );
  }, 60_000);
});
