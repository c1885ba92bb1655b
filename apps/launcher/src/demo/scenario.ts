/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   the demo reads the API's JSON loosely, as the end-to-end tests do (test/** has the same rules off); each step checks the state it relies on */
/**
 * The demo's scenario: real seeded matters driven through the `demo` workflow (durations
 * in seconds) over the public HTTP API, each request by a demo user of the right unit
 * and role. Five stories run side by side; each step records the state it expected and
 * the state the API answered with, so the outcome can be checked afterwards.
 *
 *   BEP-05      high risk: every step of its approval chain, implemented, replicable
 *   BEP-07      rejected by the reform office, revised and resubmitted; a progress report;
 *               evaluated needs_adjustment, back to implementation, then replicable
 *   OP24-08-03  adjusts a law (the Postal Law, 003 item (14)): the NPC Standing Committee
 *               authorizes it, recording its instrument, before implementation; replicable
 *   OP24-01-02  misses its milestone: reminders, escalation, an urge notice (催办) that its
 *               manager acknowledges; completed late and evaluated ineffective
 *   BEP-02      a plain run to a replicable verdict
 *
 * Then the reform office issues a replication-of-experience report listing the replicable ones.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient, ApiError, type Json, type Person } from './client.js';
import type { Timeline } from './timeline.js';

/** The instrument the demo records with a legal authorization: a decision of the body the step resolved to, valid for three years. */
const LEGAL_INSTRUMENT = (m: Json) => ({
  title: `关于授权在深圳市暂时调整适用${String(m.legalAdjustment.name).split(' ')[0]}有关规定的决定（演示）`,
  documentNumber: '演示〔2026〕1号',
  issuedOn: new Date().toISOString().slice(0, 10),
  scope: zh(m.title),
  validFor: 'P3Y',
});

export const STORY_CODES = { everyStep: 'BEP-05', rejected: 'BEP-07', legal: 'OP24-08-03', missed: 'OP24-01-02', plain: 'BEP-02' } as const;
/** The matters the scenario closes as replicated: what the report must list. */
export const REPLICABLE_CODES = [STORY_CODES.everyStep, STORY_CODES.rejected, STORY_CODES.legal, STORY_CODES.plain].sort();

export interface StepRecord {
  story: string;
  matter: string;
  label: string;
  expected: string;
  actual: string;
  ok: boolean;
  at: number;
}

export interface ReportRecord {
  ok: boolean;
  number: number | null;
  expectedCodes: string[];
  codes: string[];
  files: string[];
  problem: string | null;
}

export interface ScenarioResult {
  steps: StepRecord[];
  report: ReportRecord;
}

export interface ScenarioOptions {
  api: ApiClient;
  timeline: Timeline;
  admin: { email: string; password: string };
  /** Demo accounts' passwords by e-mail (seeds/demo/users.yaml). */
  passwords: Map<string, string>;
  /** Password for an account the demo has to create because the demo users lack one. */
  fallbackPassword: string;
  /** Where the report's documents are saved. */
  outDir: string;
}

class StoryStopped extends Error {}

/** Every chain of the demo workflow starts with the leading unit's review. */
const FIRST_STEP = 'in_approval:leading-unit-review';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A matter's state as the steps compare it: the stage, with the pending approval step or the outcome. */
export function stateOf(m: Json): string {
  if (m.stage === 'in_approval') return `in_approval:${m.currentStep?.key ?? '?'}`;
  if (m.stage === 'closed') return `closed:${m.outcome}`;
  return String(m.stage);
}

export const zh = (t: Json | undefined): string => t?.zh ?? t?.en ?? '';

/** How an account the demo makes is named, after the demo users' style: 赵强（市科技创新局·审核）. */
const ROLE_TITLES: Record<string, string> = { manager: '项目负责人', approver: '审核', reform_office: '综改办', evaluator: '评估' };

/** The people the scenario needs, found among the demo users, or created by the admin when missing. */
export class Cast {
  private users: Json[] = [];
  private units: Json[] = [];

  constructor(private readonly o: Pick<ScenarioOptions, 'api' | 'admin' | 'passwords' | 'fallbackPassword' | 'timeline'>) {}

  async load(): Promise<void> {
    this.units = await this.o.api.get(this.o.admin, '/api/v1/units');
    this.users = await this.o.api.get(this.o.admin, '/api/v1/users');
  }

  unitId(code: string): string {
    const u = this.units.find((x) => x.code === code);
    if (!u) throw new Error(`no unit ${code}: is the seed loaded?`);
    return u.id;
  }

