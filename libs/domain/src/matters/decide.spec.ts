import { DomainError } from '../common/domain-error.js';
import { ACTORS, UNITS, context, plan } from '../testing/fixtures.js';
import { World } from '../testing/world.js';
import { decide, draftMatter } from './decide.js';
import { evolve } from './evolve.js';
import { canRead } from './permissions.js';

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

    it('completes milestones, reports progress and moves to evaluation', () => {
      const w = new World();
      w.approveAll();
      w.do('sticManager', { type: 'start_implementation' });
      expect(w.refuse('sticManager', { type: 'request_evaluation' })).toMatchObject({ code: 'evaluation.milestones_open' });
      w.do('sticManager', { type: 'complete_milestone', milestoneId: w.milestoneId() });
      expect(w.refuse('sticManager', { type: 'complete_milestone', milestoneId: w.milestoneId() })).toMatchObject({ kind: 'conflict' });
      w.do('sticManager', { type: 'report_progress', targetId: w.matter.targets[0].id, value: 4, asOf: '2026-01-05' });
      expect(
        w.refuse('sticManager', { type: 'report_progress', targetId: w.matter.targets[0].id, value: 4, asOf: '2099-01-01' }),
      ).toMatchObject({
        code: 'progress.as_of_in_future',
      });
      w.do('sticManager', { type: 'request_evaluation' });
      expect(w.matter.stage).toBe('in_evaluation');
      expect(w.matter.progress).toHaveLength(1);
    });

    it('lets the reform office request evaluation with milestones still open', () => {
      const w = new World();
      w.approveAll();
      w.do('sticManager', { type: 'start_implementation' });
      w.do('office', { type: 'request_evaluation', note: 'Mid-term review' });
      expect(w.matter.stage).toBe('in_evaluation');
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
    function inEvaluation(): World {
      const w = new World();
      w.approveAll();
      w.do('sticManager', { type: 'start_implementation' });
      w.do('sticManager', { type: 'complete_milestone', milestoneId: w.milestoneId() });
      w.do('sticManager', { type: 'request_evaluation' });
      return w;
    }

    it('refuses an evaluator from the leading unit', () => {
      const w = inEvaluation();
      expect(w.refuse('sticEvaluator', { type: 'log_evaluation', verdict: 'replicable', narrative: 'Good' })).toMatchObject({
        kind: 'forbidden',
        code: 'evaluation.evaluator_in_leading_unit',
      });
    });

    it('closes as replicated only on a replicable verdict', () => {
      const w = inEvaluation();
      expect(w.refuse('office', { type: 'close', outcome: 'replicated' })).toMatchObject({ code: 'close.requires_evaluation' });
      w.do('justiceEvaluator', { type: 'log_evaluation', verdict: 'replicable', narrative: 'Effective and transferable' });
      expect(w.refuse('office', { type: 'close', outcome: 'closed_ineffective' })).toMatchObject({
        code: 'close.outcome_contradicts_verdict',
      });
      w.do('office', { type: 'close', outcome: 'replicated' });
      expect(w.matter).toMatchObject({ stage: 'closed', outcome: 'replicated' });
    });

    it('adjusts back to implementation with new deadlines and counts the adjustment', () => {
      const w = inEvaluation();
      w.do('justiceEvaluator', { type: 'log_evaluation', verdict: 'needs_adjustment', narrative: 'Coverage too narrow' });
      expect(w.refuse('sticManager', { type: 'adjust', reason: 'Widen' })).toMatchObject({ code: 'adjust.plan_unchanged' });
      w.do('sticManager', {
        type: 'adjust',
        reason: 'Widen to two more districts',
        addMilestones: [{ title: { en: 'Two districts join' }, due: { in: 'P60D' } }],
      });
      expect(w.matter).toMatchObject({ stage: 'in_implementation', adjustmentCount: 1 });
      expect(w.matter.milestones).toHaveLength(2);
      // the earlier verdict belongs to the earlier round: closing now needs a new evaluation
      w.do('sticManager', { type: 'complete_milestone', milestoneId: w.milestoneId(1) });
      w.do('sticManager', { type: 'request_evaluation' });
      expect(w.refuse('office', { type: 'close', outcome: 'replicated' })).toMatchObject({ code: 'close.requires_evaluation' });
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
