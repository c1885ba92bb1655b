/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return --
   the demo reads the API's JSON loosely, as the end-to-end tests do (test/** has the same rules off); each step checks the state it relies on */
/**
 * Work the demo leaves behind for people to pick up while it keeps serving: after the
 * stories, more seeded matters (loaded under the production `reform-pilot` workflow, so
 * their clocks run in days) are put into open states over the same HTTP API, each by the
 * person the step needs, so that every demo role finds something in 我的待办:
 *
 *   OP24-01-04  a draft waiting for submission (its manager's 草拟并提交 deadline)
 *   OP24-01-01  at the leading unit's review (市科技创新局 approver)
 *   BEP-08      at the leading unit's review (市商务局 approver)
 *   BEP-09      at the reform office's review
 *   OP24-04-01  high risk, at the provincial government's approval
 *   OP24-06-08  critical risk, at the national authority's approval (国家发展改革委 approver)
 *   BEP-03      in implementation, two open milestones (市工业和信息化局 manager)
 *   OP24-01-03  in implementation, one milestone done and two open (市科技创新局 manager), and
 *               the finance bureau's part (配合单位分工) on the funding mechanism, open
 *               (市财政局 manager)
 *   OP24-01-05  in evaluation, an evaluator drawn from the pool
 *   OP24-01-06  in evaluation, waiting for the reform office to assign an evaluator
 *   OP24-07-02  a milestone due in seconds that is left to pass, then an urge notice
 *               (催办) that its manager has not acknowledged yet: 确认收到 in their inbox
 *
 * Each matter records the state it reached and whose inbox must show it; after all of
 * them the inbox of that person is read back (GET /me/tasks) to check it does.
 */
import { type ApiClient, type Json, type Person } from './client.js';
import { type Cast, stateOf, until, zh } from './scenario.js';
import type { Timeline } from './timeline.js';

export const LIVE_CODES = {
  draft: 'OP24-01-04',
  leadingReview: 'OP24-01-01',
  leadingReview2: 'BEP-08',
  officeReview: 'BEP-09',
  provincial: 'OP24-04-01',
  national: 'OP24-06-08',
  implementing: 'BEP-03',
  implementing2: 'OP24-01-03',
  evaluating: 'OP24-01-05',
  evaluatorNeeded: 'OP24-01-06',
  urged: 'OP24-07-02',
} as const;

export interface LiveRecord {
  matter: string;
  title: string;
  /** What is left open, for people. */
  waiting: string;
  expected: string;
  actual: string;
  /** Whose inbox must show it, and as which kind of task. */
  inbox: { email: string; kind: string } | null;
  /** Whether that inbox shows it (null when not checked: the matter did not reach its state). */
  inInbox: boolean | null;
  ok: boolean;
}

export interface InboxRecord {
  email: string;
  displayName: string;
  roles: string[];
  unit: string;
  total: number;
  counts: Record<string, number>;
  /** The codes of the matters in it, by task kind. */
  matters: Record<string, string[]>;
}

export interface LiveResult {
  seconds: number;
  matters: LiveRecord[];
  inboxes: InboxRecord[];
}

interface LiveOptions {
  api: ApiClient;
  timeline: Timeline;
  cast: Cast;
  admin: { email: string; password: string };
}