  unitName(id: string): string {
    return zh(this.units.find((x) => x.id === id)?.name) || id;
  }

  private person(u: Json): Person {
    return { ...(u as Person), password: this.o.passwords.get(u.email) ?? this.o.fallbackPassword };
  }

  /** Every active account whose password the demo knows (the demo users, and any it created). */
  people(): Person[] {
    return this.users.filter((u) => u.active && this.o.passwords.has(u.email)).map((u) => this.person(u));
  }

  byId(id: string): Person {
    const u = this.users.find((x) => x.id === id);
    if (!u) throw new Error(`no user ${id}`);
    return this.person(u);
  }

  /** Someone of this unit with this role: a demo user (without admin rights when there is a choice), or a new account. */
  async who(unitId: string, role: string): Promise<Person> {
    const fits = this.users.filter((u) => u.active && u.unitId === unitId && u.roles.includes(role) && this.o.passwords.has(u.email));
    const found = fits.find((u) => !u.roles.includes('admin')) ?? fits[0];
    if (found) return this.person(found);
    const code = this.units.find((u) => u.id === unitId)?.code ?? 'unit';
    const email = `demo.${role.replace(/_/g, '-')}.${code.toLowerCase()}@demo.reformflow.local`;
    const created = await this.o.api.post(this.o.admin, '/api/v1/users', {
      email,
      displayName: `${this.unitName(unitId).replace(/^深圳市/, '市')}·${ROLE_TITLES[role] ?? role}（演示）`,
      password: this.o.fallbackPassword,
      roles: [role],
      unitId,
    });
    this.users.push(created);
    this.o.passwords.set(email, this.o.fallbackPassword);
    this.o.timeline.note(`(created the account ${email}: no demo user is ${role} of ${this.unitName(unitId)})`);
    return this.person(created);
  }
}

/** Polls `read` until `done` holds; the last value either way. */
export async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs: number, intervalMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > deadline) return v;
    await sleep(intervalMs);
  }
}

