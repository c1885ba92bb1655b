import { pdfText } from '#reports';
import type { ApiHarness } from '../support/api-harness.js';
import { startApi } from '../support/api-harness.js';
import { type ApiWorld, type MatterBody, buildWorld, deciderOf, inEvaluation as driveToEvaluation } from '../support/api-world.js';
import { pollUntil as poll } from '../support/poll.js';

let api: ApiHarness;
let world: ApiWorld;

beforeAll(async () => {
  api = await startApi();
  world = await buildWorld(api);
});
afterAll(() => api?.close());

function ok(res: import('supertest').Response, status = 200): MatterBody {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

const as = (who: Parameters<ApiWorld['token']>[0]) => ({ Authorization: `Bearer ${world.token(who)}` });

const inEvaluation = (overrides: Record<string, unknown> = {}) => driveToEvaluation(world, overrides);

const codesOf = (report: { groups: Array<{ policyArea: { key: string }; experiences: Array<{ matter: { code: string } }> }> }) =>
  Object.fromEntries(report.groups.map((g) => [g.policyArea.key, g.experiences.map((e) => e.matter.code)]));

describe('replication-of-experience reports', () => {
  it('hold exactly the replicable matters, grouped by policy area, each issued in exactly one numbered batch', async () => {
    const science1 = await inEvaluation({ policyArea: 'science_technology' });
    const finance = await inEvaluation({
      policyArea: 'finance',
      title: { zh: '跨境金融数据流动试点', en: 'Cross-border financial data pilot' },
    });
    const science2 = await inEvaluation({ policyArea: 'science_technology' });
    const adjusted = await inEvaluation({ policyArea: 'finance' });
    const failed = await inEvaluation({ policyArea: 'science_technology' });
    ok(await world.evaluate(science1, 'replicable'), 201);
    ok(
      await world.evaluate(finance, 'replicable', {
        scores: { effectiveness: 5, institutional_innovation: 3, replicability: 4, risk_control: 4 },
      }),
      201,
    );
    ok(await world.evaluate(science2, 'replicable'), 201);
    expect(ok(await world.evaluate(adjusted, 'needs_adjustment'), 201)).toMatchObject({ stage: 'in_implementation' });
    expect(ok(await world.evaluate(failed, 'ineffective'), 201)).toMatchObject({ stage: 'closed', outcome: 'closed_ineffective' });

    const draft = await api.http.get('/api/v1/replication-reports/draft').set(as('office'));
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ kind: 'replication', number: null, total: 3 });
    expect(codesOf(draft.body)).toEqual({ finance: [finance.code], science_technology: [science1.code, science2.code].sort() });
    const financeEntry = draft.body.groups[0].experiences[0];
    expect(financeEntry.evaluation).toMatchObject({
      evaluator: { name: 'justiceEvaluator', unit: { code: 'SZ-JUSTICE' } },
      scores: [
        { criterion: 'effectiveness', score: 5 },
        { criterion: 'institutional_innovation', score: 3 },
        { criterion: 'replicability', score: 4 },
        { criterion: 'risk_control', score: 4 },
      ],
      averageScore: 4,
      results: [{ targetValue: 10, actualValue: 10, met: true, evidence: { links: ['https://tjj.sz.gov.cn/report/2026q3'] } }],
    });
    expect(draft.body.groups[0].policyArea.title).toEqual({ zh: '金融', en: 'Finance' });

    // only the reform office sees the draft and issues
    expect((await api.http.get('/api/v1/replication-reports/draft').set(as('sticManager'))).status).toBe(403);
    expect((await api.http.post('/api/v1/replication-reports').set(as('sticManager')).send({})).status).toBe(403);

    const first = await api.http.post('/api/v1/replication-reports').set(as('office')).send({});
    expect(first.status).toBe(201);
    expect(first.headers.location).toBe('/api/v1/replication-reports/1');
    expect(first.body).toMatchObject({
      number: 1,
      total: 3,
      issuedBy: { name: 'office' },
      title: { zh: '深圳综合改革试点第1批可复制推广经验清单' },
    });
    expect(codesOf(first.body)).toEqual(codesOf(draft.body));

    // nothing left: the draft is empty and a second issue is refused
    expect((await api.http.get('/api/v1/replication-reports/draft').set(as('office'))).body).toMatchObject({ total: 0, groups: [] });
    const empty = await api.http.post('/api/v1/replication-reports').set(as('office')).send({});
    expect(empty.status).toBe(409);
    expect(empty.body).toMatchObject({ code: 'replication.nothing_to_issue' });

    // the next batch holds only what was recorded since
    const later = await inEvaluation({ policyArea: 'talent' });
    ok(await world.evaluate(later, 'replicable'), 201);
    const second = await api.http
      .post('/api/v1/replication-reports')
      .set(as('office'))
      .send({ title: { zh: '第二批经验', en: 'Second batch' } });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ number: 2, total: 1, title: { zh: '第二批经验', en: 'Second batch' } });
    expect(codesOf(second.body)).toEqual({ talent: [later.code] });
    const issuedTwice = await api.sql<{ n: string }>(
      'SELECT count(*) AS n FROM experiences GROUP BY report_number HAVING report_number IS NOT NULL ORDER BY report_number',
    );
    expect(issuedTwice.map((r) => Number(r.n))).toEqual([3, 1]);

    // an issued report is served as issued, to anyone signed in, in every format
    const again = await api.http.get('/api/v1/replication-reports/1').set(as('sticManager'));
    expect(again.body.checksum).toBe(first.body.checksum);
    const list = await api.http.get('/api/v1/replication-reports').set(as('sticManager'));
    expect(list.body.map((r: { number: number; experienceCount: number }) => [r.number, r.experienceCount])).toEqual([
      [1, 3],
      [2, 1],
    ]);
    const pdf = await api.http.get('/api/v1/replication-reports/1?format=pdf').buffer(true).parse(binary).set(as('office'));
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('replication-report-1.pdf');
    const text = await pdfText(pdf.body as Buffer);
    for (const code of [science1.code, science2.code, finance.code]) expect(text).toContain(code);
    expect(text).not.toContain(later.code);
    const md = await api.http.get('/api/v1/replication-reports/2?format=md&lang=en').set(as('office'));
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.text).toContain(later.code);

    // the issue is in the audit trail and told to the reform office and the units' managers
    const [audit] = await api.sql<{ type: string; payload: { number: number } }>(
      `SELECT type, payload FROM audit_events WHERE aggregate_type = 'replication_report' ORDER BY id LIMIT 1`,
    );
    expect(audit).toMatchObject({ type: 'replication_report.issued', payload: { number: 1 } });
    const mails = await api.sql<{ recipient_email: string }>(
      `SELECT recipient_email FROM deliveries WHERE template = 'replication-report-issued' AND delivery_key LIKE 'replication-report:1:%' ORDER BY recipient_email`,
    );
    expect(mails.map((m) => m.recipient_email)).toEqual(['office@reformflow.test', 'sticmanager@reformflow.test']);
  });

  it('refuses bad report numbers and parameters with a problem naming the field', async () => {
    const bad = await api.http.get('/api/v1/replication-reports/abc').set(as('office'));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'number', rule: 'report_number' });
    expect((await api.http.get('/api/v1/replication-reports/999').set(as('office'))).status).toBe(404);
    const format = await api.http.get('/api/v1/replication-reports/draft?format=docx').set(as('office'));
    expect(format.status).toBe(400);
    expect(format.body.errors[0]).toMatchObject({ field: 'format' });
    const period = await api.http.get('/api/v1/reports/progress?from=2026-11-20&to=2026-11-10').set(as('office'));
    expect(period.status).toBe(400);
    expect(period.body.errors[0]).toMatchObject({ field: 'to', rule: 'after_from' });
    const date = await api.http.get('/api/v1/reports/progress?from=2026-13-40').set(as('office'));
    expect(date.status).toBe(400);
    expect(date.body.errors[0]).toMatchObject({ field: 'from', rule: 'date_or_instant' });
    const title = await api.http.post('/api/v1/replication-reports').set(as('office')).send({ title: {} });
    expect(title.status).toBe(400);
  });
});

