import type { Role, Verdict } from '#domain';
import type { ApiHarness } from './api-harness.js';
import { PASSWORD } from './config.js';

/**
 * A small reform office, built over the admin endpoints: the units an approval chain
 * needs, two municipal bureaus and a justice bureau, and a user for every role.
 */
export const UNIT_SPECS = {
  office: { code: 'SZ-CRO' }, // created by the first start
  province: { code: 'GD-GOV', name: { zh: '广东省人民政府', en: "Guangdong Provincial People's Government" }, kind: 'provincial' },
  nation: { code: 'NDRC', name: { zh: '国家发展和改革委员会', en: 'National Development and Reform Commission' }, kind: 'national' },
  // who authorizes an adjustment of law (003 item (14)): the reform-pilot chain's legal_authority step
  npcsc: {
    code: 'NPCSC',
    name: { zh: '全国人民代表大会常务委员会', en: "Standing Committee of the National People's Congress" },
    kind: 'national',
  },
  council: { code: 'STATE-COUNCIL', name: { zh: '国务院', en: 'State Council' }, kind: 'national' },
  group: {
    code: 'SZ-LG',
    name: { zh: '市委全面深化改革委员会', en: 'Municipal leading group for comprehensively deepening reform' },
    kind: 'leading_group',
  },
  stic: {
    code: 'SZ-STIC',
    name: { zh: '深圳市科技创新局', en: 'Shenzhen Municipal Science, Technology and Innovation Commission' },
    kind: 'municipal_bureau',
  },
  commerce: { code: 'SZ-COMMERCE', name: { zh: '深圳市商务局', en: 'Shenzhen Municipal Commerce Bureau' }, kind: 'municipal_bureau' },
  justice: { code: 'SZ-JUSTICE', name: { zh: '深圳市司法局', en: 'Shenzhen Municipal Justice Bureau' }, kind: 'municipal_bureau' },
} as const;

export type UnitKey = keyof typeof UNIT_SPECS;

interface UserSpec {
  unit: UnitKey;
  roles: Role[];
  locale?: 'zh-CN' | 'en';
}
const user = (unit: UnitKey, roles: Role[], locale?: 'zh-CN' | 'en'): UserSpec => ({ unit, roles, ...(locale ? { locale } : {}) });

export const USER_SPECS = {
  office: user('office', ['reform_office']),
  sticManager: user('stic', ['manager']),
  sticApprover: user('stic', ['approver']),
  sticEvaluator: user('stic', ['evaluator']),
  commerceManager: user('commerce', ['manager'], 'en'),
  commerceApprover: user('commerce', ['approver']),
  justiceManager: user('justice', ['manager']),
  justiceApprover: user('justice', ['approver']),
  justiceEvaluator: user('justice', ['evaluator']),
  provinceApprover: user('province', ['approver']),
  nationApprover: user('nation', ['approver']),
  npcscApprover: user('npcsc', ['approver']),
  councilApprover: user('council', ['approver']),
};
export type UserKey = keyof typeof USER_SPECS;
/** Any test user, or the first admin. */
export type Who = UserKey | 'admin';

export interface ApiWorld {
  api: ApiHarness;
  admin: string;
  units: Record<UnitKey, string>;
  users: Record<UserKey, { id: string; token: string }>;
  batchId: string;
  /** Drafts a matter as the reform office; overrides merge into a complete valid body. */
  draft(overrides?: Record<string, unknown>, as?: Who): Promise<MatterBody>;
  /** POSTs an action with the matter's current version; returns the response. */
  act(
    who: Who,
    matter: { id: string; version: number },
    action: string,
    body?: Record<string, unknown>,
  ): Promise<import('supertest').Response>;
  get(who: Who, matterId: string): Promise<MatterBody>;
  token(who: Who): string;
  /** One more person beyond USER_SPECS (a second manager, a deputy), created by the admin and signed in. */
  addUser(email: string, unit: UnitKey, roles: Role[], displayName: string): Promise<{ id: string; email: string; token: string }>;
  /**
   * Evaluates a matter in evaluation: the reform office assigns the justice bureau's
   * evaluator if none is assigned, who then logs a complete evaluation of this verdict.
   * Returns the response to the evaluation.
   */
  evaluate(m: MatterBody, verdict: Verdict, overrides?: Record<string, unknown>): Promise<import('supertest').Response>;
}