export async function runScenario(o: ScenarioOptions): Promise<ScenarioResult> {
  const { api, timeline } = o;
  const cast = new Cast(o);
  await cast.load();
  const office = await cast.who(cast.unitId('SZ-CRO'), 'reform_office');
  const steps: StepRecord[] = [];

  const find = async (code: string): Promise<Json> => {
    const page = await api.get(office, `/api/v1/matters?q=${encodeURIComponent(code)}&pageSize=50`);
    const hit = (page.items as Json[]).find((m) => m.code === code);
    if (!hit) throw new Error(`the seeded matter ${code} is not there`);
    return api.get(office, `/api/v1/matters/${hit.id}`);
  };

  /** One story: its steps in order; a step that fails stops the story (the rest count as not reached). */
  const story = (name: string, code: string, planned: number, body: (s: StoryRun) => Promise<void>) => ({ name, code, planned, body });

  interface StoryRun {
    m: Json;
    /** Runs `act`, which returns the matter as it now stands, and records the state it reached. */
    step(label: string, expected: string, act: () => Promise<Json>, describe?: (m: Json) => string): Promise<Json>;
    /** A step whose state is not the matter's stage (mail sent, a notice acknowledged). */
    check(label: string, expected: string, actual: () => Promise<string>): Promise<void>;
  }

  const runStory = async (s: ReturnType<typeof story>): Promise<void> => {
    let m: Json;
    let recorded = 0;
    const record = (label: string, expected: string, actual: string) => {
      const ok = actual === expected;
      steps.push({ story: s.name, matter: s.code, label, expected, actual, ok, at: timeline.seconds() });
      recorded += 1;
      timeline.step(ok, `${s.code} ${label}${ok ? '' : `: expected ${expected}, got ${actual}`}`);
      if (!ok) throw new StoryStopped(label);
    };
    try {
      m = await find(s.code);
    } catch (e) {
      record('找到种子事项 (seeded matter found)', 'draft', `error: ${(e as Error).message}`);
      return;
    }
    const run: StoryRun = {
      m,
      async step(label, expected, act, describe) {
        let actual: string;
        try {
          run.m = await act();
          actual = stateOf(run.m);
        } catch (e) {
          actual = `error: ${(e as Error).message}`;
        }
        record(describe && !actual.startsWith('error') ? `${label}${describe(run.m)}` : label, expected, actual);
        return run.m;
      },
      async check(label, expected, actual) {
        let got: string;
        try {
          got = await actual();
        } catch (e) {
          got = `error: ${(e as Error).message}`;
        }
        record(label, expected, got);
      },
    };
    try {
      await s.body(run);
    } catch (e) {
      if (!(e instanceof StoryStopped)) {
        steps.push({
          story: s.name,
          matter: s.code,
          label: 'unexpected failure',
          expected: 'no error',
          actual: (e as Error).message,
          ok: false,
          at: timeline.seconds(),
        });
        timeline.step(false, `${s.code} stopped: ${(e as Error).message}`);
        recorded += 1;
      }
    }
    if (recorded < s.planned) {
      const left = s.planned - recorded;
      steps.push({
        story: s.name,
        matter: s.code,
        label: `${left} later step(s)`,
        expected: 'reached',
        actual: 'not reached',
        ok: false,
        at: timeline.seconds(),
      });
    }
  };

  // ---- the pieces every story uses ----

  const prepare = async (r: StoryRun, milestoneDue: string, milestone = { zh: '试点方案印发', en: 'Pilot plan issued' }) => {
    const manager = await cast.who(r.m.leadingUnitId, 'manager');
    await r.step(`起草：负责人 ${manager.displayName}，里程碑「${milestone.zh}」${milestoneDue} 后到期`, 'draft', async () => {
      const edited = await api.patch(office, `/api/v1/matters/${r.m.id}`, { managerId: manager.id }, r.m.version);
      const ms = r.m.milestones.length
        ? edited
        : await api.post(office, `/api/v1/matters/${r.m.id}/milestones`, { title: milestone, dueIn: milestoneDue }, edited.version);
      return ms;
    });
    return manager;
  };

  const submit = (r: StoryRun) => {
    const first = (m: Json) => m.currentStep?.key;
    return r
      .step('提交审批 by 市综合改革办', FIRST_STEP, () => api.post(office, `/api/v1/matters/${r.m.id}/submit`, {}, r.m.version))
      .then((m) => {
        // the chain is resolved at submission: record what it was
        timeline.note(
          `${r.m.code} approval chain: ${chainOf(m)
            .map((s) => zh(s.title))
            .join(' → ')} (first: ${first(m)})`,
        );
        return m;
      });
  };

  const chainOf = (m: Json): Json[] =>
    (m.approvalSteps as Json[]).filter((s) => s.round === m.approvalRound).sort((a, b) => a.position - b.position);

  /** What the matter becomes once the current step is approved. */
  const afterApproval = (m: Json): string => {
    const chain = chainOf(m);
    const i = chain.findIndex((s) => s.status === 'pending');
    return i + 1 < chain.length ? `in_approval:${chain[i + 1].key}` : 'approved';
  };

  const approveCurrent = async (r: StoryRun, comment = '同意。') => {
    const chain = chainOf(r.m);
    const step = r.m.currentStep as Json;
    const who = await cast.who(step.unitId, step.role);
    const i = chain.findIndex((s) => s.id === step.id);
    const extra = step.legalAuthorization && !zh(step.title).includes('授权') ? '，法律法规调整授权' : '';
    // the legal authorization decision records its instrument (003 item (14)), where the matter names what it adjusts
    const authorization = step.legalAuthorization && r.m.legalAdjustment ? LEGAL_INSTRUMENT(r.m) : undefined;
    return r.step(
      `批准 by ${who.displayName} (${zh(step.title)}${extra}, approval step ${i + 1}/${chain.length}${authorization ? `，${authorization.documentNumber}` : ''})`,
      afterApproval(r.m),
      () => api.post(who, `/api/v1/matters/${r.m.id}/approve`, { comment, ...(authorization ? { authorization } : {}) }, r.m.version),
    );
  };

  const approveAll = async (r: StoryRun) => {
    while (r.m.stage === 'in_approval') await approveCurrent(r);
  };

  const startImplementation = (r: StoryRun) =>
    r.step('启动实施 (start implementation)', 'in_implementation', () =>
      api.post(office, `/api/v1/matters/${r.m.id}/start-implementation`, {}, r.m.version),
    );

  const completeMilestones = async (r: StoryRun, manager: Person, note = '按期完成。') => {
    for (;;) {
      const open = (r.m.milestones as Json[]).filter((x) => !x.completedAt);
      if (open.length === 0) return;
      const last = open.length === 1;
      await r.step(
        `里程碑「${zh(open[0].title)}」完成 by ${manager.displayName}`,
        last ? 'in_evaluation' : 'in_implementation',
        () => api.post(manager, `/api/v1/matters/${r.m.id}/milestones/${open[0].id}/complete`, { note }, r.m.version),
        (m) => (last && m.evaluator ? `；评估人（自动指派）${cast.byId(m.evaluator.userId).displayName}` : ''),
      );
    }
  };

  const evaluator = async (r: StoryRun): Promise<Person> => {
    if (r.m.evaluator) return cast.byId(r.m.evaluator.userId);
    const jb = await cast.who(cast.unitId('SZ-JB'), 'evaluator');
    await r.step(`指派评估人 ${jb.displayName} by 市综合改革办`, 'in_evaluation', () =>
      api.post(office, `/api/v1/matters/${r.m.id}/evaluator`, { evaluatorId: jb.id }, r.m.version),
    );
    return jb;
  };

  const evaluate = async (r: StoryRun, verdict: 'replicable' | 'needs_adjustment' | 'ineffective') => {
    const who = await evaluator(r);
    const expected = { replicable: 'closed:replicated', needs_adjustment: 'in_implementation', ineffective: 'closed:closed_ineffective' }[
      verdict
    ];
    const words = { replicable: '可复制推广', needs_adjustment: '需调整', ineffective: '成效不明显' }[verdict];
    return r.step(`评估结论「${words}」(${verdict}) by ${who.displayName}`, expected, () =>
      api.post(who, `/api/v1/matters/${r.m.id}/evaluations`, evaluationBody(r.m, verdict, cast), r.m.version),
    );
  };

  /** The sent mail of one template that this matter caused, from its delivery log. */
  const sent = async (r: StoryRun, template: string): Promise<Json[]> => {
    const log = await api.get(office, `/api/v1/matters/${r.m.id}/deliveries?pageSize=200`);
    return (log.items as Json[]).filter((d) => d.template === template && d.state === 'sent');
  };

  // ---- the stories ----

  const approvalsFor = (risk: string, legal: boolean) =>
    2 + (risk === 'high' || risk === 'critical' ? 1 : 0) + (risk === 'critical' ? 1 : 0) + (legal ? 1 : 0);

  const stories = [
    story('every approval step', STORY_CODES.everyStep, 2 + approvalsFor('high', false) + 3, async (r) => {
      const manager = await prepare(r, 'PT60S');
      await submit(r);
      await approveAll(r);
      await startImplementation(r);
      await completeMilestones(r, manager);
      await evaluate(r, 'replicable');
    }),
    story('rejection and resubmission', STORY_CODES.rejected, 14, async (r) => {
      const manager = await prepare(r, 'PT60S', { zh: '外资项目服务专班组建', en: 'Foreign-investment service team set up' });
      await submit(r);
      await approveCurrent(r); // the leading unit agrees
      const step = r.m.currentStep as Json;
      const who = await cast.who(step.unitId, step.role);
      await r.step(`驳回 by ${who.displayName} (${zh(step.title)})：「请补充外资准入风险及应对措施」`, 'draft', () =>
        api.post(who, `/api/v1/matters/${r.m.id}/reject`, { comment: '请补充外资准入风险及应对措施后重新提交。' }, r.m.version),
      );
      await r.step('按意见修改：补充风险「外资准入政策变化」及应对措施', 'draft', () =>
        api.patch(
          office,
          `/api/v1/matters/${r.m.id}`,
          {
            risks: [
              ...(r.m.risks as Json[]),
              {
                description: '外资准入政策变化导致项目落地延迟',
                likelihood: 'medium',
                impact: 'medium',
                mitigation: '与商务部门建立月度会商机制，提前评估负面清单调整',
              },
            ],
          },
          r.m.version,
        ),
      );
      await r.step('重新提交 (resubmitted)', FIRST_STEP, () => api.post(office, `/api/v1/matters/${r.m.id}/submit`, {}, r.m.version));
      await approveAll(r);
      await startImplementation(r);
      const target = (r.m.targets as Json[])[0];
      if (target) {
        await r.step(`进展报告：${zh(target.indicator)} = ${target.targetValue / 2} ${target.unit}`, 'in_implementation', () =>
          api.post(
            manager,
            `/api/v1/matters/${r.m.id}/progress`,
            { targetId: target.id, value: target.targetValue / 2, asOf: today(), note: '完成过半' },
            r.m.version,
          ),
        );
      }
      await completeMilestones(r, manager);
      await evaluate(r, 'needs_adjustment');
      await completeMilestones(r, manager, '调整后的措施已落实。');
      await evaluate(r, 'replicable');
    }),
    story('legal authorization', STORY_CODES.legal, 2 + approvalsFor('medium', true) + 4, async (r) => {
      const manager = await prepare(r, 'PT60S', {
        zh: '国际快递业务许可审批下放方案报批',
        en: 'Devolved express licensing plan submitted',
      });
      await submit(r);
      while (r.m.stage === 'in_approval' && !r.m.currentStep?.legalAuthorization) await approveCurrent(r);
      await r.check('等待全国人大常委会授权调整法律规定，里程碑计时暂停', 'paused', async () => {
        const m = await api.get(office, `/api/v1/matters/${r.m.id}`);
        r.m = m;
        return m.currentStep?.legalAuthorization ? 'paused' : stateOf(m);
      });
      await sleep(2_000);
      await approveAll(r);
      await startImplementation(r);
      await completeMilestones(r, manager);
      await evaluate(r, 'replicable');
    }),
    story('missed milestone', STORY_CODES.missed, 2 + approvalsFor('medium', false) + 8, async (r) => {
      const manager = await prepare(r, 'PT8S', { zh: '薪酬制度试点方案印发', en: 'Salary pilot plan issued' });
      await submit(r);
      await approveAll(r);
      await startImplementation(r);
      await r.check('里程碑到期前提醒 ×3 (PT2S, PT1S, PT0S) 已发出', 'sent:3', async () => {
        const mails = await until(
          () => sent(r, 'deadline-reminder'),
          (x) => x.length >= 3,
          30_000,
        );
        return `sent:${mails.length}`;
      });
      const overdue = await until(
        () => api.get(office, `/api/v1/matters/${r.m.id}`),
        (m) => m.overdue === true,
        15_000,
      );
      r.m = overdue;
      const notice = await r.step('逾期：市综合改革办发出催办「请说明延误原因并尽快完成」', 'in_implementation', () =>
        api.post(office, `/api/v1/matters/${r.m.id}/urge-notices`, { message: '里程碑已逾期，请说明延误原因并尽快完成。' }, r.m.version),
      );
      await r.check(`催办邮件已送达 ${manager.displayName}`, 'sent', async () => {
        const mails = await until(
          () => sent(r, 'urge-notice'),
          (x) => x.length >= 1,
          20_000,
        );
        return mails.length ? 'sent' : 'not sent';
      });
      const open = (notice.urgeNotices as Json[]).find((n) => !n.acknowledgedAt)!;
      r.m = await api.get(office, `/api/v1/matters/${r.m.id}`);
      await r.step(`催办确认 by ${manager.displayName}：「已收到，今日完成」`, 'in_implementation', () =>
        api.post(manager, `/api/v1/matters/${r.m.id}/urge-notices/${open.id}/acknowledge`, { response: '已收到，今日完成。' }, r.m.version),
      );
      await r.check('逾期督办第1、2级已发出 (escalation)', 'sent:2', async () => {
        const mails = await until(
          () => sent(r, 'deadline-escalation'),
          (x) => x.length >= 2,
          30_000,
        );
        return `sent:${Math.min(mails.length, 2)}`;
      });
      await completeMilestones(r, manager, '逾期完成。');
      await evaluate(r, 'ineffective');
    }),
    story('replicable', STORY_CODES.plain, 2 + approvalsFor('low', false) + 4, async (r) => {
      const manager = await prepare(r, 'PT60S', { zh: '生产性服务业国际化行动计划印发', en: 'Producer services action plan issued' });
      await submit(r);
      await approveAll(r);
      await startImplementation(r);
      const target = (r.m.targets as Json[])[0];
      if (target) {
        await r.step(`进展报告：${zh(target.indicator)} = ${target.targetValue} ${target.unit}`, 'in_implementation', () =>
          api.post(
            manager,
            `/api/v1/matters/${r.m.id}/progress`,
            { targetId: target.id, value: target.targetValue, asOf: today() },
            r.m.version,
          ),
        );
      }
      await completeMilestones(r, manager);
      await evaluate(r, 'replicable');
    }),
  ];

  timeline.total = stories.reduce((n, s) => n + s.planned, 0) + 1; // + the report
  await Promise.all(stories.map((s) => runStory(s)));
  const report = await issueReport(o, office, timeline);
  steps.push({
    story: 'replication report',
    matter: '-',
    label: 'replication report issued',
    expected: REPLICABLE_CODES.join(','),
    actual: report.problem ?? report.codes.join(','),
    ok: report.ok,
    at: timeline.seconds(),
  });
  return { steps, report };
}

