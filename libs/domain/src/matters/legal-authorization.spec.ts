import { DEFINITION, ACTORS, AUTHORITY_UNITS, DIRECTORY, UNITS } from '../testing/fixtures.js';
import { World } from '../testing/world.js';
import { closingOf, deadlinesOf, planTimers } from '../deadlines/deadlines.js';
import { WEEKENDS_ONLY } from '../time/business-calendar.js';
import type { Actor } from '../users/actor.js';
import type { WorkflowDefinition } from '../workflow/definition.js';
import { resolveApprovalChain } from '../workflow/approval-chain.js';
import type { AuthorizationInput } from './legal-authorization.js';
import type { LegalAdjustment } from './matter.js';
import { availableActions } from './actions.js';

/** The test definition with its legal step decided by the body that can authorize it. */
const LEGAL: WorkflowDefinition = {
  ...DEFINITION,
  body: {
    ...DEFINITION.body,
    authorities: { ...DEFINITION.body.authorities, npc_standing_committee: 'NPCSC', state_council: 'STATE-COUNCIL' },
    approval: {
      ...DEFINITION.body.approval,
      steps: DEFINITION.body.approval.steps.map((s) => (s.legalAuthorization ? { ...s, unit: 'legal_authority' as const } : s)),
    },
    authorizationExpiry: { reminders: ['P30D', 'P7D', 'PT0S'], escalation: [{ level: 1, notify: ['reform_office'], after: 'P1D' }] },
  },
};
const NPCSC = 'u-npcsc';
const STATE_COUNCIL = 'u-state-council';
const npcApprover: Actor = { userId: 'npc-approver', unitId: NPCSC, roles: ['approver'] };
const councilApprover: Actor = { userId: 'council-approver', unitId: STATE_COUNCIL, roles: ['approver'] };
const ctx = {
  definition: LEGAL,
  authorityUnits: { ...AUTHORITY_UNITS, npc_standing_committee: NPCSC, state_council: STATE_COUNCIL },
  directory: DIRECTORY,
};

const regulation = { level: 'administrative_regulation' as const, name: '《快递暂行条例》' };
const law = { level: 'law' as const, name: '《中华人民共和国邮政法》' };

const instrument = (overrides: Partial<AuthorizationInput> = {}): AuthorizationInput => ({
  title: '国务院关于同意在深圳市暂时调整实施有关行政法规规定的批复',
  documentNumber: '国函〔2026〕12号',
  issuedOn: '2026-01-05',
  scope: '深圳市国际快递业务经营许可审批',
  validFor: 'P3Y',
  ...overrides,
});

/** A legal matter submitted and approved up to its legal-authorization step. */
function atLegalStep(adjustment: LegalAdjustment = regulation): World {
  const w = new World(new Date('2026-01-05T01:00:00Z'), { requiresLegalAuthorization: true, legalAdjustment: adjustment }, 'office', ctx);
  w.do('office', { type: 'add_milestone', milestone: { title: { en: 'Pilot launched' }, due: { in: 'P90D' } } });
  w.do('office', { type: 'submit' });
  w.do('sticApprover', { type: 'approve_step' });
  w.do('office', { type: 'approve_step' });
  return w;
}

