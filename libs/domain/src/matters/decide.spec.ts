import { DomainError } from '../common/domain-error.js';
import { deadlinesOf } from '../deadlines/deadlines.js';
import { ACTORS, DEFINITION_BODY, UNITS, context, evaluationOf, plan } from '../testing/fixtures.js';
import { WEEKENDS_ONLY } from '../time/business-calendar.js';
import { World } from '../testing/world.js';
import { type DecisionContext, decide, draftMatter } from './decide.js';
import { evolve } from './evolve.js';
import { canRead } from './permissions.js';
import type { Verdict } from './vocabulary.js';

describe(decide.name, () => {
  describe('drafting', () => {
    it('lets the reform office draft for any unit and a manager only for their own', () => {
      const now = new Date();
      expect(draftMatter({ id: 'm', batchId: 'b', plan: plan() }, context('office', now)).type).toBe('matter.drafted');
      expect(draftMatter({ id: 'm', batchId: 'b', plan: plan() }, context('sticManager', now)).type).toBe('matter.drafted');
      expect(() => draftMatter({ id: 'm', batchId: 'b', plan: plan() }, context('commerceManager', now))).toThrow(
        expect.objectContaining({ kind: 'forbidden' }),
      );
    });

    it('refuses a manager who is not in the leading unit', () => {
      expect(() =>
        draftMatter({ id: 'm', batchId: 'b', plan: plan({ managerId: ACTORS.commerceManager.userId }) }, context('office', new Date())),
      ).toThrow(expect.objectContaining({ code: 'manager.not_in_leading_unit', field: 'managerId' }));
    });

    it('refuses unknown and duplicate participating units, naming the entry', () => {
      const at = (ids: string[]) => () =>
        draftMatter({ id: 'm', batchId: 'b', plan: plan({ participatingUnitIds: ids }) }, context('office', new Date()));
      expect(at([UNITS.commerce, 'nope'])).toThrow(expect.objectContaining({ code: 'unit.unknown', field: 'participatingUnitIds[1]' }));
      expect(at([UNITS.commerce, UNITS.commerce])).toThrow(expect.objectContaining({ code: 'participating_units.duplicate' }));
      expect(at([UNITS.stic])).toThrow(expect.objectContaining({ code: 'participating_units.includes_leading_unit' }));
    });

    it('starts in draft with a stage deadline from the definition', () => {
      const w = new World(new Date('2026-01-05T01:00:00Z'));
      expect(w.matter).toMatchObject({ stage: 'draft', version: 1, stageDueAt: '2026-02-04T01:00:00.000Z' });
    });
  });

  describe('approval chain', () => {
    it('walks the unconditional steps in order for a medium-risk matter', () => {
      const w = new World();
      w.approveAll();
      expect(w.matter.stage).toBe('approved');
      expect(w.matter.approvalSteps.map((s) => [s.key, s.status])).toEqual([
        ['unit-review', 'approved'],
        ['office-review', 'approved'],
      ]);
    });

    it('adds the provincial step for high risk and the legal step when legal authorization is required', () => {
      const w = new World(undefined, { riskLevel: 'critical', requiresLegalAuthorization: true });
      w.do('office', { type: 'add_milestone', milestone: { title: { en: 'M1' }, due: { in: 'P30D' } } });
      w.do('office', { type: 'submit' });
      expect(w.matter.approvalSteps.map((s) => s.key)).toEqual(['unit-review', 'office-review', 'province', 'legal']);
      expect(w.matter.approvalSteps.map((s) => s.unitId)).toEqual([UNITS.stic, UNITS.office, UNITS.province, UNITS.nation]);
    });

    it('lets only the current step’s unit and role decide it', () => {
      const w = new World();
      w.do('office', { type: 'submit' });
      // the reform office's own step is second: it may not jump ahead of the leading unit
      expect(w.refuse('office', { type: 'approve_step' })).toMatchObject({ kind: 'forbidden' });
      expect(w.refuse('commerceApprover', { type: 'approve_step' })).toMatchObject({ kind: 'forbidden' });
      expect(w.refuse('sticManager', { type: 'approve_step' })).toMatchObject({ kind: 'forbidden' });
      w.do('sticApprover', { type: 'approve_step' });
      expect(w.refuse('sticApprover', { type: 'approve_step' })).toMatchObject({ kind: 'forbidden', code: 'approval.not_your_step' });
      w.do('office', { type: 'approve_step' });
      expect(w.matter.stage).toBe('approved');
    });

    it('sends a rejected matter back to draft with the comment, and a resubmission starts a new round', () => {
      const w = new World();
      w.do('office', { type: 'submit' });
      w.do('sticApprover', { type: 'approve_step' });
      expect(w.refuse('office', { type: 'reject_step', comment: '  ' })).toMatchObject({ code: 'text.required', field: 'comment' });
      w.do('office', { type: 'reject_step', comment: '预算依据不足' });
      expect(w.matter).toMatchObject({ stage: 'draft', returnComment: '预算依据不足', approvalRound: 1 });
      w.do('office', { type: 'submit' });
      expect(w.matter.approvalRound).toBe(2);
      expect(w.matter.returnComment).toBeNull();
      expect(w.matter.approvalSteps.filter((s) => s.round === 2).every((s) => s.status === 'pending')).toBe(true);
      expect(w.matter.approvalSteps.filter((s) => s.round === 1).map((s) => s.status)).toEqual(['approved', 'rejected']);
    });

    it('returns for revision the same way', () => {
      const w = new World();
      w.do('office', { type: 'submit' });
      w.do('sticApprover', { type: 'return_step', comment: 'Add a target' });
      expect(w.matter).toMatchObject({ stage: 'draft', returnComment: 'Add a target' });
      expect(w.matter.approvalSteps.map((s) => s.status)).toEqual(['returned', 'superseded']);
    });

    it('refuses to submit without a responsible manager', () => {
      const w = new World(undefined, { managerId: null });
      expect(w.refuse('office', { type: 'submit' })).toMatchObject({ code: 'manager.required', field: 'managerId' });
    });

    it('gives each current step its own due time', () => {
      const w = new World(new Date('2026-01-05T01:00:00Z'));
      w.do('office', { type: 'submit' });
      expect(w.matter.approvalSteps[0].dueAt).toBe('2026-01-15T01:00:00.000Z');
      expect(w.matter.approvalSteps[1].dueAt).toBeNull();
      w.advance(86_400_000);
      w.do('sticApprover', { type: 'approve_step' });
      expect(w.matter.approvalSteps[1].dueAt).toBe('2026-01-16T01:00:00.000Z');
    });
  });

  describe('implementation', () => {
    it('cannot start without a milestone', () => {
      const w = new World();
      w.do('office', { type: 'submit' });
      w.do('sticApprover', { type: 'approve_step' });
      w.do('office', { type: 'approve_step' });
      expect(w.refuse('sticManager', { type: 'start_implementation' })).toMatchObject({ code: 'implementation.requires_milestone' });
    });

    it('cannot start before the legal authorization step is approved', () => {
      const w = new World(undefined, { requiresLegalAuthorization: true });
      w.approveAll();
      expect(w.matter.legalAuthorizedAt).not.toBeNull();
      w.do('sticManager', { type: 'start_implementation' });
      expect(w.matter.stage).toBe('in_implementation');
    });

    it('refuses implementation for a matter needing legal authorization when the chain gave none', () => {
      const noLegal = { ...context('office', new Date()).definition };
      noLegal.body = {
        ...noLegal.body,
        approval: { ...noLegal.body.approval, steps: noLegal.body.approval.steps.filter((s) => !s.legalAuthorization) },
      };
      const w = new World(undefined, { requiresLegalAuthorization: true }, 'office', { definition: noLegal });
      w.approveAll();
      expect(w.refuse('sticManager', { type: 'start_implementation' })).toMatchObject({
        code: 'implementation.requires_legal_authorization',
      });
    });

    it('reports progress, completes milestones, and enters evaluation with the last one', () => {
      const w = new World();
      w.do('office', { type: 'add_milestone', milestone: { title: { en: 'Second' }, due: { in: 'P120D' } } });
      w.approveAll();
      w.do('sticManager', { type: 'start_implementation' });
      expect(w.matter.implementationStartedAt).toBe(w.now.toISOString());
      expect(w.refuse('sticManager', { type: 'request_evaluation' })).toMatchObject({ kind: 'forbidden' });
      w.do('sticManager', { type: 'report_progress', targetId: w.matter.targets[0].id, value: 4, asOf: '2026-01-05' });
      expect(
        w.refuse('sticManager', { type: 'report_progress', targetId: w.matter.targets[0].id, value: 4, asOf: '2099-01-01' }),
      ).toMatchObject({
        code: 'progress.as_of_in_future',
      });
      expect(w.do('sticManager', { type: 'complete_milestone', milestoneId: w.milestoneId(0) }).map((e) => e.type)).toEqual([
        'milestone.completed',
      ]);
      expect(w.refuse('sticManager', { type: 'complete_milestone', milestoneId: w.milestoneId(0) })).toMatchObject({ kind: 'conflict' });
      expect(w.matter.stage).toBe('in_implementation');
      expect(w.do('sticManager', { type: 'complete_milestone', milestoneId: w.milestoneId(1) }).map((e) => e.type)).toEqual([
        'milestone.completed',
        'evaluation.requested',
      ]);
      expect(w.matter).toMatchObject({ stage: 'in_evaluation', evaluator: null });
      expect(w.matter.progress).toHaveLength(1);
    });

    it('accepts milestone due times as durations and refuses ones in the past', () => {
      const w = new World(new Date('2026-01-05T01:00:00Z'));
      w.do('office', { type: 'add_milestone', milestone: { title: { zh: '试点启动' }, due: { in: 'PT2S' } } });
      expect(w.matter.milestones[0].dueAt).toBe('2026-01-05T01:00:02.000Z');
      w.do('office', { type: 'add_milestone', milestone: { title: { zh: '方案印发' }, due: { on: '2026-03-31' } } });
      expect(w.matter.milestones[1].dueAt).toBe('2026-03-31T15:59:59.000Z'); // 23:59:59 in Shanghai
      expect(
        w.refuse('office', { type: 'add_milestone', milestone: { title: { en: 'x' }, due: { at: new Date('2025-01-01') } } }),
      ).toMatchObject({
        code: 'due.in_past',
        field: 'dueAt',
      });
      expect(w.refuse('office', { type: 'add_milestone', milestone: { title: { en: 'x' }, due: { in: 'P1X' } } })).toMatchObject({
        code: 'duration.invalid',
        kind: 'invalid',
        field: 'dueIn',
      });
    });
  });

  describe('evaluation and closure', () => {
    function inEvaluation(ctxOverrides: Partial<DecisionContext> = {}): World {
      const w = new World(undefined, {}, 'office', ctxOverrides);
      w.approveAll();
      w.do('sticManager', { type: 'start_implementation' });
      w.do('sticManager', { type: 'complete_milestone', milestoneId: w.milestoneId() });
      return w;
    }
    function assigned(): World {
      const w = inEvaluation();
      w.do('office', { type: 'assign_evaluator', evaluatorId: ACTORS.justiceEvaluator.userId });
      return w;
    }

    it('lets the reform office end implementation early and assign an evaluator from outside the leading unit', () => {
      const w = new World();
      w.approveAll();
      w.do('sticManager', { type: 'start_implementation' });
      w.do('office', { type: 'request_evaluation', note: 'Mid-term review' });
      expect(w.matter.stage).toBe('in_evaluation');
      expect(w.refuse('sticManager', { type: 'assign_evaluator', evaluatorId: ACTORS.justiceEvaluator.userId })).toMatchObject({
        kind: 'forbidden',
      });
      expect(w.refuse('office', { type: 'assign_evaluator', evaluatorId: ACTORS.sticEvaluator.userId })).toMatchObject({
        code: 'evaluation.evaluator_in_leading_unit',
        field: 'evaluatorId',
      });
      expect(w.refuse('office', { type: 'assign_evaluator', evaluatorId: ACTORS.commerceManager.userId })).toMatchObject({
        code: 'evaluation.not_an_evaluator',
      });
      expect(w.refuse('office', { type: 'assign_evaluator', evaluatorId: 'nobody' })).toMatchObject({ code: 'user.unknown' });
      w.do('office', { type: 'assign_evaluator', evaluatorId: ACTORS.justiceEvaluator.userId });
      expect(w.matter.evaluator).toMatchObject({ userId: ACTORS.justiceEvaluator.userId, unitId: UNITS.justice, assignedBy: 'office' });
    });

    it('draws the first evaluator of the pool who is outside the leading unit', () => {
      const pool = [
        { userId: ACTORS.sticEvaluator.userId, unitId: UNITS.stic },
        { userId: ACTORS.justiceEvaluator.userId, unitId: UNITS.justice },
      ];
      const w = inEvaluation({ evaluatorPool: pool });
      expect(w.log.slice(-2).map((e) => e.type)).toEqual(['evaluation.requested', 'evaluation.assigned']);
      expect(w.matter.evaluator).toMatchObject({ userId: ACTORS.justiceEvaluator.userId, assignedBy: null });
    });

    it('refuses an evaluator from the leading unit, and any evaluator but the assigned one', () => {
      const w = inEvaluation();
      expect(w.refuse('justiceEvaluator', evaluationOf(w.matter, 'replicable'))).toMatchObject({ code: 'evaluation.no_evaluator' });
      w.do('office', { type: 'assign_evaluator', evaluatorId: ACTORS.justiceEvaluator.userId });
      expect(w.refuse('sticEvaluator', evaluationOf(w.matter, 'replicable'))).toMatchObject({
        kind: 'forbidden',
        code: 'evaluation.evaluator_in_leading_unit',
      });
      const other = { userId: 'commerce-evaluator', unitId: UNITS.commerce, roles: ['evaluator' as const] };
      expect(w.refuse(other, evaluationOf(w.matter, 'replicable'))).toMatchObject({ code: 'evaluation.not_assigned_to_you' });
    });

    it('closes a replicable matter as replicated and records its experience', () => {
      const w = assigned();
      const events = w.do('justiceEvaluator', evaluationOf(w.matter, 'replicable'));
      expect(events.map((e) => e.type)).toEqual(['evaluation.logged', 'experience.recorded', 'matter.closed']);
      expect(w.matter).toMatchObject({ stage: 'closed', outcome: 'replicated' });
      expect(w.matter.experience).toMatchObject({
        evaluationId: w.matter.evaluations[0].id,
        contactUnitId: UNITS.stic,
        regions: ['Guangdong-Hong Kong-Macao Greater Bay Area cities'],
      });
      expect(w.matter.evaluations[0]).toMatchObject({
        verdict: 'replicable',
        scores: [
          { criterion: 'effectiveness', score: 4 },
          { criterion: 'replicability', score: 5 },
        ],
        results: [{ targetId: w.matter.targets[0].id, actualValue: 10, evidence: { links: ['https://tjj.sz.gov.cn/report/2026q3'] } }],
      });
    });

    it('closes an ineffective matter with its lessons', () => {
      const w = assigned();
      expect(w.refuse('justiceEvaluator', evaluationOf(w.matter, 'ineffective', { lessons: ' ' }))).toMatchObject({ field: 'lessons' });
      w.do('justiceEvaluator', evaluationOf(w.matter, 'ineffective'));
      expect(w.matter).toMatchObject({ stage: 'closed', outcome: 'closed_ineffective', experience: null });
      expect(w.matter.evaluations[0].lessons).toBe('Salary caps alone did not attract researchers.');
    });

    it('returns a matter that needs adjustment to implementation with its new deadlines, for a new round', () => {
      const w = assigned();
      expect(w.refuse('justiceEvaluator', evaluationOf(w.matter, 'needs_adjustment', { adjustment: { plan: 'Widen' } }))).toMatchObject({
        code: 'adjust.plan_unchanged',
        field: 'adjustment.addMilestones',
      });
      w.do('justiceEvaluator', evaluationOf(w.matter, 'needs_adjustment'));
      expect(w.matter).toMatchObject({ stage: 'in_implementation', adjustmentCount: 1, evaluator: null });
      expect(w.matter.milestones).toHaveLength(2);
      expect(w.matter.evaluations[0].adjustmentPlan).toBe('Narrow the pilot to two institutions');
      // the next round needs its own evaluator and evaluation
      w.do('sticManager', { type: 'complete_milestone', milestoneId: w.milestoneId(1) });
      expect(w.matter.stage).toBe('in_evaluation');
      expect(w.refuse('justiceEvaluator', evaluationOf(w.matter, 'replicable'))).toMatchObject({ code: 'evaluation.no_evaluator' });
    });

    it('checks the rubric, every target and the sections each verdict needs, naming the field', () => {
      const w = assigned();
      const m = w.matter;
      const refuse = (overrides: Parameters<typeof evaluationOf>[2], verdict: Verdict = 'replicable') =>
        w.refuse('justiceEvaluator', evaluationOf(m, verdict, overrides));
      expect(refuse({ scores: { effectiveness: 4 } })).toMatchObject({ code: 'evaluation.score_required', field: 'scores.replicability' });
      expect(refuse({ scores: { effectiveness: 6, replicability: 3 } })).toMatchObject({
        code: 'evaluation.score_out_of_range',
        field: 'scores.effectiveness',
      });
      expect(refuse({ scores: { effectiveness: 2.5, replicability: 3 } })).toMatchObject({ code: 'evaluation.score_out_of_range' });
      expect(refuse({ scores: { effectiveness: 4, replicability: 3, beauty: 5 } })).toMatchObject({
        code: 'evaluation.unknown_criterion',
        field: 'scores.beauty',
      });
      expect(refuse({ results: [] })).toMatchObject({ code: 'evaluation.result_required', field: 'results' });
      const result = { targetId: m.targets[0].id, actualValue: 3, evidence: { text: 'Report' } };
      expect(refuse({ results: [result, result] })).toMatchObject({ code: 'evaluation.duplicate_target', field: 'results[1].targetId' });
      expect(refuse({ results: [{ ...result, targetId: 'other' }] })).toMatchObject({ code: 'evaluation.unknown_target' });
      expect(refuse({ results: [{ ...result, evidence: { text: '' } }] })).toMatchObject({ field: 'results[0].evidence.text' });
      expect(refuse({ results: [{ ...result, evidence: { text: 'x', links: ['javascript:alert(1)'] } }] })).toMatchObject({
        code: 'url.invalid',
        field: 'results[0].evidence.links[0]',
      });
      expect(refuse({ experience: undefined })).toMatchObject({ code: 'evaluation.experience_required', field: 'experience' });
      expect(refuse({ lessons: 'x' })).toMatchObject({ code: 'evaluation.section_not_for_verdict', field: 'lessons' });
      const experience = evaluationOf(m, 'replicable').experience!;
      expect(refuse({ experience: { ...experience, regions: [' '] } })).toMatchObject({ field: 'experience.regions' });
      expect(refuse({ experience: { ...experience, contactUnitId: 'nope' } })).toMatchObject({ field: 'experience.contactUnitId' });
      expect(refuse({ narrative: '' })).toMatchObject({ field: 'narrative' });
      expect(refuse({ adjustment: undefined }, 'needs_adjustment')).toMatchObject({ field: 'adjustment' });
      // an unmeasurable value is recorded as null, with the evidence saying why
      w.do('justiceEvaluator', evaluationOf(m, 'ineffective', { results: [{ ...result, actualValue: null }] }));
      expect(w.matter.evaluations[0].results[0].actualValue).toBeNull();
    });
  });

  describe('reassignment', () => {
    it('lets the reform office hand a matter to another manager of its leading unit, with a reason', () => {
      const w = new World();
      expect(w.refuse('office', { type: 'reassign_manager', managerId: ACTORS.sticManager2.userId, reason: 'On leave' })).toMatchObject({
        kind: 'conflict',
        code: 'stage.action_not_allowed',
      });
      w.approveAll();
      const hand = (managerId: string, reason = 'Transferred to another post') => ({
        type: 'reassign_manager' as const,
        managerId,
        reason,
      });
      expect(w.refuse('sticManager', hand(ACTORS.sticManager2.userId))).toMatchObject({ kind: 'forbidden' });
      expect(w.refuse('office', hand(ACTORS.commerceManager.userId))).toMatchObject({
        code: 'manager.not_in_leading_unit',
        field: 'managerId',
      });
      expect(w.refuse('office', hand(ACTORS.sticApprover.userId))).toMatchObject({ code: 'manager.not_a_manager', field: 'managerId' });
      expect(w.refuse('office', hand('nobody'))).toMatchObject({ code: 'user.unknown', field: 'managerId' });
      expect(w.refuse('office', hand(ACTORS.sticManager.userId))).toMatchObject({ code: 'manager.unchanged', field: 'managerId' });
      expect(w.refuse('office', hand(ACTORS.sticManager2.userId, '  '))).toMatchObject({ code: 'text.required', field: 'reason' });
      const [e] = w.do('office', hand(ACTORS.sticManager2.userId));
      expect(e).toMatchObject({
        type: 'manager.reassigned',
        managerId: ACTORS.sticManager2.userId,
        previousManagerId: ACTORS.sticManager.userId,
        reason: 'Transferred to another post',
        actorId: 'office',
      });
      expect(w.matter.managerId).toBe(ACTORS.sticManager2.userId);
      // every open deadline the manager answered for is now the new manager's
      const open = deadlinesOf(w.matter, DEFINITION_BODY, WEEKENDS_ONLY);
      expect(open.length).toBeGreaterThan(0);
      expect(open.map((d) => d.responsible)).toEqual(open.map(() => ({ kind: 'user', userId: ACTORS.sticManager2.userId })));
    });

    it('replaces the assigned evaluator only with a reason and never with one of the leading unit', () => {
      const w = new World();
      w.approveAll();
      w.do('sticManager', { type: 'start_implementation' });
      w.do('sticManager', { type: 'complete_milestone', milestoneId: w.milestoneId() });
      const [first] = w.do('office', { type: 'assign_evaluator', evaluatorId: ACTORS.justiceEvaluator.userId });
      expect(first).toMatchObject({ previous: null, reason: null });
      expect(w.refuse('office', { type: 'assign_evaluator', evaluatorId: ACTORS.commerceEvaluator.userId })).toMatchObject({
        code: 'text.required',
        field: 'reason',
      });
      expect(
        w.refuse('office', { type: 'assign_evaluator', evaluatorId: ACTORS.sticEvaluator.userId, reason: 'Conflict of interest' }),
      ).toMatchObject({ code: 'evaluation.evaluator_in_leading_unit', field: 'evaluatorId' });
      const [e] = w.do('office', {
        type: 'assign_evaluator',
        evaluatorId: ACTORS.commerceEvaluator.userId,
        reason: 'Conflict of interest',
      });
      expect(e).toMatchObject({
        type: 'evaluation.assigned',
        assignment: { userId: ACTORS.commerceEvaluator.userId, unitId: UNITS.commerce },
        previous: { userId: ACTORS.justiceEvaluator.userId, unitId: UNITS.justice },
        reason: 'Conflict of interest',
      });
      // the replaced evaluator can no longer log the evaluation
      expect(w.refuse('justiceEvaluator', evaluationOf(w.matter, 'replicable'))).toMatchObject({ code: 'evaluation.not_assigned_to_you' });
      w.do('commerceEvaluator', evaluationOf(w.matter, 'replicable'));
      expect(w.matter.stage).toBe('closed');
    });
  });

  describe('withdrawal, termination and terminal states', () => {
    it('withdraws before approval only', () => {
      const w = new World();
      w.approveAll();
      expect(w.refuse('office', { type: 'withdraw' })).toMatchObject({ kind: 'conflict', code: 'stage.action_not_allowed' });
    });

    it('terminates from any open stage with a reason, by the reform office only', () => {
      const w = new World();
      w.do('office', { type: 'submit' });
      expect(w.refuse('sticManager', { type: 'terminate', reason: 'x' })).toMatchObject({ kind: 'forbidden' });
      expect(w.refuse('office', { type: 'terminate', reason: '' })).toMatchObject({ field: 'reason' });
      w.do('office', { type: 'terminate', reason: 'Superseded by national policy' });
      expect(w.matter).toMatchObject({ stage: 'terminated', closingReason: 'Superseded by national policy', stageDueAt: null });
      expect(w.refuse('office', { type: 'terminate', reason: 'again' })).toMatchObject({ code: 'matter.terminal' });
    });
  });

  describe('visibility', () => {
    it('hides a matter from other units but shows it to participating units and the reform office', () => {
      const w = new World();
      expect(canRead(ACTORS.commerceManager, w.matter)).toBe(true); // participating
      expect(canRead(ACTORS.office, w.matter)).toBe(true);
      expect(canRead({ userId: 'x', unitId: UNITS.justice, roles: ['manager'] }, w.matter)).toBe(false);
      expect(w.refuse({ userId: 'x', unitId: UNITS.justice, roles: ['manager'] }, { type: 'submit' })).toBeInstanceOf(DomainError);
    });
  });

  it('rebuilds the same state by replaying the event log', () => {
    const w = new World();
    w.approveAll();
    w.do('sticManager', { type: 'start_implementation' });
    let replayed = null;
    for (const e of w.log) replayed = evolve(replayed, e);
    expect(replayed).toEqual(w.matter);
  });
});