const today = () => new Date().toISOString().slice(0, 10);

/** A complete evaluation of this verdict for the demo workflow's rubric and every target of the matter. */
function evaluationBody(m: Json, verdict: string, cast: { unitName(id: string): string }): Json {
  const title = zh(m.title);
  const sections =
    verdict === 'replicable'
      ? {
          experience: {
            title: { zh: `${title}的做法`, en: `${m.title?.en ?? m.code}: the practice` },
            practice: {
              zh: `${cast.unitName(m.leadingUnitId)}牵头，按“${title}”的实施方案分步推进，形成制度文件和操作规程。\n\n实施中建立月度会商和问题清单机制。`,
            },
            conditions: { zh: '具备相应的市级统筹机制和部门协同基础。' },
            regions: ['粤港澳大湾区城市', '国家综合改革试点地区'],
            fields: [String(m.policyArea)],
          },
        }
      : verdict === 'needs_adjustment'
        ? {
            adjustment: {
              plan: '扩大试点范围并补充配套措施。',
              addMilestones: [{ title: { zh: '调整后配套措施落实', en: 'Adjusted measures in place' }, dueIn: 'PT60S' }],
            },
          }
        : { lessons: '里程碑逾期，试点措施未达到预期效果：需先理顺部门职责再推进。' };
  return {
    verdict,
    narrative: verdict === 'ineffective' ? '试点推进迟缓，目标未达成。' : '试点按计划推进，目标基本达成。',
    scores: { effectiveness: 4, institutional_innovation: 4, replicability: verdict === 'replicable' ? 5 : 2, risk_control: 4 },
    results: (m.targets as Json[]).map((t) => ({
      targetId: t.id,
      actualValue: verdict === 'ineffective' ? (t.baseline ?? 0) : t.targetValue,
      evidence: { text: '深圳市统计局季度数据（演示）', links: [] },
    })),
    ...sections,
  };
}