describe('progress report and scorecard over HTTP', () => {
  it('count matters by stage, list overdue work, and let a manager read only their own unit', async () => {
    const all = await api.http.get('/api/v1/reports/progress').set(as('office'));
    expect(all.status).toBe(200);
    const [{ n }] = await api.sql<{ n: string }>('SELECT count(*) AS n FROM matters');
    expect(all.body.totals.matters).toBe(Number(n));
    const stages = await api.sql<{ stage: string; n: string }>('SELECT stage, count(*) AS n FROM matters GROUP BY stage');
    for (const s of stages) expect(all.body.totals.byStage[s.stage]).toBe(Number(s.n));
    expect(Object.values(all.body.totals.byStatus).reduce((a: number, b) => a + (b as number), 0)).toBe(
      Number(n) - stages.filter((s) => s.stage === 'closed').reduce((a, s) => a + Number(s.n), 0),
    );
    // a manager asking for all units gets their own
    const mine = await api.http.get('/api/v1/reports/progress').set(as('sticManager'));
    expect(mine.status).toBe(200);
    expect(mine.body.unit).toMatchObject({ code: 'SZ-STIC' });
    const other = await api.http.get(`/api/v1/reports/progress?unitId=${world.units.commerce}`).set(as('sticManager'));
    expect(other.status).toBe(403);
    expect((await api.http.get('/api/v1/reports/progress').set(as('sticApprover'))).status).toBe(403);
    expect((await api.http.get('/api/v1/reports/scorecard').set(as('sticManager'))).status).toBe(403);

    const card = await api.http.get('/api/v1/reports/scorecard?from=2020-01-01').set(as('office'));
    expect(card.status).toBe(200);
    const stic = card.body.rows.find((r: { unit: { code: string } }) => r.unit.code === 'SZ-STIC');
    expect(stic.matters).toBe(Number(n));
    // milestones were completed long before their 90 days, and nothing else has come due yet: no rate to give
    expect(stic).toMatchObject({ deadlinesDue: 0, metOnTime: 0, onScheduleRate: null, averageDaysOverdue: null });
    expect(stic.urgeNotices).toEqual({ received: 0, acknowledgedInTime: 0, acknowledgedLate: 0, unanswered: 0 });

    const pdf = await api.http.get('/api/v1/reports/progress?format=pdf').buffer(true).parse(binary).set(as('office'));
    expect(pdf.status).toBe(200);
    expect(await pdfText(pdf.body as Buffer)).toContain('SZ-STIC');
    const html = await api.http.get('/api/v1/reports/scorecard?format=html&lang=en').set(as('office'));
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.text).toContain('SZ-STIC');
  });
});

