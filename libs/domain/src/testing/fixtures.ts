/**
 * Test data for domain tests: a small world of units and users, a definition shaped
 * like the production one, and a context builder. Not exported from the library's
 * index: tests import it by path.
 */
import { randomUUID } from 'node:crypto';
import type { DecisionContext, Directory } from '../matters/decide.js';
import { WEEKENDS_ONLY } from '../time/business-calendar.js';
import type { CommandOf } from '../matters/commands.js';
import type { Matter, MatterPlan } from '../matters/matter.js';
import type { Verdict } from '../matters/vocabulary.js';
import type { Actor, Role } from '../users/actor.js';
import type { WorkflowDefinition, WorkflowDefinitionBody } from '../workflow/definition.js';

export const UNITS = {
  office: 'u-office',
  province: 'u-province',
  nation: 'u-nation',
  group: 'u-group',
  stic: 'u-stic',
  commerce: 'u-commerce',
  justice: 'u-justice',
} as const;

const policy = { reminders: ['P1D', 'PT0S'], escalation: [{ level: 1, notify: ['responsible_manager'] as const, after: 'P1D' }] };

export const DEFINITION_BODY: WorkflowDefinitionBody = {
  name: 'test',
  title: { en: 'Test workflow' },
  timeZone: 'Asia/Shanghai',
  authorities: { reform_office: 'SZ-CRO', provincial_government: 'GD-GOV', national_authority: 'NDRC', leading_group: 'SZ-LG' },
  stages: {
    draft: { due: 'P30D', ...policy },
    in_approval: { due: 'P60D', ...policy },
    approved: { due: 'P15D', ...policy },
    in_implementation: { due: 'P1Y', ...policy },
    in_evaluation: { due: 'P60D', ...policy },
  },
  approval: {
    ...policy,
    steps: [
      {
        key: 'unit-review',
        title: { en: 'Leading unit review' },
        role: 'approver',
        unit: 'leading_unit',
        legalAuthorization: false,
        due: 'P10D',
      },
      {
        key: 'office-review',
        title: { en: 'Reform office review' },
        role: 'reform_office',
        unit: 'reform_office',
        legalAuthorization: false,
        due: 'P10D',
      },
      {
        key: 'province',
        title: { en: 'Provincial review' },
        role: 'approver',
        unit: 'provincial_government',
        when: { riskAtLeast: 'high' },
        legalAuthorization: false,
        due: 'P20D',
      },
      {
        key: 'legal',
        title: { en: 'Legal authorization' },
        role: 'approver',
        unit: 'national_authority',
        when: { requiresLegalAuthorization: true },
        legalAuthorization: true,
        due: 'P90D',
      },
    ],
  },
  milestones: policy,
  progressReports: {
    every: 'P1M',
    byRisk: [
      { riskAtLeast: 'high', every: 'P14D' },
      { riskAtLeast: 'critical', every: 'P7D' },
    ],
    ...policy,
  },
  urgeNotices: { acknowledgeWithin: 'P3D', ...policy },
  evaluation: {
    pool: [],
    rubric: [
      { key: 'effectiveness', title: { zh: '实施成效', en: 'Effectiveness' }, min: 1, max: 5 },
      { key: 'replicability', title: { zh: '可复制推广性', en: 'Replicability' }, min: 1, max: 5 },
    ],
  },
  deliveryStatus: {
    offTrack: [{ overdueBy: 'P14D' }, { escalationAtLeast: 2 }, { behindPlanBy: 25 }],
    atRisk: [{ overdueBy: 'PT0S' }, { dueWithin: 'P3D' }, { behindPlanBy: 10 }, { urgeNoticeOpen: true }],
  },
};

export const DEFINITION: WorkflowDefinition = { id: 'def-1', name: 'test', version: 1, body: DEFINITION_BODY };

export const AUTHORITY_UNITS = {
  reform_office: UNITS.office,
  provincial_government: UNITS.province,
  national_authority: UNITS.nation,
  leading_group: UNITS.group,
};

const actor = (userId: string, unitId: string, ...roles: Role[]): Actor => ({ userId, unitId, roles });