/** The reform office issues a replication report; its documents are saved under outDir. */
async function issueReport(o: ScenarioOptions, office: Person, timeline: Timeline): Promise<ReportRecord> {
  const record: ReportRecord = { ok: false, number: null, expectedCodes: REPLICABLE_CODES, codes: [], files: [], problem: null };
  let report: Json;
  try {
    report = await o.api.post(office, '/api/v1/replication-reports', {
      title: { zh: '深圳综合改革试点经验复制推广（演示）', en: 'Shenzhen comprehensive reform pilot: experiences to replicate (demo)' },
    });
  } catch (e) {
    record.problem =
      e instanceof ApiError && e.status === 404
        ? 'POST /replication-reports answered 404: the replication report endpoint is not in the api yet'
        : `POST /replication-reports failed: ${(e as Error).message}`;
    timeline.step(false, `复制推广报告未能发布：${record.problem}`);
    return record;
  }
  record.number = report.number ?? null;
  record.codes = ((report.groups ?? []) as Json[])
    .flatMap((g) => ((g.experiences ?? []) as Json[]).map((x) => x.matter?.code as string))
    .sort();
  mkdirSync(o.outDir, { recursive: true });
  const problems: string[] = [];
  for (const [format, ext] of [
    ['md', 'md'],
    ['html', 'html'],
    ['pdf', 'pdf'],
  ] as const) {
    try {
      const doc = await o.api.download(office, `/api/v1/replication-reports/${report.number}?format=${format}&lang=zh-CN`);
      if (doc.status !== 200) {
        problems.push(`${format}: HTTP ${doc.status}`);
        continue;
      }
      const file = join(o.outDir, `replication-report-${report.number}.${ext}`);
      writeFileSync(file, doc.bytes);
      record.files.push(file);
    } catch (e) {
      problems.push(`${format}: ${(e as Error).message}`);
    }
  }
  const listed = record.codes.join(',') === REPLICABLE_CODES.join(',');
  record.ok = listed && problems.length === 0;
  if (!listed) record.problem = `the report lists ${record.codes.join(', ') || 'nothing'}; expected ${REPLICABLE_CODES.join(', ')}`;
  else if (problems.length) record.problem = `documents: ${problems.join('; ')}`;
  timeline.step(
    record.ok,
    `复制推广报告第${report.number}期已发布 by 市综合改革办：${record.codes.length} 项经验（${record.codes.join('、')}）${record.problem ? `: ${record.problem}` : ''}`,
  );
  return record;
}