describe('delivery status', () => {
  let demo: ApiHarness;
  let w: ApiWorld;
  beforeAll(async () => {
    demo = await startApi();
    w = await buildWorld(demo, 'demo');
  });
  afterAll(() => demo?.close());

  it('moves green → amber → red as a milestone comes due and is missed (demo rules: amber within 3 s or missed, red 4 s late)', async () => {
    let m = await w.draft({
      milestones: [
        { title: { zh: '试点方案印发' }, dueIn: 'PT9S' },
        { title: { zh: '评估总结' }, dueIn: 'PT10M' },
      ],
    });
    m = ok(await w.act('sticManager', m, 'submit'));
    while (m.stage === 'in_approval') m = ok(await w.act(deciderOf(w, m.currentStep), m, 'approve', {}));
    m = ok(await w.act('sticManager', m, 'start-implementation'));
    const status = async () =>
      (await demo.http.get(`/api/v1/matters/${m.id}/status`).set({ Authorization: `Bearer ${w.token('sticManager')}` })).body;
    const seen: string[] = [];
    const record = async () => {
      const s = await status();
      if (seen.at(-1) !== s.status) seen.push(s.status);
      return s;
    };
    expect((await record()).status).toBe('on_track');
    const amber = await poll(record, (s) => s.status === 'at_risk', { timeoutMs: 15_000, intervalMs: 200 });
    expect(amber.reasons[0]).toMatchObject({ status: 'at_risk', subject: { kind: 'deadline' } });
    const red = await poll(record, (s) => s.status === 'off_track', { timeoutMs: 20_000, intervalMs: 200 });
    expect(red.reasons[0]).toMatchObject({ status: 'off_track', rule: 'overdueBy' });
    expect(seen).toEqual(['on_track', 'at_risk', 'off_track']);

    // the progress report judges it the same way
    const report = await demo.http.get('/api/v1/reports/progress').set({ Authorization: `Bearer ${w.token('office')}` });
    expect(report.body.totals.byStatus.off_track).toBe(1);
    expect(report.body.overdue).toEqual([
      expect.objectContaining({
        matter: expect.objectContaining({ code: m.code }),
        deadline: expect.objectContaining({ kind: 'milestone' }),
        daysOverdue: 0,
      }),
    ]);
    // the trajectory has its planned line from the baseline at implementation start
    const trajectory = await demo.http.get(`/api/v1/matters/${m.id}/trajectory`).set({ Authorization: `Bearer ${w.token('sticManager')}` });
    expect(trajectory.body.targets[0].planned[0]).toMatchObject({ value: 0 });
    expect(trajectory.body.targets[0].planned[1]).toMatchObject({ value: 10 });
  }, 60_000);
});

function binary(res: import('supertest').Response, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
