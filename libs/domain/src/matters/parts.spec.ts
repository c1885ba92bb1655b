/**
 * Participating units' parts (分工): given by the leading unit or the reform office to one of
 * the matter's participating units, a deadline of that unit while the matter runs, reported
 * on and marked done by that unit alone.
 */
import { closingOf, deadlinesOf, policyOf, unitAnswering } from '../deadlines/deadlines.js';
import { ACTORS, DEFINITION_BODY, UNITS } from '../testing/fixtures.js';
import { World } from '../testing/world.js';
import { WEEKENDS_ONLY } from '../time/business-calendar.js';
import { availableActions } from './actions.js';
import type { PartInput } from './commands.js';

const give = (over: Partial<PartInput> = {}) => ({
  type: 'assign_part' as const,
  part: { unitId: UNITS.commerce, deliverable: { zh: '制定配套政策' }, due: { in: 'P60D' }, ...over },
});

describe('participating units’ parts', () => {
  it('goes only to a participating unit, with a contact person of that unit, from the leading unit or the reform office', () => {
    const w = new World();
    expect(w.refuse('office', give({ unitId: UNITS.stic }))).toMatchObject({ code: 'part.not_participating', field: 'unitId' });
    expect(w.refuse('office', give({ unitId: UNITS.justice }))).toMatchObject({ code: 'part.not_participating' });
    expect(w.refuse('office', give({ contactId: ACTORS.sticManager.userId }))).toMatchObject({
      code: 'part.contact_not_in_unit',
      field: 'contactId',
    });
    expect(w.refuse('office', give({ deliverable: { zh: '  ' } }))).toMatchObject({ code: 'text.required', field: 'deliverable' });
    expect(w.refuse('office', give({ due: { in: 'PT0S' } }))).toMatchObject({ code: 'due.in_past', field: 'dueIn' });
    // the participating unit does not give itself work, nor does another unit
    expect(w.refuse('commerceManager', give())).toMatchObject({ kind: 'forbidden' });
    w.do('sticManager', give({ contactId: ACTORS.commerceApprover.userId }));
    w.do('office', give({ deliverable: { zh: '第二项分工' } }));
    expect(w.matter.parts).toEqual([
      expect.objectContaining({
        unitId: UNITS.commerce,
        contactId: ACTORS.commerceApprover.userId,
        assignedBy: ACTORS.sticManager.userId,
        reports: [],
        completedAt: null,
      }),
      expect.objectContaining({ contactId: null, assignedBy: ACTORS.office.userId }),
    ]);
  });

  it('is a deadline of the participating unit once the matter is approved, reminding its contact person or its managers', () => {
    const w = new World();
    w.do('office', give({ contactId: ACTORS.commerceApprover.userId }));
    w.do('office', give({ deliverable: { zh: '第二项分工' } }));
    const parts = () => deadlinesOf(w.matter, DEFINITION_BODY, WEEKENDS_ONLY).filter((d) => d.kind === 'part');
    // in the draft plan it waits for approval (交办)
    expect(parts()).toEqual([]);
    w.approveAll();
    const [first, second] = w.matter.parts;
    expect(parts()).toEqual([
      expect.objectContaining({
        key: `part:${first.id}`,
        subjectId: first.id,
        title: { zh: '制定配套政策' },
        dueAt: first.dueAt,
        unitId: UNITS.commerce,
        responsible: { kind: 'user', userId: ACTORS.commerceApprover.userId },
        policy: DEFINITION_BODY.milestones,
      }),
      expect.objectContaining({
        key: `part:${second.id}`,
        unitId: UNITS.commerce,
        responsible: { kind: 'unit_role', unitId: UNITS.commerce, role: 'manager' },
      }),
    ]);
    expect(policyOf(DEFINITION_BODY, 'part', `part:${first.id}`)).toBe(DEFINITION_BODY.milestones);
    // it counts for the participating unit in the scorecard, not for the leading unit
    expect(unitAnswering(parts()[0], w.matter.leadingUnitId)).toBe(UNITS.commerce);
    expect(unitAnswering({ kind: 'milestone', key: 'milestone:x', unitId: UNITS.stic }, UNITS.stic)).toBe(UNITS.stic);
    expect(unitAnswering({ kind: 'approval_step', key: 'step:x', unitId: UNITS.office }, UNITS.stic)).toBeNull();
  });

  it('is moved during implementation (the deadline follows) and taken back with a reason once the matter runs', () => {
    const w = new World();
    w.do('office', give());
    w.approveAll();
    w.do('office', { type: 'start_implementation' });
    const id = w.matter.parts[0].id;
    const before = w.matter.parts[0].dueAt;
    const [moved] = w.do('sticManager', { type: 'edit_part', partId: id, due: { in: 'P120D' } });
    expect(moved).toMatchObject({ type: 'part.edited', previousDueAt: before });
    expect(w.matter.parts[0].dueAt).not.toBe(before);
    expect(deadlinesOf(w.matter, DEFINITION_BODY, WEEKENDS_ONLY).find((d) => d.kind === 'part')?.dueAt).toBe(w.matter.parts[0].dueAt);
    expect(w.refuse('office', { type: 'edit_part', partId: id })).toMatchObject({ code: 'edit.empty' });
    expect(w.refuse('office', { type: 'edit_part', partId: 'nope', due: { in: 'P1D' } })).toMatchObject({
      kind: 'not_found',
      code: 'part.unknown',
      field: 'partId',
    });
    expect(w.refuse('office', { type: 'remove_part', partId: id })).toMatchObject({ code: 'text.required', field: 'reason' });
    // the unit stays a participating unit while it has a part
    w.do('office', { type: 'remove_part', partId: id, reason: '职责调整' });
    expect(w.matter.parts).toEqual([]);
    expect(closingOf(`part:${id}`, w.matter)).toBe('cancelled');
  });

  it('is reported on and marked done by its own unit only, which meets its deadline', () => {
    const w = new World();
    w.do('office', give({ contactId: ACTORS.commerceApprover.userId }));
    w.approveAll();
    w.do('office', { type: 'start_implementation' });
    const id = w.matter.parts[0].id;
    const report = (complete = false) => ({
      type: 'report_part' as const,
      partId: id,
      narrative: '已起草配套政策初稿',
      evidenceLinks: ['https://example.gov.cn/draft'],
      complete,
    });
    // the leading unit answers for the matter, not for the participating unit's part
    expect(w.refuse('sticManager', report())).toMatchObject({ kind: 'forbidden' });
    expect(w.refuse('office', report())).toMatchObject({ kind: 'forbidden' });
    expect(w.refuse('commerceManager', { ...report(), narrative: ' ' })).toMatchObject({ code: 'text.required', field: 'narrative' });
    expect(w.refuse('commerceManager', { ...report(), evidenceLinks: ['ftp://x'] })).toMatchObject({
      code: 'url.invalid',
      field: 'evidenceLinks[0]',
    });
    expect(availableActions(ACTORS.commerceApprover, w.matter, DEFINITION_BODY, w.now).actions).toContainEqual({
      type: 'report_part',
      subjectId: id,
    });
    expect(availableActions(ACTORS.sticManager, w.matter, DEFINITION_BODY, w.now).actions).not.toContainEqual(
      expect.objectContaining({ type: 'report_part' }),
    );
    w.do('commerceManager', report());
    expect(w.matter.parts[0]).toMatchObject({ completedAt: null, reports: [expect.objectContaining({ completes: false })] });
    // the contact person, though not a manager, reports on their part and marks it done
    w.do('commerceApprover', report(true));
    expect(w.matter.parts[0]).toMatchObject({ completedAt: w.now.toISOString(), completedBy: ACTORS.commerceApprover.userId });
    expect(deadlinesOf(w.matter, DEFINITION_BODY, WEEKENDS_ONLY).some((d) => d.kind === 'part')).toBe(false);
    expect(closingOf(`part:${id}`, w.matter)).toBe('met');
    expect(w.refuse('commerceManager', report())).toMatchObject({ code: 'part.already_completed' });
    expect(w.refuse('office', { type: 'edit_part', partId: id, due: { in: 'P1D' } })).toMatchObject({ code: 'part.completed' });
  });

  it('keeps a unit with a part among the participating units of a draft', () => {
    const w = new World();
    w.do('office', give());
    expect(w.refuse('office', { type: 'edit', changes: { participatingUnitIds: [] } })).toMatchObject({
      code: 'participating_units.has_part',
      field: 'participatingUnitIds',
    });
    w.do('office', { type: 'remove_part', partId: w.matter.parts[0].id });
    w.do('office', { type: 'edit', changes: { participatingUnitIds: [] } });
    expect(w.matter.participatingUnitIds).toEqual([]);
  });
});
