/**
 * Formal acceptance (签收, issue 16 item 1): where the definition names an `acceptance` time,
 * the leading unit accepts the matter when implementation starts, and each participating unit
 * its part; until then it waits (待签收) as a deadline of that unit. A unit may return it (退回)
 * with a reason, and the reform office resolves the return: kept by the unit, or given to another.
 */
import { closingOf, deadlinesOf, unitAnswering } from '../deadlines/deadlines.js';
import { actionForDeadline } from '../links/web-paths.js';
import { ACTORS, DEFINITION, DEFINITION_BODY, UNITS } from '../testing/fixtures.js';
import { World } from '../testing/world.js';
import { WEEKENDS_ONLY } from '../time/business-calendar.js';
import { availableActions } from './actions.js';
import { IMPLIED } from './decide.js';
import { acceptanceState } from './matter.js';

const BODY = {
  ...DEFINITION_BODY,
  acceptance: { within: { workingDays: 3 }, reminders: ['P1D'], escalation: DEFINITION_BODY.milestones.escalation },
};
const ACCEPTING = { ...DEFINITION, body: BODY };
const DAY = 86_400_000;

/** A matter approved with one part for the commerce bureau, under a definition that asks for acceptance. */
function approved(): World {
  // Monday 2026-01-05 09:00 Beijing time
  const w = new World(undefined, {}, 'office', { definition: ACCEPTING });
  w.do('office', { type: 'assign_part', part: { unitId: UNITS.commerce, deliverable: { zh: '制定配套政策' }, due: { in: 'P60D' } } });
  w.approveAll();
  return w;
}

const acceptances = (w: World) => deadlinesOf(w.matter, BODY, WEEKENDS_ONLY).filter((d) => d.kind === 'acceptance');