export const ACTORS = {
  admin: actor('admin', UNITS.office, 'admin'),
  office: actor('office', UNITS.office, 'reform_office'),
  sticManager: actor('stic-manager', UNITS.stic, 'manager'),
  sticManager2: actor('stic-manager-2', UNITS.stic, 'manager'),
  sticApprover: actor('stic-approver', UNITS.stic, 'approver'),
  sticEvaluator: actor('stic-evaluator', UNITS.stic, 'evaluator'),
  commerceManager: actor('commerce-manager', UNITS.commerce, 'manager'),
  commerceApprover: actor('commerce-approver', UNITS.commerce, 'approver'),
  justiceEvaluator: actor('justice-evaluator', UNITS.justice, 'evaluator'),
  commerceEvaluator: actor('commerce-evaluator', UNITS.commerce, 'evaluator'),
  provinceApprover: actor('province-approver', UNITS.province, 'approver'),
  nationApprover: actor('nation-approver', UNITS.nation, 'approver'),
} as const;

export const DIRECTORY: Directory = {
  unit: (id) => ((Object.values(UNITS) as string[]).includes(id) ? { id } : undefined),
  user: (id) => {
    const a = Object.values(ACTORS).find((x) => x.userId === id);
    return a ? { id: a.userId, unitId: a.unitId, roles: a.roles, active: true } : undefined;
  },
};

export function context(actorOrKey: Actor | keyof typeof ACTORS, now: Date, overrides: Partial<DecisionContext> = {}): DecisionContext {
  return {
    actor: typeof actorOrKey === 'string' ? ACTORS[actorOrKey] : actorOrKey,
    now,
    definition: DEFINITION,
    authorityUnits: AUTHORITY_UNITS,
    directory: DIRECTORY,
    calendar: WEEKENDS_ONLY,
    newId: randomUUID,
    ...overrides,
  };
}

export function plan(overrides: Partial<MatterPlan> = {}): MatterPlan {
  return {
    code: 'OP24-01-01',
    title: { zh: '新型研发机构市场化薪酬管理制度', en: 'Market-oriented salary management for new-type R&D institutions' },
    description: { en: 'Explore market-oriented salary management systems for new-type R&D institutions.' },
    kind: 'innovation_experiment',
    policyArea: 'science_technology',
    leadingUnitId: UNITS.stic,
    participatingUnitIds: [UNITS.commerce],
    managerId: ACTORS.sticManager.userId,
    targets: [{ indicator: { en: 'Institutions piloting' }, baseline: 0, targetValue: 10, unit: 'institutions', byDate: '2026-12-31' }],
    riskLevel: 'medium',
    risks: [{ description: 'Salary disparity', likelihood: 'medium', impact: 'low', mitigation: 'Caps per grade' }],
    requiresLegalAuthorization: false,
    ...overrides,
  };
}

/** A complete, valid evaluation of `m` with the given verdict; `overrides` replace top-level fields. */
export function evaluationOf(
  m: Matter,
  verdict: Verdict,
  overrides: Partial<CommandOf<'log_evaluation'>> = {},
): CommandOf<'log_evaluation'> {
  const sections: Partial<CommandOf<'log_evaluation'>> =
    verdict === 'replicable'
      ? {
          experience: {
            title: { zh: '新型研发机构市场化薪酬', en: 'Market salaries for new R&D institutions' },
            practice: { en: 'Institutions set salaries by market benchmarks within a total cap.\n\nThe cap is reviewed yearly.' },
            conditions: { en: 'A provincial salary framework that allows caps per institution.' },
            regions: ['Guangdong-Hong Kong-Macao Greater Bay Area cities'],
            fields: ['science and technology'],
          },
        }
      : verdict === 'needs_adjustment'
        ? {
            adjustment: {
              plan: 'Narrow the pilot to two institutions',
              addMilestones: [{ title: { en: 'Revised pilot' }, due: { in: 'P30D' } }],
            },
          }
        : { lessons: 'Salary caps alone did not attract researchers.' };
  return {
    type: 'log_evaluation',
    verdict,
    narrative: 'Ten institutions adopted the system; turnover fell.',
    scores: { effectiveness: 4, replicability: verdict === 'replicable' ? 5 : 2 },
    results: m.targets.map((t) => ({
      targetId: t.id,
      actualValue: t.targetValue,
      evidence: { text: 'Municipal statistics, 2026 Q3', links: ['https://tjj.sz.gov.cn/report/2026q3'] },
    })),
    ...sections,
    ...overrides,
  };
}