/** A score for every criterion of the reform-pilot rubric. */
export const PILOT_SCORES = { effectiveness: 4, institutional_innovation: 4, replicability: 5, risk_control: 3 };

/** A complete evaluation body of this verdict, for the reform-pilot rubric and every target of the matter. */
export function evaluationBody(m: MatterBody, verdict: Verdict, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const sections =
    verdict === 'replicable'
      ? {
          experience: {
            title: { zh: '新型研发机构市场化薪酬管理', en: 'Market salaries for new R&D institutions' },
            practice: { zh: '机构按市场薪酬水平自主确定薪酬，总量封顶。\n\n封顶线每年复核。' },
            conditions: { zh: '省级薪酬制度允许按机构设定总量。' },
            regions: ['粤港澳大湾区城市'],
            fields: ['科技体制改革'],
          },
        }
      : verdict === 'needs_adjustment'
        ? { adjustment: { plan: '扩大到区级机构', addMilestones: [{ title: { zh: '区级机构纳入试点' }, dueIn: 'P60D' }] } }
        : { lessons: '仅靠薪酬封顶不足以吸引科研人员。' };
  return {
    verdict,
    narrative: '十家机构采用该制度，人员流失率下降。',
    scores: PILOT_SCORES,
    results: (m.targets as Array<{ id: string; targetValue: number }>).map((t) => ({
      targetId: t.id,
      actualValue: t.targetValue,
      evidence: { text: '深圳市统计局 2026 年第三季度数据', links: ['https://tjj.sz.gov.cn/report/2026q3'] },
    })),
    ...sections,
    ...overrides,
  };
}

export type MatterBody = Record<string, any> & { id: string; version: number; stage: string };

