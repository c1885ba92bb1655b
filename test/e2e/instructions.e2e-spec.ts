import { pollUntil } from '../support/poll.js';
import { type System, startSystem } from '../support/system.js';
import type { MatterBody } from '../support/api-world.js';

/**
 * Leaders' instructions (领导批示, issue 16 item 4) over the real api, worker, PostgreSQL, Redis
 * and SMTP. The `timers` workflow gives an instruction without the leader's time limit 6 s to
 * report, reminders PT2S, PT1S and PT0S before and escalations 1 s (to the manager) and 2 s
 * (to the leading unit's head, its managers when it has none) after.
 */
let sys: System;

beforeAll(async () => {
  sys = await startSystem();
  await sys.startWorker();
});
afterAll(() => sys?.close());

const as = (who: Parameters<System['world']['token']>[0]) => ({ Authorization: `Bearer ${sys.world.token(who)}` });
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const instruction = (over: Record<string, unknown> = {}) => ({
  leaderName: '张明',
  leaderTitle: '市委书记',
  givenOn: today(),
  text: '此项改革事关全局，请科技局抓紧推进，按期报送落实情况。',
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

describe("a leader's instruction (领导批示)", () => {
  it('is recorded by the reform office alone, on a matter under way, each bad field named', async () => {
    const draft = await sys.world.draft({});
    const early = await sys.world.act('office', draft, 'instructions', instruction());
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('stage.action_not_allowed');
    const m = await approved();
    expect((await sys.world.act('sticManager', m, 'instructions', instruction())).status).toBe(403);
    expect((await sys.world.act('commerceManager', m, 'instructions', instruction())).status).toBe(403);
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ leaderName: '  ' }, 400, 'leaderName'],
      [{ text: undefined }, 400, 'text'],
      [{ givenOn: '2026/12/01' }, 400, 'givenOn'],
      [{ givenOn: '2999-01-01' }, 422, 'givenOn'],
      [{ dueIn: 'soon' }, 400, 'dueIn'],
      [{ dueIn: 'PT0S' }, 422, 'dueIn'],
      [{ dueAt: '2020-01-01' }, 422, 'dueAt'],
      [{ extra: 1 }, 400, 'extra'],
    ];
    for (const [over, status, field] of cases) {
      const res = await sys.world.act('office', m, 'instructions', instruction(over));
      expect({ over, status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ over, status, field });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const both = await sys.world.act('office', m, 'instructions', instruction({ dueAt: '2099-01-01', dueIn: 'P1D' }));
    expect(both.status).toBe(400);
    expect(both.body.errors[0].rule).toBe('one_of_due_at_due_in');
    const noVersion = await sys.api.http.post(`/api/v1/matters/${m.id}/instructions`).set(as('office')).send(instruction());
    expect(noVersion.status).toBe(428);
    // nothing was written
    expect(await sys.api.sql(`SELECT 1 FROM matter_instructions WHERE matter_id = $1`, [m.id])).toEqual([]);
  });

  it('reminds the leading unit’s manager and escalates over real SMTP, leads their inbox, is reported (which meets it) and closed by the office', async () => {
    let m = await approved();
    // without the leader's time limit, the workflow's (PT6S here)
    const recorded = await sys.world.act('office', m, 'instructions', instruction());
    expect(recorded.status).toBe(201);
    m = recorded.body;
    const [i] = m.instructions;
    expect(i).toMatchObject({ leaderName: '张明', leaderTitle: '市委书记', dueGiven: false, reports: [], closedAt: null });
    expect(Date.parse(i.dueAt) - Date.parse(i.recordedAt)).toBe(6000);
    const [deadline] = await sys.api.sql<{ id: string; responsible: unknown; unit_id: string; title_zh: string }>(
      `SELECT id, responsible, unit_id, title_zh FROM deadlines WHERE key = $1 AND status = 'open'`,
      [`instruction:${i.id}`],
    );
    expect(deadline).toMatchObject({
      responsible: { kind: 'user', userId: sys.world.users.sticManager.id },
      unit_id: sys.world.units.stic,
      title_zh: '报送市委书记张明批示落实情况',
    });

    // the manager's inbox shows it first, before a draft stage due sooner (PT3S), its link opening the report form
    await sys.world.draft({});
    const tasks = await sys.api.http.get('/api/v1/me/tasks').set(as('sticManager'));
    expect(tasks.status).toBe(200);
    expect(tasks.body.items[0]).toMatchObject({
      kind: 'instruction',
      action: 'report_instruction',
      subject: { id: i.id, title: { zh: '报送市委书记张明批示落实情况' } },
      link: `/matters/${m.id}?action=report_instruction&subject=${i.id}`,
    });
    expect(tasks.body.items.some((t: { kind: string; dueAt: string | null }) => t.kind === 'stage' && t.dueAt! < i.dueAt)).toBe(true);
    expect(tasks.body.counts.instruction).toBe(1);

    const mails = await pollUntil(
      () => sys.smtp.messages.filter((x) => x.deliveryKey?.startsWith(`t.${deadline.id}.`)),
      (ms) => ms.some((x) => labelOf(x.deliveryKey!) === 'e2'),
      { timeoutMs: 30_000, what: "the instruction's second escalation" },
    );
    const to = (label: string) => mails.filter((x) => labelOf(x.deliveryKey!) === label).flatMap((x) => x.to);
    expect(to('r-PT2S')).toEqual(['sticmanager@reformflow.test']);
    expect(to('r-PT0S')).toEqual(['sticmanager@reformflow.test']);
    expect(to('e1')).toEqual(['sticmanager@reformflow.test']);
    expect(to('e2').length).toBeGreaterThan(0);
    const reminder = mails.find((x) => labelOf(x.deliveryKey!) === 'r-PT0S')!;
    expect(reminder.text).toContain('这是改革办登记的领导对该事项的批示');
    expect(reminder.text).toContain('报送市委书记张明批示落实情况');
    expect(reminder.text).toContain(`action=report_instruction`);

    // the leading unit's manager reports, and only they; versions are checked
    const report = { narrative: '已召开专题会议研究部署，形成工作方案。', evidenceLinks: ['https://www.sz.gov.cn/plan'] };
    const path = `instructions/${i.id}/reports`;
    expect((await sys.world.act('office', m, path, report)).status).toBe(403);
    expect((await sys.world.act('commerceManager', m, path, report)).status).toBe(403);
    const early = await sys.world.act('office', m, `instructions/${i.id}/close`, {});
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'instruction.not_reported', errors: [{ field: 'instructionId' }] });
    const badLink = await sys.world.act('sticManager', m, path, { ...report, evidenceLinks: ['ftp://x'] });
    expect(badLink.status).toBe(400);
    expect(badLink.body.errors[0].field).toBe('evidenceLinks[0]');
    const blank = await sys.world.act('sticManager', m, path, { narrative: ' ' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors[0].field).toBe('narrative');
    const unknown = await sys.world.act('sticManager', m, `instructions/${m.id}/reports`, report);
    expect(unknown.status).toBe(404);
    const reported = await sys.world.act('sticManager', m, path, report);
    expect(reported.status).toBe(201);
    const stale = await sys.world.act('sticManager', m, path, report);
    expect(stale.status).toBe(409);
    m = reported.body;
    expect(m.instructions[0].reports).toEqual([expect.objectContaining({ ...report, reportedBy: sys.world.users.sticManager.id })]);
    const [met] = await sys.api.sql<{ status: string }>(`SELECT status FROM deadlines WHERE key = $1`, [`instruction:${i.id}`]);
    expect(met.status).toBe('met');

    // the office's inbox asks for 销号, first
    const office = await sys.api.http.get('/api/v1/me/tasks').set(as('office'));
    expect(office.body.items[0]).toMatchObject({
      kind: 'instruction',
      action: 'close_instruction',
      link: `/matters/${m.id}?action=close_instruction&subject=${i.id}`,
    });
    expect((await sys.world.act('sticManager', m, `instructions/${i.id}/close`, {})).status).toBe(403);
    const closed = await sys.world.act('office', m, `instructions/${i.id}/close`, { remark: '落实到位，予以销号。' });
    expect(closed.status).toBe(200);
    expect(closed.body.instructions[0]).toMatchObject({ closedBy: sys.world.users.office.id, closingRemark: '落实到位，予以销号。' });
    const again = await sys.world.act('office', closed.body, `instructions/${i.id}/close`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('instruction.closed');
    const afterwards = await sys.api.http.get('/api/v1/me/tasks').set(as('office'));
    expect(afterwards.body.items.some((t: { id: string }) => t.id === `instruction:${i.id}`)).toBe(false);

    // audited, the chain intact
    const timeline = await sys.api.http.get(`/api/v1/matters/${m.id}/timeline`).set(as('office'));
    expect(timeline.body.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['instruction.recorded', 'instruction.reported', 'instruction.closed']),
    );
    const verify = await sys.api.http.get(`/api/v1/matters/${m.id}/audit/verify`).set(as('office'));
    expect(verify.body.valid).toBe(true);
  }, 60_000);

  it("keeps the leader's own time limit, and its timers end when the matter is terminated", async () => {
    let m = await approved();
    const res = await sys.world.act('office', m, 'instructions', instruction({ dueAt: '2099-06-30', leaderTitle: null }));
    expect(res.status).toBe(201);
    m = res.body;
    expect(m.instructions[0]).toMatchObject({ dueGiven: true, dueAt: '2099-06-30T15:59:59.000Z', leaderTitle: null });
    const key = `instruction:${m.instructions[0].id}`;
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
