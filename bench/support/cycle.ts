/**
 * One full action cycle of a matter through the public API, as a sequence of requests:
 * draft, add a milestone, submit, approve each step (by the step's own approver), start
 * implementation, report progress on a target, complete the (last) milestone, which takes
 * the matter to evaluation. The evaluation commands (log_evaluation, close, adjust) are
 * left out on purpose.
 *
 * The same list drives autocannon (each connection walks it with its own matter) and
 * the SQL capture (one walk with fetch).
 */
import type { BenchWorld } from './world.js';
import { draftBody } from './world.js';

export interface CycleState {
  matterId?: string;
  version?: number;
  milestoneId?: string;
  targetId?: string;
  /** The decider's role of the current approval step: `approver` (leading unit) or `reform_office`. */
  stepRole?: string;
  stage?: string;
  n?: number;
}

export interface CycleStep {
  name: string;
  method: 'POST';
  path(s: CycleState): string;
  token(s: CycleState): string;
  body(s: CycleState): Record<string, unknown>;
  /** Transitions each end with the matter in the body. */
  expect: number;
}

/** The steps; `unique` makes each draft's code unique. */
export function cycleSteps(world: BenchWorld, unique: () => string): CycleStep[] {
  const office = world.users.office.token;
  const manager = world.users.manager.token;
  const approverOf = (s: CycleState) => (s.stepRole === 'reform_office' ? office : world.users.approver.token);
  return [
    {
      name: 'draft',
      method: 'POST',
      path: () => '/api/v1/matters',
      token: () => office,
      body: () => draftBody(world, unique()),
      expect: 201,
    },
    {
      name: 'add milestone',
      method: 'POST',
      path: (s) => `/api/v1/matters/${s.matterId}/milestones`,
      token: () => manager,
      body: (s) => ({ version: s.version, title: { zh: '试点方案印发', en: 'Pilot plan issued' }, dueIn: 'P90D' }),
      expect: 201,
    },
    {
      name: 'submit',
      method: 'POST',
      path: (s) => `/api/v1/matters/${s.matterId}/submit`,
      token: () => manager,
      body: (s) => ({ version: s.version }),
      expect: 200,
    },
    {
      name: 'approve step 1',
      method: 'POST',
      path: (s) => `/api/v1/matters/${s.matterId}/approve`,
      token: approverOf,
      body: (s) => ({ version: s.version, comment: '同意' }),
      expect: 200,
    },
    {
      name: 'approve step 2',
      method: 'POST',
      path: (s) => `/api/v1/matters/${s.matterId}/approve`,
      token: approverOf,
      body: (s) => ({ version: s.version, comment: '同意' }),
      expect: 200,
    },
    {
      name: 'start implementation',
      method: 'POST',
      path: (s) => `/api/v1/matters/${s.matterId}/start-implementation`,
      token: () => manager,
      body: (s) => ({ version: s.version }),
      expect: 200,
    },
    {
      name: 'report progress',
      method: 'POST',
      path: (s) => `/api/v1/matters/${s.matterId}/progress`,
      token: () => manager,
      body: (s) => ({ version: s.version, targetId: s.targetId, value: 3, asOf: '2026-06-30', note: '三家机构已试点' }),
      expect: 201,
    },
    {
      // the last open milestone: completing it ends implementation, the matter goes to evaluation
      name: 'complete milestone',
      method: 'POST',
      path: (s) => `/api/v1/matters/${s.matterId}/milestones/${s.milestoneId}/complete`,
      token: () => manager,
      body: (s) => ({ version: s.version, note: '方案已印发' }),
      expect: 200,
    },
  ];
}

interface MatterBody {
  id: string;
  version: number;
  stage: string;
  milestones: Array<{ id: string }>;
  targets: Array<{ id: string }>;
  currentStep: { role: string } | null;
}

/** What the next request needs from a response: the matter, its version, its milestone, who decides next. */
export function absorb(state: CycleState, answer: unknown): void {
  const body = answer as MatterBody;
  state.matterId = body.id;
  state.version = body.version;
  state.stage = body.stage;
  state.milestoneId = body.milestones[0]?.id ?? state.milestoneId;
  state.targetId = body.targets?.[0]?.id ?? state.targetId;
  state.stepRole = body.currentStep?.role;
}

/** The cycle must end in evaluation with two approval steps: the bench checks its assumption about the workflow. */
export const CYCLE_END_STAGE = 'in_evaluation';
