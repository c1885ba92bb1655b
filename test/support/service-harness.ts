import { Test, type TestingModule } from '@nestjs/testing';
import type { Actor, AuthorizationInput, LogEvaluation, Matter, MatterCommand, MilestoneInput, Role, Verdict } from '#domain';
import { evaluationOf } from '../../libs/domain/src/testing/fixtures.js';
import { ConfigModule } from '#config';
import { Db, PersistenceModule } from '#persistence';
import { Bootstrap, DraftMatter, RunMatterCommand, UnitAdmin, UserAdmin, WorkflowModule } from '#workflow';
import { PASSWORD, testConfig } from './config.js';
import { type TestDatabase, createTestDatabase } from './databases.js';

/** The persistence and use-case layers on their own database, without HTTP. */
export interface ServiceHarness {
  module: TestingModule;
  db: Db;
  database: TestDatabase;
  get<T>(type: new (...args: never[]) => T): T;
  close(): Promise<void>;
}

export async function startServices(env: Record<string, string> = {}): Promise<ServiceHarness> {
  const database = await createTestDatabase();
  const config = testConfig({ DATABASE_URL: database.url, ...env });
  const module = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), PersistenceModule, WorkflowModule] }).compile();
  await module.init();
  await module.get(Bootstrap).syncDefinitions();
  return {
    module,
    db: module.get(Db),
    database,
    get: (type) => module.get(type),
    async close() {
      await module.close();
      await database.drop();
    },
  };
}

/** A score for every criterion of the reform-pilot rubric (config/workflows/reform-pilot.yaml). */
export const PILOT_SCORES = { effectiveness: 4, institutional_innovation: 4, replicability: 5, risk_control: 3 };

/** What a test matter adjusts when it needs legal authorization: a regulation, so the State Council decides (003 item (14)). */
export const LEGAL_ADJUSTMENT = { level: 'administrative_regulation' as const, name: '快递暂行条例' };

/** The instrument the decision of a legal-authorization step records; undefined for every other step. */
export function instrumentFor(m: Matter): AuthorizationInput | undefined {
  const step = m.approvalSteps.find((s) => s.round === m.approvalRound && s.status === 'pending');
  if (!step?.legalAuthorization || !m.legalAdjustment) return undefined;
  return {
    title: '关于同意在深圳市暂时调整实施有关行政法规规定的批复',
    documentNumber: '国函〔2026〕1号',
    issuedOn: '2026-01-05',
    scope: '测试',
    validFor: 'P3Y',
  };
}

const UNITS = {
  office: ['SZ-CRO', 'reform_office'],
  province: ['GD-GOV', 'provincial'],
  nation: ['NDRC', 'national'],
  // who authorizes an adjustment of law (003 item (14)): the reform-pilot chain's legal_authority step
  npcsc: ['NPCSC', 'national'],
  council: ['STATE-COUNCIL', 'national'],
  group: ['SZ-LG', 'leading_group'],
  stic: ['SZ-STIC', 'municipal_bureau'],
  commerce: ['SZ-COMMERCE', 'municipal_bureau'],
  justice: ['SZ-JUSTICE', 'municipal_bureau'],
} as const;
type UnitKey = keyof typeof UNITS;

const ACTORS: Record<string, [UnitKey, Role[]]> = {
  admin: ['office', ['admin']],
  office: ['office', ['reform_office']],
  sticManager: ['stic', ['manager']],
  sticApprover: ['stic', ['approver']],
  sticEvaluator: ['stic', ['evaluator']],
  commerceManager: ['commerce', ['manager']],
  commerceApprover: ['commerce', ['approver']],
  justiceManager: ['justice', ['manager']],
  justiceApprover: ['justice', ['approver']],
  justiceEvaluator: ['justice', ['evaluator']],
  provinceApprover: ['province', ['approver']],
  nationApprover: ['nation', ['approver']],
  npcscApprover: ['npcsc', ['approver']],
  councilApprover: ['council', ['approver']],
};
export type ActorKey = keyof typeof ACTORS;