export async function leaveLiveWork(o: LiveOptions): Promise<LiveResult> {
  const { api, cast, timeline } = o;
  const started = Date.now();
  const office = await cast.who(cast.unitId('SZ-CRO'), 'reform_office');
  const records: LiveRecord[] = [];

  const find = async (code: string): Promise<Json> => {
    const page = await api.get(office, `/api/v1/matters?q=${encodeURIComponent(code)}&pageSize=50`);
    const hit = (page.items as Json[]).find((m) => m.code === code);
    if (!hit) throw new Error(`the seeded matter ${code} is not there`);
    return api.get(office, `/api/v1/matters/${hit.id}`);
  };

  /** Manager and milestones (due in days), as the reform office drafts them. */
  const prepare = async (m: Json, milestones: Array<{ zh: string; en: string; dueIn: string }>): Promise<{ m: Json; manager: Person }> => {
    const manager = await cast.who(m.leadingUnitId, 'manager');
    let cur = await api.patch(office, `/api/v1/matters/${m.id}`, { managerId: manager.id }, m.version);
    if (!(cur.milestones as Json[]).length)
      for (const ms of milestones)
        cur = await api.post(
          office,
          `/api/v1/matters/${m.id}/milestones`,
          { title: { zh: ms.zh, en: ms.en }, dueIn: ms.dueIn },
          cur.version,
        );
    return { m: cur, manager };
  };

  const submit = (m: Json) => api.post(office, `/api/v1/matters/${m.id}/submit`, {}, m.version);

  /** Approves the current step as the person it names, until the step `stopAt` (or the end of the chain). */
  const approveUntil = async (m: Json, stopAt: string | null): Promise<Json> => {
    let cur = m;
    while (cur.stage === 'in_approval' && cur.currentStep?.key !== stopAt) {
      const step = cur.currentStep as Json;
      const who = await cast.who(step.unitId, step.role);
      cur = await api.post(who, `/api/v1/matters/${cur.id}/approve`, { comment: '同意。' }, cur.version);
    }
    return cur;
  };

  const implement = async (m: Json): Promise<Json> =>
    api.post(office, `/api/v1/matters/${m.id}/start-implementation`, {}, (await approveUntil(m, null)).version);

  const complete = (m: Json, manager: Person, note = '已完成。'): Promise<Json> => {
    const open = (m.milestones as Json[]).find((x) => !x.completedAt);
    if (!open) throw new Error(`${m.code} has no open milestone to complete`);
    return api.post(manager, `/api/v1/matters/${m.id}/milestones/${open.id}/complete`, { note }, m.version);
  };

  /** One matter: `drive` takes it from draft to the state it is left in. */
  const leave = async (
    code: string,
    waiting: string,
    expected: string,
    inboxOf: (m: Json, manager: Person) => { email: string; kind: string } | null,
    milestones: Array<{ zh: string; en: string; dueIn: string }>,
    drive: (m: Json, manager: Person) => Promise<Json>,
    state: (m: Json) => string = stateOf,
  ): Promise<void> => {
    let title = '';
    let actual: string;
    let inbox: LiveRecord['inbox'] = null;
    try {
      const seeded = await find(code);
      title = zh(seeded.title);
      const { m, manager } = await prepare(seeded, milestones);
      const end = await drive(m, manager);
      actual = state(end);
      inbox = inboxOf(end, manager);
    } catch (e) {
      actual = `error: ${(e as Error).message}`;
    }
    const ok = actual === expected;
    records.push({ matter: code, title, waiting, expected, actual, inbox, inInbox: null, ok });
    timeline.note(`${ok ? '✓' : '✗'} ${code} left ${waiting}${ok ? '' : `: expected ${expected}, got ${actual}`}`);
  };

  const step = (m: Json) => ({ unitId: m.currentStep?.unitId as string, role: m.currentStep?.role as string });
  const byStep = async (m: Json) => ({ email: (await cast.who(step(m).unitId, step(m).role)).email, kind: 'approval_step' });
  const officeEmail = office.email;

  const pilotPlan = { zh: '试点实施方案印发', en: 'Pilot implementation plan issued' };
  const interim = { zh: '阶段性总结报送', en: 'Interim summary submitted' };
  const stepInboxes = new Map<string, { email: string; kind: string }>();
  const stepInbox = (code: string) => () => stepInboxes.get(code) ?? null;
  const leaveAtStep = (code: string, waiting: string, stopAt: string) =>
    leave(code, waiting, `in_approval:${stopAt}`, stepInbox(code), [{ ...pilotPlan, dueIn: 'P60D' }], async (m) => {
      const end = await approveUntil(await submit(m), stopAt);
      if (end.currentStep) stepInboxes.set(code, await byStep(end));
      return end;
    });

  const evaluations = async () => {
    // drawn from the pool, as a matter whose last milestone is completed is
    let evaluatorEmail: string | null = null;
    await leave(
      LIVE_CODES.evaluating,
      '评估中：评估人已指派（in evaluation, evaluator assigned）',
      'in_evaluation:assigned',
      () => (evaluatorEmail ? { email: evaluatorEmail, kind: 'evaluation' } : null),
      [{ ...pilotPlan, dueIn: 'P30D' }],
      async (m, manager) => {
        const end = await complete(await implement(await submit(m)), manager, '试点方案已印发实施。');
        if (end.evaluator) evaluatorEmail = cast.byId(end.evaluator.userId).email;
        return end;
      },
      (m) => `${stateOf(m)}:${m.evaluator ? 'assigned' : 'none'}`,
    );
    // the pool's evaluators are away for a moment (disabled), so this one waits for the office to assign one
    await leave(
      LIVE_CODES.evaluatorNeeded,
      '评估中：待综改办指派评估人（waiting for an evaluator）',
      'in_evaluation:none',
      () => ({ email: officeEmail, kind: 'evaluator_needed' }),
      [{ ...pilotPlan, dueIn: 'P30D' }],
      async (m) => {
        const running = await implement(await submit(m));
        const evaluators = cast.people().filter((p) => p.roles.includes('evaluator'));
        for (const e of evaluators) await api.patch(o.admin, `/api/v1/users/${e.id}`, { active: false });
        try {
          return await api.post(office, `/api/v1/matters/${m.id}/request-evaluation`, { note: '实施期满，申请评估。' }, running.version);
        } finally {
          for (const e of evaluators) await api.patch(o.admin, `/api/v1/users/${e.id}`, { active: true });
        }
      },
      (m) => `${stateOf(m)}:${m.evaluator ? 'assigned' : 'none'}`,
    );
  };

  const urged = leave(
    LIVE_CODES.urged,
    '实施中：里程碑逾期，催办待确认收到（overdue, urge notice not acknowledged）',
    'in_implementation:urge-open',
    (_m, manager) => ({ email: manager.email, kind: 'urge_notice' }),
    [{ ...pilotPlan, dueIn: 'P60D' }],
    async (m) => {
      const running = await implement(await submit(m));
      // a milestone due in a few seconds that nobody completes
      await api.post(
        office,
        `/api/v1/matters/${m.id}/milestones`,
        { title: { zh: '跨境电商监管情况说明报送', en: 'Cross-border e-commerce supervision note submitted' }, dueIn: 'PT3S' },
        running.version,
      );
      const overdue = await until(
        () => api.get(office, `/api/v1/matters/${m.id}`),
        (x) => x.overdue === true,
        15_000,
        300,
      );
      return api.post(
        office,
        `/api/v1/matters/${m.id}/urge-notices`,
        { message: '「跨境电商监管情况说明」已逾期，请于三个工作日内报送并说明原因。' },
        overdue.version,
      );
    },
    (m) => `${stateOf(m)}:${(m.urgeNotices as Json[]).some((n) => !n.acknowledgedAt) ? 'urge-open' : 'no-urge'}`,
  );

  await Promise.all([
    urged,
    evaluations(),
    leave(
      LIVE_CODES.draft,
      '草稿：待综改办提交审批（draft, to be submitted）',
      'draft',
      (_m, manager) => ({ email: manager.email, kind: 'stage' }),
      [{ ...pilotPlan, dueIn: 'P90D' }],
      (m) => Promise.resolve(m),
    ),
    leaveAtStep(LIVE_CODES.leadingReview, '待牵头单位审核（市科技创新局）', 'leading-unit-review'),
    leaveAtStep(LIVE_CODES.leadingReview2, '待牵头单位审核（市商务局）', 'leading-unit-review'),
    leaveAtStep(LIVE_CODES.officeReview, '待市综合改革办审核', 'reform-office-review'),
    leaveAtStep(LIVE_CODES.provincial, '待省政府审批（高风险）', 'provincial-review'),
    leaveAtStep(LIVE_CODES.national, '待国家有关部门审批（极高风险）', 'national-review'),
    leave(
      LIVE_CODES.implementing,
      '实施中：两个里程碑未完成',
      'in_implementation',
      (_m, manager) => ({ email: manager.email, kind: 'milestone' }),
      [
        { ...pilotPlan, dueIn: 'P14D' },
        { ...interim, dueIn: 'P75D' },
      ],
      async (m) => implement(await submit(m)),
    ),
    leave(
      LIVE_CODES.implementing2,
      '实施中：一个里程碑已完成，两个未完成；市财政局分工待落实',
      'in_implementation',
      (_m, manager) => ({ email: manager.email, kind: 'milestone' }),
      [
        { ...pilotPlan, dueIn: 'P10D' },
        { ...interim, dueIn: 'P45D' },
        { zh: '试点经验总结形成', en: 'Pilot lessons written up', dueIn: 'P120D' },
      ],
      async (m, manager) => {
        const running = await complete(await implement(await submit(m)), manager, '方案已印发。');
        // the document's "funding utilization" is the finance bureau's to work out (inferred: it names no unit for it)
        const finance = cast.unitId('SZ-FIN');
        if (!(running.participatingUnitIds as string[]).includes(finance)) return running;
        const withPart = await api.post(
          office,
          `/api/v1/matters/${m.id}/parts`,
          {
            unitId: finance,
            deliverable: {
              zh: '制定深圳医学科学院科研经费使用管理办法',
              en: 'Rules for research funding at the Shenzhen Medical Academy of Sciences',
            },
            dueIn: 'P40D',
          },
          running.version,
        );
        return withPart;
      },
    ),
  ]);

  // read back every inbox: the table the demo prints, and the check that each matter is where it should be
  await cast.load(); // the accounts made on the way are people too
  const inboxes: InboxRecord[] = await Promise.all(
    cast.people().map(async (p) => {
      const list = await api.get(p, '/api/v1/me/tasks');
      const matters: Record<string, string[]> = {};
      for (const t of list.items as Json[]) if (t.matter) (matters[t.kind] ??= []).push(t.matter.code);
      return {
        email: p.email,
        displayName: p.displayName,
        roles: p.roles,
        unit: cast.unitName(p.unitId),
        total: list.total,
        counts: Object.fromEntries(Object.entries(list.counts as Record<string, number>).filter(([, n]) => n > 0)),
        matters,
      };
    }),
  );
  for (const r of records) {
    if (!r.inbox) continue;
    const box = inboxes.find((b) => b.email === r.inbox!.email);
    r.inInbox = (box?.matters[r.inbox.kind] ?? []).includes(r.matter);
    if (!r.inInbox) {
      r.ok = false;
      timeline.note(`✗ ${r.matter} is not in the inbox of ${r.inbox.email} as ${r.inbox.kind}`);
    }
  }
  if (!inboxes.some((b) => b.email === officeEmail && (b.counts.overdue_deadline ?? 0) > 0)) {
    records.push({
      matter: LIVE_CODES.urged,
      title: '',
      waiting: 'overdue deadline in the reform office inbox',
      expected: 'overdue_deadline',
      actual: 'not in the inbox',
      inbox: { email: officeEmail, kind: 'overdue_deadline' },
      inInbox: false,
      ok: false,
    });
  }
  return { seconds: Math.round((Date.now() - started) / 100) / 10, matters: records, inboxes };
}
