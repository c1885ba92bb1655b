/**
 * 情况通报 (issue 16 item 3) over the real api, worker, PostgreSQL, Redis and SMTP: the reform
 * office issues numbered bulletins that name the units with overdue deadlines, store as issued,
 * download as md/html/pdf and mail every unit's managers, with a stronger line to the named
 * ones; the worker issues one per schedule tick, once however many workers run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfText } from '#reports';
import { type MatterBody, type Who, expectStatus, inEvaluation } from '../support/api-world.js';
import { pollUntil } from '../support/poll.js';
import { type System, startSystem } from '../support/system.js';

let sys: System;
const auth = (who: Who) => ({ Authorization: `Bearer ${sys.world.token(who)}` });

afterAll(() => sys?.close());

describe('bulletins (情况通报)', () => {
  let overdue: MatterBody;
  let completed: MatterBody;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rf-bulletins-'));
    const file = join(dir, 'report-schedules.yaml');
    writeFileSync(file, 'schedules:\n  - { key: test-bulletin, kind: bulletin, cron: "*/4 * * * * *", recipients: unit_managers }\n');
    sys = await startSystem({ env: { REPORT_SCHEDULES_FILE: file } });
    // STIC's matter in implementation with a milestone due in a second: overdue by the time the bulletin is issued
    let m = await sys.world.draft({ milestones: [{ title: { zh: '出台配套细则', en: 'Issue the rules' }, dueIn: 'PT1S' }] });
    m = expectStatus(await sys.world.act('sticManager', m, 'submit'));
    while (m.stage === 'in_approval') m = expectStatus(await sys.world.act('sticApprover', m, 'approve', {}));
    overdue = expectStatus(await sys.world.act('sticManager', m, 'start-implementation'));
    completed = await inEvaluation(sys.world);
    await new Promise((r) => setTimeout(r, 1_500));
  });

  it('is refused to a manager, and a bad period or number is a 400 naming the field', async () => {
    const denied = await sys.api.http.post('/api/v1/bulletins').set(auth('sticManager')).send({});
    expect(denied.status).toBe(403);
    expect((await sys.api.http.get('/api/v1/bulletins/draft').set(auth('sticManager'))).status).toBe(403);
    const badPeriod = await sys.api.http.post('/api/v1/bulletins').set(auth('office')).send({ from: '2026-12-10', to: '2026-12-01' });
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.errors).toEqual([expect.objectContaining({ field: 'to', rule: 'after_from' })]);
    const unknownField = await sys.api.http.post('/api/v1/bulletins').set(auth('office')).send({ number: 7 });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors[0]).toMatchObject({ field: 'number' });
    expect((await sys.api.http.get('/api/v1/bulletins/0x1').set(auth('office'))).status).toBe(400);
    const missing = await sys.api.http.get('/api/v1/bulletins/999').set(auth('office'));
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('bulletin.unknown');
  });

  it('names the unit with an overdue deadline, lists the completed matter, and is stored, audited and mailed as issued', async () => {
    const draft = await sys.api.http.get('/api/v1/bulletins/draft?from=2020-01-01').set(auth('office'));
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ kind: 'bulletin', number: null, issuedAt: null });

    const res = await sys.api.http.post('/api/v1/bulletins').set(auth('office')).send({ from: '2020-01-01' });
    expect(res.status).toBe(201);
    const b = res.body;
    expect(res.headers.location).toBe(`/api/v1/bulletins/${b.number}`);
    expect(b.issuedBy).toMatchObject({ unit: { code: 'SZ-CRO' } });
    expect(b.title.zh).toBe(`深圳综合改革试点推进情况通报（第${b.number}期）`);
    const stic = b.overdueUnits.find((u: { unit: { code: string } }) => u.unit.code === 'SZ-STIC');
    expect(stic.items).toEqual([
      expect.objectContaining({
        matter: expect.objectContaining({ id: overdue.id }),
        deadline: expect.objectContaining({ kind: 'milestone' }),
      }),
    ]);
    expect(b.completed.map((c: { matter: { id: string } }) => c.matter.id)).toContain(completed.id);
    expect(b.onSchedule.map((u: { code: string }) => u.code)).not.toContain('SZ-STIC');

    // stored as issued: the same document back, and listed
    const again = await sys.api.http.get(`/api/v1/bulletins/${b.number}`).set(auth('justiceManager'));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(b);
    const list = await sys.api.http.get('/api/v1/bulletins').set(auth('commerceManager'));
    expect(list.body).toContainEqual(expect.objectContaining({ number: b.number, checksum: b.checksum, issuedBy: expect.any(String) }));

    // documents: the unit named in each format
    const md = await sys.api.http.get(`/api/v1/bulletins/${b.number}?format=md`).set(auth('office'));
    expect(md.headers['content-type']).toMatch(/text\/markdown/);
    expect(md.text).toContain('存在逾期节点的单位');
    expect(md.text).toContain(overdue.code);
    const html = await sys.api.http.get(`/api/v1/bulletins/${b.number}?format=html&lang=en`).set(auth('office'));
    expect(html.text).toContain('Units with overdue deadlines');
    const pdf = await sys.api.http
      .get(`/api/v1/bulletins/${b.number}?format=pdf`)
      .set(auth('office'))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.headers['content-disposition']).toContain(`bulletin-${b.number}.pdf`);
    expect((await pdfText(pdf.body as Buffer)).replace(/\s+/g, '')).toContain(overdue.code);

    // audited
    const [event] = await sys.api.sql<{ type: string; payload: { number: number; overdueUnits: string[] } }>(
      `SELECT type, payload FROM audit_events WHERE aggregate_type = 'bulletin' AND (payload->>'number')::int = $1`,
      [b.number],
    );
    expect(event).toMatchObject({
      type: 'bulletin.issued',
      payload: { number: b.number, overdueUnits: expect.arrayContaining(['SZ-STIC']) },
    });

    // mailed: each unit's managers, the named unit's with the stronger subject
    await sys.startWorker();
    const key = (who: Who) => `bulletin:${b.number}:${sys.world.users[who as 'office'].id}`;
    await pollUntil(
      () =>
        ['sticManager', 'justiceManager', 'commerceManager', 'office'].map((w) =>
          sys.smtp.messages.find((x) => x.deliveryKey === key(w as Who)),
        ),
      (found) => found.every(Boolean),
      { timeoutMs: 30_000, what: 'the bulletin mail to every manager and the office' },
    );
    const mail = (who: Who) => sys.smtp.messages.find((x) => x.deliveryKey === key(who))!;
    expect(mail('sticManager').subject).toContain('本单位被点名');
    expect(mail('justiceManager').subject).toContain('【情况通报】');
    expect(mail('justiceManager').subject).not.toContain('被点名');
    expect(mail('commerceManager').subject).toMatch(/^\[Bulletin\] No\. \d+/); // English reader
    expect(mail('sticManager').text).toContain(`/bulletins/${b.number}`);
  });

  it('is issued by the schedule once per tick, numbered after the ones issued by hand, even with two workers', async () => {
    await Promise.all([sys.spawnWorker(), sys.spawnWorker()]);
    const scheduled = () =>
      sys.api.sql<{ number: number; period_from: Date; period_to: Date; issued_by: string | null }>(
        `SELECT number, period_from, period_to, issued_by FROM bulletins WHERE schedule_key = 'test-bulletin' ORDER BY period_from`,
      );
    const rows = await pollUntil(scheduled, (r) => r.length >= 2, { timeoutMs: 30_000, intervalMs: 250, what: 'two scheduled bulletins' });
    for (const [i, r] of rows.entries()) {
      expect(r.issued_by).toBeNull();
      expect(r.period_to.getTime() - r.period_from.getTime()).toBe(4_000);
      if (i > 0) expect(r.period_from.getTime()).toBe(rows[i - 1].period_to.getTime());
    }
    const numbers = (await sys.api.sql<{ number: number }>('SELECT number FROM bulletins ORDER BY number')).map((r) => r.number);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1)); // consecutive, none twice
    const doc = await sys.api.http.get(`/api/v1/bulletins/${rows[0].number}`).set(auth('sticManager'));
    expect(doc.body.issuedBy).toBeNull();
  });

  it('names by name the unit with an open red supervision order (三色督办单), in JSON and in the document', async () => {
    const issued = await sys.world.act('office', overdue, 'supervision-orders', {
      colour: 'red',
      requirement: '限期完成配套细则并报送整改情况。',
      dueAt: '2099-06-30',
    });
    expect(issued.status).toBe(201);
    overdue = issued.body;
    const draft = await sys.api.http.get('/api/v1/bulletins/draft?from=2020-01-01').set(auth('office'));
    expect(draft.status).toBe(200);
    expect(draft.body.redOrders).toEqual([
      {
        unit: expect.objectContaining({ code: 'SZ-STIC' }),
        items: [
          expect.objectContaining({
            matter: expect.objectContaining({ id: overdue.id }),
            requirement: '限期完成配套细则并报送整改情况。',
            acknowledged: false,
          }),
        ],
      },
    ]);
    expect(draft.body.onSchedule.map((u: { code: string }) => u.code)).not.toContain('SZ-STIC');
    const md = await sys.api.http.get('/api/v1/bulletins/draft?from=2020-01-01&format=md').set(auth('office'));
    expect(md.status).toBe(200);
    expect(md.text).toContain('红色督办单未销号的单位（1个）');
    expect(md.text).toContain(draft.body.redOrders[0].unit.name.zh);
    expect(md.text).toContain('限期完成配套细则并报送整改情况。');
    // closed (销号), it names no one
    const acked = expectStatus(
      await sys.world.act('sticManager', overdue, `supervision-orders/${overdue.supervisionOrders[0].id}/acknowledge`, {}),
    );
    expectStatus(await sys.world.act('office', acked, `supervision-orders/${overdue.supervisionOrders[0].id}/close`, {}));
    const after = await sys.api.http.get('/api/v1/bulletins/draft?from=2020-01-01').set(auth('office'));
    expect(after.body.redOrders).toEqual([]);
  });
});