describe('legal authorization (003 item (14))', () => {
  describe('who decides', () => {
    it('puts the legal step before the State Council for an administrative regulation and the NPC Standing Committee for a law', () => {
      expect(atLegalStep(regulation).matter.approvalSteps.find((s) => s.legalAuthorization)?.unitId).toBe(STATE_COUNCIL);
      expect(atLegalStep(law).matter.approvalSteps.find((s) => s.legalAuthorization)?.unitId).toBe(NPCSC);
    });

    it('refuses to submit a matter that needs legal authorization but names nothing to adjust', () => {
      const w = new World(undefined, { requiresLegalAuthorization: true }, 'office', ctx);
      expect(w.refuse('office', { type: 'submit' })).toMatchObject({ code: 'legal_adjustment.required', field: 'legalAdjustment' });
    });

    it('lets only the authorizing body decide: not the national authority, not the other body', () => {
      const w = atLegalStep(regulation);
      // the national authority coordinates; it does not authorize (it has no step of this matter to decide)
      expect(w.refuse('nationApprover', { type: 'approve_step', authorization: instrument() })).toMatchObject({ kind: 'forbidden' });
      expect(w.refuse(npcApprover, { type: 'approve_step', authorization: instrument() })).toMatchObject({ kind: 'forbidden' });
      expect(availableActions(councilApprover, w.matter, LEGAL.body, w.now).actions.map((a) => a.type)).toContain('approve_step');
    });

    it('keeps "needs a national approval" a separate condition that never puts a legal step in the chain', () => {
      const chain = resolveApprovalChain(
        LEGAL.body,
        {
          riskLevel: 'medium',
          requiresLegalAuthorization: false,
          kind: 'reform_measure',
          leadingUnitId: UNITS.stic,
          nationalApproval: { authority: 'National Financial Regulatory Administration', basis: '"legally establishing"' },
        },
        ctx.authorityUnits,
      );
      expect(chain.some((s) => s.definition.legalAuthorization)).toBe(false);
      const w = new World(undefined, { nationalApproval: { authority: "Supreme People's Court", basis: null } }, 'office', ctx);
      expect(w.matter).toMatchObject({ requiresLegalAuthorization: false, legalAdjustment: null });
    });

    it('refuses a law to adjust on a matter that needs no legal authorization', () => {
      expect(() => new World(undefined, { legalAdjustment: law }, 'office', ctx)).toThrow(
        expect.objectContaining({ code: 'legal_adjustment.without_authorization', field: 'legalAdjustment' }),
      );
    });
  });

  describe('the instrument', () => {
    it('is recorded with the decision: title, number, date, scope, validity from the decision', () => {
      const w = atLegalStep();
      w.advance(60_000);
      w.do(councilApprover, { type: 'approve_step', authorization: instrument() });
      expect(w.matter.stage).toBe('approved');
      expect(w.matter.legalAuthorizedAt).toBe(w.now.toISOString());
      expect(w.matter.authorizationInstrument).toEqual({
        stepId: w.matter.approvalSteps.find((s) => s.legalAuthorization)!.id,
        authorizedByUnitId: STATE_COUNCIL,
        title: '国务院关于同意在深圳市暂时调整实施有关行政法规规定的批复',
        documentNumber: '国函〔2026〕12号',
        issuedOn: '2026-01-05',
        scope: '深圳市国际快递业务经营许可审批',
        validFrom: w.now.toISOString(),
        validUntil: '2029-01-05T01:01:00.000Z',
      });
    });

    it('is required on the legal step, and refused on any other', () => {
      const w = atLegalStep();
      expect(w.refuse(councilApprover, { type: 'approve_step' })).toMatchObject({ code: 'authorization.required', field: 'authorization' });
      const early = new World(undefined, { requiresLegalAuthorization: true, legalAdjustment: regulation }, 'office', ctx);
      early.do('office', { type: 'submit' });
      expect(early.refuse('sticApprover', { type: 'approve_step', authorization: instrument() })).toMatchObject({
        code: 'authorization.not_a_legal_step',
      });
    });

    it.each([
      ['no document number', { documentNumber: ' ' }, 'authorization.documentNumber', 'text.required'],
      ['no scope', { scope: '' }, 'authorization.scope', 'text.required'],
      ['a date that is not a date', { issuedOn: '2026-13-01' }, 'authorization.issuedOn', 'date.invalid'],
      [
        'a validity ending before it starts',
        { validFrom: '2026-03-01', validUntil: '2026-02-01', validFor: undefined },
        'authorization.validUntil',
        'validity.end_before_start',
      ],
      ['both an end date and a period', { validUntil: '2028-01-01' }, 'authorization.validFor', 'validity.one_of'],
      ['a period that is not ISO-8601', { validFor: 'three years' }, 'authorization.validFor', 'duration.invalid'],
      [
        'a validity already over',
        { validFrom: '2020-01-01', validUntil: '2021-01-01', validFor: undefined },
        'authorization.validUntil',
        'validity.lapsed',
      ],
    ])('refuses %s, naming the field', (_name, overrides, field, code) => {
      const w = atLegalStep();
      expect(w.refuse(councilApprover, { type: 'approve_step', authorization: instrument(overrides) })).toMatchObject({ code, field });
    });

    it('may have no time limit', () => {
      const w = atLegalStep();
      w.do(councilApprover, { type: 'approve_step', authorization: instrument({ validFor: undefined }) });
      expect(w.matter.authorizationInstrument?.validUntil).toBeNull();
      expect(deadlinesOf(w.matter, LEGAL.body, WEEKENDS_ONLY).some((d) => d.kind === 'authorization_expiry')).toBe(false);
    });
  });

  describe('a time-limited authorization', () => {
    it('is a deadline with reminders before it lapses, met when the pilot closes and cancelled when it is terminated', () => {
      const w = atLegalStep();
      w.do(councilApprover, {
        type: 'approve_step',
        authorization: instrument({ validFrom: '2026-01-01', validUntil: '2027-12-31', validFor: undefined }),
      });
      const expiry = deadlinesOf(w.matter, LEGAL.body, WEEKENDS_ONLY).find((d) => d.kind === 'authorization_expiry')!;
      expect(expiry).toMatchObject({
        key: `authorization:${w.matter.authorizationInstrument!.stepId}`,
        dueAt: '2027-12-31T15:59:59.000Z', // the end of that day in Shenzhen
        suspended: false,
        responsible: { kind: 'user', userId: ACTORS.sticManager.userId },
        title: { zh: '法律法规调整授权到期（国函〔2026〕12号）' },
      });
      const timers = planTimers(expiry, LEGAL.body.timeZone, WEEKENDS_ONLY, w.now);
      expect(timers.map((t) => `${t.label}@${t.fireAt}`)).toEqual([
        'r-P30D@2027-12-01T15:59:59.000Z',
        'r-P7D@2027-12-24T15:59:59.000Z',
        'r-PT0S@2027-12-31T15:59:59.000Z',
        'e1@2028-01-01T15:59:59.000Z',
      ]);
      expect(closingOf(expiry.key, { ...w.matter, stage: 'closed' })).toBe('met');
      w.do('office', { type: 'terminate', reason: 'policy changed' });
      expect(deadlinesOf(w.matter, LEGAL.body, WEEKENDS_ONLY).some((d) => d.kind === 'authorization_expiry')).toBe(false);
      expect(closingOf(expiry.key, w.matter)).toBe('cancelled');
    });

    it('falls back to reminders 90, 30 and 7 days before for a definition stored without the policy', () => {
      const w = atLegalStep();
      w.do(councilApprover, { type: 'approve_step', authorization: instrument() });
      const { authorizationExpiry: _omitted, ...older } = LEGAL.body;
      const expiry = deadlinesOf(w.matter, older, WEEKENDS_ONLY).find((d) => d.kind === 'authorization_expiry')!;
      expect(expiry.policy.reminders).toEqual(['P90D', 'P30D', 'P7D', 'PT0S']);
    });
  });

  it('leaves matters from before the model alone: their legal step needs no instrument and resolves as it did', () => {
    const w = new World(undefined, { requiresLegalAuthorization: true });
    w.approveAll();
    expect(w.matter.approvalSteps.find((s) => s.legalAuthorization)?.unitId).toBe(UNITS.nation);
    expect(w.matter).toMatchObject({ stage: 'approved', authorizationInstrument: null, legalAdjustment: null, nationalApproval: null });
  });
});
