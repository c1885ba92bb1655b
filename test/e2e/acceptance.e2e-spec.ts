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

/** The mail of this matter's events whose subject starts with `prefix`, once some has come over SMTP. */
const eventMails = (matterId: string, prefix: string, what: string) =>
  pollUntil(
    () => sys.smtp.messages.filter((x) => x.deliveryKey?.startsWith(`ev.${matterId}.`) && x.subject.startsWith(prefix)),
    (xs) => xs.length > 0,
    { timeoutMs: 20_000, what },
  );

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
    // the return is mailed once to the reform office's members: which unit, who, why, and the resolution ready
    const returnMail = await eventMails(m.id, '【签收退回】', 'the return mail');
    expect(returnMail.flatMap((x) => x.to)).toEqual(['office@reformflow.test']);
    expect(returnMail[0].subject).toContain('深圳市商务局退回');
    expect(returnMail[0].text).toContain('深圳市商务局（');
    expect(returnMail[0].text).toContain('退回理由：该项属司法局职责');
    expect(returnMail[0].text).toContain('制定配套人才政策');
    expect(returnMail[0].text).toContain(`/matters/${m.id}?action=resolve_returned_assignment&subject=${part.id}`);

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
    // the resolution is mailed once to the managers of the unit it went to, with the office's words and the acceptance ready
    const givenMail = await eventMails(m.id, '【改交签收】', 'the transfer mail');
    expect(givenMail.flatMap((x) => x.to)).toEqual(['justicemanager@reformflow.test']);
    expect(givenMail[0].text).toContain('改革办处理意见：改由司法局承担');
    expect(givenMail[0].text).toContain('退回单位：深圳市商务局');
    expect(givenMail[0].text).toContain(`/matters/${m.id}?action=accept_assignment&subject=${part.id}`);
    // and the unit that returned it hears, in its manager's English, where it went, with nothing to do
    const awayMail = await eventMails(m.id, '[Return resolved]', 'the word to the unit that returned the part');
    expect(awayMail.flatMap((x) => x.to)).toEqual(['commercemanager@reformflow.test']);
    expect(awayMail[0].subject).toContain('given to Shenzhen Municipal Justice Bureau');
    expect(awayMail[0].text).toContain("Reform office's resolution: 改由司法局承担");
    expect(awayMail[0].text).not.toContain('action=');

    // the matter: returned by the leading unit, kept there by the office with a new acceptance
    m = (await sys.world.act('sticManager', m, 'acceptance/return', { reason: '建议由商务局牵头' })).body;
    const kept = await sys.world.act('office', m, 'acceptance/resolve', { resolution: 'keep', comment: '经研究，仍由科创局牵头。' });
    expect(kept.status).toBe(200);
    expect(kept.body.acceptance).toMatchObject({ unitId: sys.world.units.stic, returnedAt: null, acceptedAt: null });
    expect((await deadlineOf(m.id, `acceptance:${m.id}:`)).status).toBe('open');
    // the matter's return reached the office; keeping it is mailed to the leading unit's managers, the acceptance ready
    const returns = await pollUntil(
      () => sys.smtp.messages.filter((x) => x.deliveryKey?.startsWith(`ev.${m.id}.`) && x.subject.startsWith('【签收退回】')),
      (xs) => xs.length >= 2,
      { timeoutMs: 20_000, what: "the matter's return mail" },
    );
    const matterReturn = returns.find((x) => x.text.includes('建议由商务局牵头'))!;
    expect(matterReturn.to).toEqual(['office@reformflow.test']);
    expect(matterReturn.text).toContain('深圳市科技创新局');
    expect(matterReturn.text).toContain(`/matters/${m.id}?action=resolve_returned_assignment`);
    expect(matterReturn.text).not.toContain('resolve_returned_assignment&subject');
    const keptMail = await eventMails(m.id, '【退回已处理】', 'the mail of the matter kept');
    expect(keptMail.flatMap((x) => x.to)).toEqual(['sticmanager@reformflow.test']);
    expect(keptMail[0].subject).toContain('请重新签收');
    expect(keptMail[0].text).toContain('仍由贵单位牵头承办');
    expect(keptMail[0].text).toContain('改革办处理意见：经研究，仍由科创局牵头。');
    expect(keptMail[0].text).toContain(`/matters/${m.id}?action=accept_assignment`);
    expect(keptMail[0].text).not.toContain('accept_assignment&subject');
    // each once: the office had two returns, each unit one mail of each resolution
    const ofMatter = sys.smtp.messages.filter((x) => x.deliveryKey?.startsWith(`ev.${m.id}.`));
    const count = (prefix: string) => ofMatter.filter((x) => x.subject.startsWith(prefix)).flatMap((x) => x.to).length;
    expect([count('【签收退回】'), count('【改交签收】'), count('[Return resolved]'), count('【退回已处理】')]).toEqual([2, 1, 1, 1]);
    const timeline = await sys.api.http.get(`/api/v1/matters/${m.id}/timeline`).set(as('office'));
    expect(timeline.body.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['assignment.returned', 'assignment.resolved']),
    );
  }, 60_000);

  it('mails a matter given to another unit to that unit and its new manager, and the unit that returned it', async () => {
    let m = await started([sys.world.units.commerce]);
    m = (await sys.world.act('sticManager', m, 'acceptance/return', { reason: '该事项主要涉及法规修订' })).body;
    const moved = await sys.world.act('office', m, 'acceptance/resolve', {
      resolution: 'transfer',
      unitId: sys.world.units.justice,
      managerId: sys.world.users.justiceManager.id,
      comment: '改由司法局牵头。',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ leadingUnitId: sys.world.units.justice, managerId: sys.world.users.justiceManager.id });
    const given = await eventMails(m.id, '【改交签收】', 'the mail to the new leading unit');
    expect(given.flatMap((x) => x.to)).toEqual(['justicemanager@reformflow.test']);
    expect(given[0].text).toContain('深圳市科技创新局退回事项');
    expect(given[0].text).toContain('改交贵单位牵头承办');
    expect(given[0].text).toContain('退回理由：该事项主要涉及法规修订');
    expect(given[0].text).toContain(`/matters/${m.id}?action=accept_assignment`);
    const away = await eventMails(m.id, '【退回已处理】', 'the word to the unit that returned the matter');
    expect(away.flatMap((x) => x.to)).toEqual(['sticmanager@reformflow.test']);
    expect(away[0].subject).toContain('已改交深圳市司法局');
    expect(away[0].text).toContain('改交深圳市司法局牵头承办');
  }, 60_000);
});