export async function buildWorld(api: ApiHarness, workflow = 'reform-pilot'): Promise<ApiWorld> {
  const admin = await api.login('admin@reformflow.local');
  const auth = { Authorization: `Bearer ${admin}` };
  const existing = (await api.http.get('/api/v1/units').set(auth)).body as Array<{ id: string; code: string }>;
  const units = {} as Record<UnitKey, string>;
  for (const [key, spec] of Object.entries(UNIT_SPECS) as Array<[UnitKey, (typeof UNIT_SPECS)[UnitKey]]>) {
    const found = existing.find((u) => u.code === spec.code);
    if (found) {
      units[key] = found.id;
      continue;
    }
    const res = await api.http.post('/api/v1/units').set(auth).send(spec);
    if (res.status !== 201) throw new Error(`creating unit ${spec.code}: ${res.status} ${JSON.stringify(res.body)}`);
    units[key] = res.body.id;
  }
  const users = {} as ApiWorld['users'];
  for (const [key, spec] of Object.entries(USER_SPECS) as Array<[UserKey, UserSpec]>) {
    const email = `${key.toLowerCase()}@reformflow.test`;
    const res = await api.http
      .post('/api/v1/users')
      .set(auth)
      .send({
        email,
        displayName: key,
        password: PASSWORD,
        roles: spec.roles,
        unitId: units[spec.unit],
        ...(spec.locale ? { locale: spec.locale } : {}),
      });
    if (res.status !== 201) throw new Error(`creating user ${key}: ${res.status} ${JSON.stringify(res.body)}`);
    users[key] = { id: res.body.id, token: await api.login(email, PASSWORD) };
  }
  const token = (who: Who) => (who === 'admin' ? admin : users[who].token);
  const batch = await api.http
    .post('/api/v1/batches')
    .set({ Authorization: `Bearer ${token('office')}` })
    .send({
      code: 'SZ-TEST-BATCH',
      title: { zh: '测试批次', en: 'Test batch' },
      issuingAuthority: 'Test authority',
      issuedOn: '2024-08-30',
      workflow,
    });
  if (batch.status !== 201) throw new Error(`creating batch: ${batch.status} ${JSON.stringify(batch.body)}`);

  let counter = 0;
  const world: ApiWorld = {
    api,
    admin,
    units,
    users,
    batchId: batch.body.id,
    token,
    async addUser(email, unit, roles, displayName) {
      const res = await api.http
        .post('/api/v1/users')
        .set(auth)
        .send({ email, displayName, password: PASSWORD, roles, unitId: units[unit] });
      if (res.status !== 201) throw new Error(`creating user ${email}: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.id as string, email, token: await api.login(email, PASSWORD) };
    },
    async draft(overrides = {}, as = 'office') {
      counter += 1;
      const body = {
        batchId: batch.body.id,
        code: `T-${String(counter).padStart(3, '0')}`,
        title: { zh: '新型研发机构市场化薪酬管理制度', en: 'Market-oriented salary management for new-type R&D institutions' },
        description: { en: 'Explore market-oriented salary management systems for new-type R&D institutions.' },
        kind: 'innovation_experiment',
        policyArea: 'science_technology',
        leadingUnitId: units.stic,
        participatingUnitIds: [units.commerce],
        managerId: users.sticManager.id,
        targets: [
          { indicator: { zh: '试点机构数', en: 'Institutions piloting' }, baseline: 0, targetValue: 10, unit: '家', byDate: '2027-12-31' },
        ],
        riskLevel: 'medium',
        risks: [
          { description: 'Salary disparity between institutions', likelihood: 'medium', impact: 'low', mitigation: 'Caps per grade' },
        ],
        requiresLegalAuthorization: false,
        milestones: [{ title: { zh: '试点方案印发', en: 'Pilot plan issued' }, dueIn: 'P90D' }],
        ...overrides,
      };
      const res = await api.http
        .post('/api/v1/matters')
        .set({ Authorization: `Bearer ${token(as)}` })
        .send(body);
      if (res.status !== 201) throw new Error(`drafting: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    act(who, matter, action, body = {}) {
      return api.http
        .post(`/api/v1/matters/${matter.id}/${action}`)
        .set({ Authorization: `Bearer ${token(who)}`, 'If-Match': `"${matter.version}"` })
        .send(body);
    },
    async evaluate(m, verdict, overrides = {}) {
      let cur = m;
      if (!cur.evaluator) {
        const res = await world.act('office', cur, 'evaluator', { evaluatorId: users.justiceEvaluator.id });
        if (res.status !== 200) throw new Error(`assigning an evaluator: ${res.status} ${JSON.stringify(res.body)}`);
        cur = res.body;
      }
      return world.act('justiceEvaluator', cur, 'evaluations', evaluationBody(cur, verdict, overrides));
    },
    async get(who, matterId) {
      const res = await api.http.get(`/api/v1/matters/${matterId}`).set({ Authorization: `Bearer ${token(who)}` });
      if (res.status !== 200) throw new Error(`reading: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
  return world;
}

/** The user who decides a step: its unit and role. */
export function deciderOf(world: ApiWorld, step: { unitId: string; role: Role }): UserKey {
  const unit = (Object.keys(world.units) as UnitKey[]).find((k) => world.units[k] === step.unitId);
  const user = (Object.keys(USER_SPECS) as UserKey[]).find((k) => USER_SPECS[k].unit === unit && USER_SPECS[k].roles.includes(step.role));
  if (!user) throw new Error(`no test user decides ${step.role} for unit ${unit}`);
  return user;
}

/** The response's body when its status is the one expected; otherwise fails with what came back. */
export function expectStatus(res: { status: number; body: MatterBody }, status = 200): MatterBody {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A matter drafted with `overrides`, submitted by its manager, approved by each step's decider,
 * started and its milestones completed: in evaluation, as the last milestone leaves it.
 */
export async function inEvaluation(world: ApiWorld, overrides: Record<string, unknown> = {}): Promise<MatterBody> {
  let m = await world.draft(overrides);
  m = expectStatus(await world.act('sticManager', m, 'submit'));
  while (m.stage === 'in_approval') m = expectStatus(await world.act(deciderOf(world, m.currentStep), m, 'approve', {}));
  m = expectStatus(await world.act('sticManager', m, 'start-implementation'));
  for (const ms of m.milestones) m = expectStatus(await world.act('sticManager', m, `milestones/${ms.id}/complete`, {}));
  if (m.stage !== 'in_evaluation') throw new Error(`expected the matter in evaluation, it is ${m.stage}`);
  return m;
}

/** A matter taken through evaluation to a replicable verdict: closed as replicated, its experience recorded. */
export async function replicated(world: ApiWorld, overrides: Record<string, unknown> = {}): Promise<MatterBody> {
  return expectStatus(await world.evaluate(await inEvaluation(world, overrides), 'replicable'), 201);
}