describe('签收 (formal acceptance)', () => {
  it('is asked of the leading unit and of each participating unit when the reform office starts implementation, due in the definition’s time', () => {
    const w = approved();
    expect(acceptances(w)).toEqual([]); // before implementation nothing waits
    w.do('office', { type: 'start_implementation' });
    const part = w.matter.parts[0];
    expect(w.matter.acceptance).toMatchObject({ unitId: UNITS.stic, openedAt: w.now.toISOString(), acceptedAt: null, returnedAt: null });
    // three working days from Monday 09:00: Thursday 09:00 Beijing time
    expect(w.matter.acceptance?.dueAt).toBe('2026-01-08T01:00:00.000Z');
    expect(part.acceptance).toMatchObject({ unitId: UNITS.commerce, acceptedAt: null });
    const [matter, ofPart] = acceptances(w);
    expect(matter).toMatchObject({
      key: `acceptance:${w.matter.id}:${w.now.toISOString()}`,
      subjectId: null,
      title: { zh: '签收改革事项' },
      unitId: UNITS.stic,
      responsible: { kind: 'user', userId: ACTORS.sticManager.userId },
      dueAt: '2026-01-08T01:00:00.000Z',
    });
    expect(ofPart).toMatchObject({
      key: `acceptance:${part.id}:${w.now.toISOString()}`,
      subjectId: part.id,
      title: { zh: '签收分工任务：制定配套政策' },
      unitId: UNITS.commerce,
      responsible: { kind: 'unit_role', unitId: UNITS.commerce, role: 'manager' },
    });
    // each counts for the unit that must accept, and its link opens the acceptance
    expect(unitAnswering(ofPart, UNITS.stic)).toBe(UNITS.commerce);
    expect(unitAnswering(matter, UNITS.stic)).toBe(UNITS.stic);
    expect(actionForDeadline('acceptance', matter.key)).toBe('accept_assignment');
  });

  it('is accepted at once by the leading unit’s manager who starts implementation; not asked at all without an acceptance time', () => {
    const w = approved();
    w.do('sticManager', { type: 'start_implementation' });
    expect(w.matter.acceptance).toMatchObject({ acceptedBy: ACTORS.sticManager.userId, acceptedAt: w.now.toISOString(), comment: IMPLIED });
    expect(acceptances(w).map((d) => d.unitId)).toEqual([UNITS.commerce]);

    const plain = new World();
    plain.do('office', { type: 'assign_part', part: { unitId: UNITS.commerce, deliverable: { zh: '分工' }, due: { in: 'P60D' } } });
    plain.approveAll();
    plain.do('office', { type: 'start_implementation' });
    expect(plain.matter.acceptance).toBeUndefined();
    expect(plain.matter.parts[0].acceptance).toBeUndefined();
    expect(plain.refuse('sticManager', { type: 'accept_assignment' })).toMatchObject({ code: 'acceptance.not_asked' });
  });

  it('is accepted by a manager of that unit only, once, which meets its deadline', () => {
    const w = approved();
    w.do('office', { type: 'start_implementation' });
    const key = acceptances(w)[0].key;
    const partId = w.matter.parts[0].id;
    expect(w.refuse('commerceManager', { type: 'accept_assignment' })).toMatchObject({
      kind: 'forbidden',
      code: 'acceptance.not_your_unit',
    });
    expect(w.refuse('sticApprover', { type: 'accept_assignment' })).toMatchObject({ kind: 'forbidden' });
    expect(w.refuse('sticManager', { type: 'accept_assignment', partId })).toMatchObject({ code: 'acceptance.not_your_unit' });
    expect(availableActions(ACTORS.sticManager, w.matter, BODY, w.now).actions).toContainEqual({ type: 'accept_assignment' });
    expect(availableActions(ACTORS.commerceManager, w.matter, BODY, w.now).actions).toContainEqual({
      type: 'accept_assignment',
      subjectId: partId,
    });

    w.advance(DAY);
    w.do('sticManager', { type: 'accept_assignment', comment: '  已签收，按计划推进  ' });
    expect(w.matter.acceptance).toMatchObject({ acceptedBy: ACTORS.sticManager.userId, comment: '已签收，按计划推进' });
    expect(closingOf(key, w.matter)).toBe('met');
    expect(w.refuse('sticManager', { type: 'accept_assignment' })).toMatchObject({ kind: 'conflict', code: 'acceptance.already_accepted' });
    expect(w.refuse('sticManager', { type: 'return_assignment', reason: '不是本单位职责' })).toMatchObject({
      code: 'acceptance.not_pending',
    });
    expect(acceptances(w).map((d) => d.unitId)).toEqual([UNITS.commerce]);
  });

  it('is implied by the participating unit’s report on its part, and opened at once for a part given during implementation', () => {
    const w = approved();
    w.do('office', { type: 'start_implementation' });
    const [first] = w.matter.parts;
    const events = w.do('commerceManager', { type: 'report_part', partId: first.id, narrative: '已起草' });
    expect(events.map((e) => e.type)).toEqual(['assignment.accepted', 'part.reported']);
    expect(w.matter.parts[0].acceptance).toMatchObject({ acceptedBy: ACTORS.commerceManager.userId, comment: IMPLIED });

    w.do('sticManager', { type: 'assign_part', part: { unitId: UNITS.commerce, deliverable: { zh: '第二项' }, due: { in: 'P30D' } } });
    expect(w.matter.parts[1].acceptance).toMatchObject({ unitId: UNITS.commerce, openedAt: w.now.toISOString(), acceptedAt: null });
  });

  it('is returned with a reason, which cancels its deadline and waits for the reform office', () => {
    const w = approved();
    w.do('office', { type: 'start_implementation' });
    const partId = w.matter.parts[0].id;
    const key = acceptances(w).find((d) => d.subjectId === partId)!.key;
    expect(w.refuse('commerceManager', { type: 'return_assignment', partId, reason: '  ' })).toMatchObject({
      code: 'text.required',
      field: 'reason',
    });
    w.do('commerceManager', { type: 'return_assignment', partId, reason: '该任务属司法局职责' });
    const returned = w.matter.parts[0].acceptance!;
    expect(acceptanceState(returned)).toBe('returned');
    expect(returned).toMatchObject({ returnedBy: ACTORS.commerceManager.userId, returnReason: '该任务属司法局职责' });
    expect(closingOf(key, w.matter)).toBe('cancelled');
    expect(acceptances(w).map((d) => d.subjectId)).toEqual([null]);
    expect(w.refuse('commerceManager', { type: 'accept_assignment', partId })).toMatchObject({ code: 'acceptance.returned' });
    expect(w.refuse('commerceManager', { type: 'resolve_returned_assignment', partId, resolution: 'keep', comment: 'x' })).toMatchObject({
      kind: 'forbidden',
    });
    expect(availableActions(ACTORS.office, w.matter, BODY, w.now).actions).toContainEqual({
      type: 'resolve_returned_assignment',
      subjectId: partId,
    });
  });

  it('comes back to the same unit when the office keeps it there, with a new acceptance and deadline', () => {
    const w = approved();
    w.do('office', { type: 'start_implementation' });
    w.do('sticManager', { type: 'return_assignment', reason: '建议由商务局牵头' });
    w.advance(DAY);
    expect(w.refuse('office', { type: 'resolve_returned_assignment', resolution: 'keep', comment: ' ' })).toMatchObject({
      field: 'comment',
    });
    expect(w.refuse('office', { type: 'resolve_returned_assignment', resolution: 'ignore' as 'keep', comment: '维持' })).toMatchObject({
      code: 'acceptance.resolution_invalid',
      field: 'resolution',
    });
    w.do('office', { type: 'resolve_returned_assignment', resolution: 'keep', comment: '经研究，仍由科创局牵头' });
    expect(w.matter.acceptance).toMatchObject({ unitId: UNITS.stic, openedAt: w.now.toISOString(), returnedAt: null, acceptedAt: null });
    expect(acceptances(w).find((d) => d.subjectId === null)?.key).toBe(`acceptance:${w.matter.id}:${w.now.toISOString()}`);
    expect(w.refuse('office', { type: 'resolve_returned_assignment', resolution: 'keep', comment: '再次' })).toMatchObject({
      code: 'acceptance.not_returned',
    });
  });

  it('goes to another unit when the office transfers it: a part to another participating unit, the matter with a manager of the new leading unit', () => {
    const w = new World(undefined, { participatingUnitIds: [UNITS.commerce, UNITS.justice] }, 'office', { definition: ACCEPTING });
    w.do('office', { type: 'assign_part', part: { unitId: UNITS.commerce, deliverable: { zh: '制定配套政策' }, due: { in: 'P60D' } } });
    w.approveAll();
    w.do('office', { type: 'start_implementation' });
    const partId = w.matter.parts[0].id;
    w.do('commerceManager', { type: 'return_assignment', partId, reason: '属司法局职责' });
    const transfer = { type: 'resolve_returned_assignment' as const, partId, resolution: 'transfer' as const, comment: '改由司法局承担' };
    expect(w.refuse('office', transfer)).toMatchObject({ field: 'unitId', code: 'text.required' });
    expect(w.refuse('office', { ...transfer, unitId: UNITS.commerce })).toMatchObject({ code: 'acceptance.same_unit' });
    expect(w.refuse('office', { ...transfer, unitId: UNITS.stic })).toMatchObject({ code: 'part.not_participating' });
    w.do('office', { ...transfer, unitId: UNITS.justice });
    expect(w.matter.parts[0]).toMatchObject({
      unitId: UNITS.justice,
      contactId: null,
      acceptance: { unitId: UNITS.justice, acceptedAt: null },
    });
    expect(acceptances(w).find((d) => d.subjectId === partId)?.unitId).toBe(UNITS.justice);

    // the matter: the commerce bureau holds no part now (it went to the justice bureau), so it may take the lead
    w.do('sticManager', { type: 'return_assignment', reason: '本事项应由商务局牵头' });
    const lead = {
      type: 'resolve_returned_assignment' as const,
      resolution: 'transfer' as const,
      unitId: UNITS.commerce,
      comment: '改由商务局牵头',
    };
    expect(w.refuse('office', lead)).toMatchObject({ field: 'managerId' });
    expect(w.refuse('office', { ...lead, managerId: ACTORS.sticManager.userId })).toMatchObject({ code: 'manager.not_in_leading_unit' });
    w.do('office', { ...lead, managerId: ACTORS.commerceManager.userId });
    expect(w.matter).toMatchObject({
      leadingUnitId: UNITS.commerce,
      managerId: ACTORS.commerceManager.userId,
      participatingUnitIds: [UNITS.justice],
      acceptance: { unitId: UNITS.commerce, acceptedAt: null },
    });
    w.do('commerceManager', { type: 'accept_assignment' });
    expect(acceptanceState(w.matter.acceptance!)).toBe('accepted');
  });

  it('refuses to give the lead to a unit with an open part of the matter', () => {
    const w = approved();
    w.do('office', { type: 'start_implementation' });
    w.do('sticManager', { type: 'return_assignment', reason: '应由商务局牵头' });
    expect(
      w.refuse('office', {
        type: 'resolve_returned_assignment',
        resolution: 'transfer',
        unitId: UNITS.commerce,
        managerId: ACTORS.commerceManager.userId,
        comment: '改由商务局牵头',
      }),
    ).toMatchObject({ kind: 'conflict', code: 'acceptance.unit_has_part', field: 'unitId' });
  });
});
