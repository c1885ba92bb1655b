/**
 * The narrative progress report (进展报告) and the risk register after approval, over
 * HTTP with the worker running: a period's report meets its deadline and stops its
 * reminders, a missed one climbs the escalation ladder as a milestone does, and a rise
 * to high risk is audited, tightens the cadence and mails the reform office. The
 * `reports` workflow (test/fixtures/workflows/reports.yaml) reports every 8 s, every 4 s
 * at high risk, with reminders 2 s and 0 s before and escalations 1 s and 2 s after.
 */
import { randomUUID } from 'node:crypto';
import type { MatterBody, Who } from '../support/api-world.js';
import { pollUntil } from '../support/poll.js';
import { type System, startSystem } from '../support/system.js';

let sys: System;
let batchId: string;

beforeAll(async () => {
  sys = await startSystem();
  await sys.startWorker();
  const batch = await sys.api.http
    .post('/api/v1/batches')
    .set(auth('office'))
    .send({ code: 'SZ-REPORTS', title: { en: 'Progress reports' }, issuingAuthority: 'Test', workflow: 'reports' });
  if (batch.status !== 201) throw new Error(`batch: ${batch.status} ${JSON.stringify(batch.body)}`);
  batchId = batch.body.id;
});
afterAll(() => sys?.close());

const auth = (who: Who) => ({ Authorization: `Bearer ${sys.world.token(who)}` });
const PERIOD_MS = 8_000;
const HIGH_PERIOD_MS = 4_000;