export interface ServiceWorld {
  units: Record<UnitKey, string>;
  actors: Record<ActorKey, Actor>;
  batchId: string;
  draft(by?: ActorKey, overrides?: Record<string, unknown>, milestones?: MilestoneInput[]): Promise<Matter>;
  run(by: ActorKey | Actor, m: Pick<Matter, 'id' | 'version'>, command: MatterCommand): Promise<Matter>;
  /** Who decides a matter's current step. */
  decider(m: Matter): Actor;
  /**
   * Evaluates a matter in evaluation with a complete evaluation of this verdict: the reform
   * office assigns the justice bureau's evaluator first if none is assigned.
   */
  evaluate(m: Matter, verdict: Verdict, overrides?: Partial<LogEvaluation>): Promise<Matter>;
}

/** Units, one user per role, and a batch, created through the admin use cases. */
export async function seedWorld(h: ServiceHarness, workflow = 'reform-pilot'): Promise<ServiceWorld> {
  const unitAdmin = h.get(UnitAdmin);
  const userAdmin = h.get(UserAdmin);
  const system: Actor = { userId: '00000000-0000-4000-8000-000000000000', unitId: '', roles: ['admin'] };
  const units = {} as Record<UnitKey, string>;
  for (const [key, [code, kind]] of Object.entries(UNITS) as Array<[UnitKey, (typeof UNITS)[UnitKey]]>) {
    units[key] = (await unitAdmin.create(system, { code, name: { zh: code, en: code }, kind })).id;
  }
  const actors = {} as Record<ActorKey, Actor>;
  for (const [key, [unit, roles]] of Object.entries(ACTORS)) {
    const u = await userAdmin.create(null, {
      email: `${key.toLowerCase()}@reformflow.test`,
      displayName: key,
      password: PASSWORD,
      roles,
      unitId: units[unit],
    });
    actors[key] = { userId: u.id, unitId: u.unitId, roles: u.roles };
  }
  const [batch] = await h.db.query<{ id: string }>(
    `INSERT INTO batches (code, title_zh, issuing_authority, workflow_name) VALUES ('SZ-TEST', '测试批次', 'Test', $1) RETURNING id`,
    [workflow],
  );
  let n = 0;
  const world: ServiceWorld = {
    units,
    actors,
    batchId: batch.id,
    async draft(by = 'office', overrides = {}, milestones = [{ title: { zh: '试点启动' }, due: { in: 'P90D' } }]) {
      n += 1;
      return h.get(DraftMatter).execute({
        actor: actors[by],
        batchId: batch.id,
        plan: {
          code: `M-${n}`,
          title: { zh: `事项${n}` },
          description: {},
          kind: 'reform_measure',
          policyArea: 'governance',
          leadingUnitId: units.stic,
          participatingUnitIds: [units.commerce],
          managerId: actors.sticManager.userId,
          targets: [{ indicator: { en: 'Coverage' }, baseline: 0, targetValue: 100, unit: '%', byDate: '2027-12-31' }],
          riskLevel: 'medium',
          risks: [],
          requiresLegalAuthorization: false,
          ...overrides,
        },
        milestones,
      });
    },
    run(by, m, command) {
      return h
        .get(RunMatterCommand)
        .execute({ actor: typeof by === 'string' ? actors[by] : by, matterId: m.id, expectedVersion: m.version, command });
    },
    async evaluate(m, verdict, overrides = {}) {
      let cur = m;
      if (!cur.evaluator) cur = await world.run('office', cur, { type: 'assign_evaluator', evaluatorId: actors.justiceEvaluator.userId });
      return world.run('justiceEvaluator', cur, evaluationOf(cur, verdict, { scores: PILOT_SCORES, ...overrides }));
    },
    decider(m) {
      const step = m.approvalSteps.find((s) => s.round === m.approvalRound && s.status === 'pending')!;
      return Object.values(actors).find((a) => a.unitId === step.unitId && a.roles.includes(step.role))!;
    },
  };
  return world;
}