function ok(res: import('supertest').Response, status = 200): MatterBody {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A matter of the `reports` workflow taken into implementation: submitted, approved, started by its manager. */
async function implementing(overrides: Record<string, unknown> = {}): Promise<MatterBody> {
  let m = await sys.world.draft({ batchId, ...overrides });
  m = ok(await sys.world.act('office', m, 'submit'));
  m = ok(await sys.world.act('sticApprover', m, 'approve'));
  m = ok(await sys.world.act('sticManager', m, 'start-implementation'));
  expect(m.stage).toBe('in_implementation');
  return m;
}

async function reportDeadline(matterId: string, startsAt: string) {
  const [d] = await sys.api.sql<{ id: string; status: string; due_at: Date }>(
    `SELECT id, status, due_at FROM deadlines WHERE matter_id = $1 AND kind = 'progress_report' AND key = $2`,
    [matterId, `progress:${startsAt}`],
  );
  return d;
}

async function timersOf(deadlineId: string) {
  const rows = await sys.api.sql<{ label: string; state: string }>(
    `SELECT label, state FROM timers WHERE deadline_id = $1 ORDER BY fire_at`,
    [deadlineId],
  );
  return rows.map((r) => `${r.label}:${r.state}`);
}

/** The mails of one deadline, as `<label>` of the timer that sent them, in arrival order. */
const mailsOf = (deadlineId: string) =>
  sys.smtp.messages.filter((x) => x.deliveryKey?.startsWith(`t.${deadlineId}.`)).map((x) => x.deliveryKey!.split('.')[3]);

const status = async (matterId: string) => (await sys.api.http.get(`/api/v1/matters/${matterId}/status`).set(auth('office'))).body;
const actions = async (who: Who, matterId: string) =>
  (await sys.api.http.get(`/api/v1/matters/${matterId}/actions`).set(auth(who))).body as {
    actions: Array<{ type: string }>;
    blocked: Array<{ type: string; code: string }>;
  };

const narrative = {
  done: '印发实施方案，完成首批企业申报受理',
  problems: '申报材料要求不一',
  nextSteps: '统一申报清单',
  evidenceLinks: ['https://fgw.sz.gov.cn/notice/2026-01'],
};

describe('a narrative progress report', () => {
  it('from a matter with no numeric target meets its period: on track, the deadline met, its reminders cancelled', async () => {
    const m = await implementing({ targets: [] });
    const period = m.reportPeriod as { number: number; startsAt: string; dueAt: string };
    expect(period.number).toBe(1);
    expect(Date.parse(period.dueAt) - Date.parse(period.startsAt)).toBe(PERIOD_MS);
    const deadline = await reportDeadline(m.id, period.startsAt);
    expect(deadline.status).toBe('open');
    expect((await actions('sticManager', m.id)).actions.map((a) => a.type)).toContain('file_progress_report');

    const filed = ok(await sys.world.act('sticManager', m, 'progress-reports', narrative), 201);
    expect(filed.progressReports).toEqual([
      expect.objectContaining({
        period,
        ...narrative,
        values: [],
        late: false,
        reportedBy: sys.world.users.sticManager.id,
      }),
    ]);
    expect(filed.progress).toEqual([]);
    // the next period opens when this one was due
    expect(filed.reportPeriod).toEqual({
      number: 2,
      startsAt: period.dueAt,
      dueAt: new Date(Date.parse(period.dueAt) + PERIOD_MS).toISOString(),
    });

    expect((await reportDeadline(m.id, period.startsAt)).status).toBe('met');
    expect(await timersOf(deadline.id)).toEqual(['r-PT2S:cancelled', 'r-PT0S:cancelled', 'e1:cancelled', 'e2:cancelled']);
    expect(await status(m.id)).toMatchObject({ status: 'on_track', reasons: [] });
    const timeline = await sys.api.http.get(`/api/v1/matters/${m.id}/timeline`).set(auth('office'));
    expect(timeline.body.at(-1)).toMatchObject({ type: 'progress.report_filed', actor: { id: sys.world.users.sticManager.id } });
  });

  it('records the values it gives for the matter’s numeric targets as readings', async () => {
    const m = await implementing();
    const target = m.targets[0];
    const filed = ok(
      await sys.world.act('sticManager', m, 'progress-reports', {
        done: '四家机构完成薪酬方案备案',
        values: [{ targetId: target.id, value: 4 }],
      }),
      201,
    );
    expect(filed.progressReports[0].values).toEqual([{ targetId: target.id, value: 4 }]);
    expect(filed.progress).toEqual([
      expect.objectContaining({ targetId: target.id, value: 4, reportedBy: sys.world.users.sticManager.id }),
    ]);
    expect(filed.progress[0].asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each([
    ['an empty account of what was done', { done: '   ' }, 400, 'done'],
    ['a link that is not a web address', { done: '完成', evidenceLinks: ['ftp://example.org/x'] }, 400, 'evidenceLinks[0]'],
    ['a value for a target the matter lacks', { done: '完成', values: [{ targetId: randomUUID(), value: 3 }] }, 422, 'values[0].targetId'],
    ['an unknown field', { done: '完成', period: 3 }, 400, 'period'],
  ])('refuses %s with problem+json naming the field, and files nothing', async (_name, body, code, field) => {
    const m = await implementing();
    const res = await sys.world.act('sticManager', m, 'progress-reports', body);
    expect(res.status).toBe(code);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
    expect((await sys.world.get('office', m.id)).progressReports).toEqual([]);
  });

  it('is refused with 409 progress_report.period_not_started before the next period began, and not offered then', async () => {
    const m = await implementing({ targets: [] });
    const first = ok(await sys.world.act('sticManager', m, 'progress-reports', { done: '完成首期工作' }), 201);
    const again = await sys.world.act('sticManager', first, 'progress-reports', { done: '又一份' });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body.code).toBe('progress_report.period_not_started');
    const offered = await actions('sticManager', m.id);
    expect(offered.actions.map((a) => a.type)).not.toContain('file_progress_report');
    expect(offered.blocked).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'file_progress_report', code: 'progress_report.period_not_started' })]),
    );
    expect((await sys.world.get('office', m.id)).progressReports).toHaveLength(1);
  });

  it('is only for the leading unit’s people: another unit’s manager gets 403', async () => {
    const m = await implementing({ targets: [] });
    const res = await sys.world.act('justiceManager', m, 'progress-reports', { done: '完成' });
    expect(res.status).toBe(403);
  });
});

describe('a missed progress report', () => {
  it('is reminded, then escalates level 1 and 2 as a milestone does; filed late, it is recorded as late and the ladder stops', async () => {
    const m = await implementing({ targets: [] });
    const period = m.reportPeriod as { startsAt: string; dueAt: string };
    const deadline = await reportDeadline(m.id, period.startsAt);
    await pollUntil(
      () => mailsOf(deadline.id),
      (labels) => labels.includes('e2'),
      { timeoutMs: PERIOD_MS + 10_000, what: 'escalation level 2 of the missed report' },
    );
    expect(mailsOf(deadline.id)).toEqual(['r-PT2S', 'r-PT0S', 'e1', 'e2']);
    // the reminder opens the report form; level 2 goes to the leading unit's managers (it has no head)
    const reminder = sys.smtp.messages.find((x) => x.deliveryKey?.startsWith(`t.${deadline.id}.v1.r-PT0S`))!;
    expect(reminder.to).toEqual(['sticmanager@reformflow.test']);
    expect(reminder.text).toContain(`/matters/${m.id}?action=file_progress_report`);
    expect(reminder.subject).toContain(m.code);
    const red = await status(m.id);
    expect(red.status).toBe('off_track');
    expect(red.reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'escalationAtLeast', subject: expect.objectContaining({ key: `progress:${period.startsAt}` }) }),
      ]),
    );

    const late = ok(
      await sys.world.act('sticManager', await sys.world.get('office', m.id), 'progress-reports', { done: '补报第一期' }),
      201,
    );
    expect(late.progressReports[0]).toMatchObject({ period: { number: 1 }, late: true });
    expect((await reportDeadline(m.id, period.startsAt)).status).toBe('met');
  });
});

describe('the risk register after approval', () => {
  it('raised to high: audited, the reform office mailed, the next period shorter while the current one stands', async () => {
    const m = await implementing({ targets: [] });
    const first = m.reportPeriod as { number: number; startsAt: string; dueAt: string };
    const raised = ok(
      await sys.world.act('sticManager', m, 'risks', {
        riskLevel: 'high',
        risks: [
          { id: m.risks[0].id, ...m.risks[0], likelihood: 'high' },
          { description: '试点企业数据跨境合规风险', likelihood: 'medium', impact: 'high', mitigation: '事前合规评估' },
        ],
        note: '数据出境新规出台',
      }),
    );
    expect(raised.riskLevel).toBe('high');
    expect(raised.risks).toHaveLength(2);
    expect(raised.risks[0]).toMatchObject({ id: m.risks[0].id, likelihood: 'high' });
    expect(raised.reportPeriod).toEqual(first); // the period already running keeps its length

    const timeline = await sys.api.http.get(`/api/v1/matters/${m.id}/timeline`).set(auth('office'));
    expect(timeline.body.at(-1)).toMatchObject({
      type: 'risk.register_updated',
      actor: { id: sys.world.users.sticManager.id },
      payload: expect.objectContaining({
        riskLevel: 'high',
        previousRiskLevel: 'medium',
        changed: [m.risks[0].id],
        added: [raised.risks[1].id],
        note: '数据出境新规出台',
      }),
    });
    const verify = await sys.api.http.get(`/api/v1/matters/${m.id}/audit/verify`).set(auth('office'));
    expect(verify.body.valid).toBe(true);

    const [mail] = await pollUntil(
      () => sys.smtp.messages.filter((x) => x.subject.startsWith(`【风险等级上调】${m.code}`)),
      (x) => x.length > 0,
      { what: 'the risk-raised mail' },
    );
    expect(mail.to).toEqual(['office@reformflow.test']);
    expect(mail.text).toContain('数据出境新规出台');
    expect(mail.text).toContain('试点企业数据跨境合规风险');

    // the report of the running period opens a period of the high-risk length
    const filed = ok(await sys.world.act('sticManager', raised, 'progress-reports', { done: '完成合规评估' }), 201);
    expect(filed.reportPeriod.number).toBe(2);
    expect(Date.parse(filed.reportPeriod.dueAt) - Date.parse(filed.reportPeriod.startsAt)).toBe(HIGH_PERIOD_MS);
  });

  it('lowered, or changed below high, mails nobody; an update that changes nothing is refused naming the field', async () => {
    const m = await implementing({ targets: [] });
    const lowered = ok(await sys.world.act('sticManager', m, 'risks', { riskLevel: 'low' }));
    expect(lowered.riskLevel).toBe('low');
    const same = await sys.world.act('sticManager', lowered, 'risks', { riskLevel: 'low' });
    expect(same.status).toBe(400);
    expect(same.body.errors).toEqual([expect.objectContaining({ field: 'riskLevel', rule: 'risks.unchanged' })]);
    const empty = await sys.world.act('sticManager', lowered, 'risks', {});
    expect(empty.status).toBe(400);
    const badRisk = await sys.world.act('sticManager', lowered, 'risks', {
      risks: [{ description: '风险', likelihood: 'medium', impact: 'medium', mitigation: ' ' }],
    });
    expect(badRisk.status).toBe(400);
    expect(badRisk.body.errors).toEqual([expect.objectContaining({ field: 'risks[0].mitigation' })]);
    await new Promise((r) => setTimeout(r, 1_500)); // would a mail follow?
    expect(sys.smtp.messages.filter((x) => x.subject.includes(m.code) && x.subject.startsWith('【风险等级上调】'))).toEqual([]);
  });
});
