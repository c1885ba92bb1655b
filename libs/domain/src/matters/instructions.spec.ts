/**
 * Leaders' instructions (领导批示): recorded by the reform office on a matter under way, a
 * deadline of the leading unit until it reports how the instruction was carried out, closed
 * (销号) by the office once reported.
 */
import { closingOf, deadlinesOf, leadingUnitOwns, policyOf } from '../deadlines/deadlines.js';
import { workingDayBasis } from '../deadlines/calendar-replan.js';
import { actionForDeadline } from '../links/web-paths.js';
import { ACTORS, DEFINITION_BODY } from '../testing/fixtures.js';
import { World } from '../testing/world.js';
import { WEEKENDS_ONLY, applyDuration } from '../time/business-calendar.js';
import { instructionPolicy } from '../workflow/definition.js';
import { availableActions } from './actions.js';
import type { InstructionInput } from './commands.js';

const record = (over: Partial<InstructionInput> = {}) => ({
  type: 'record_instruction' as const,
  instruction: { leaderName: '张明', leaderTitle: '市委书记', givenOn: '2026-01-04', text: '请抓紧推进，月底前报进展。', ...over },
});

const running = (): World => {
  const w = new World();
  w.approveAll();
  w.do('office', { type: 'start_implementation' });
  return w;
};

const instructionDeadlines = (w: World) => deadlinesOf(w.matter, DEFINITION_BODY, WEEKENDS_ONLY).filter((d) => d.kind === 'instruction');

describe('leaders’ instructions', () => {
  it('are recorded by the reform office alone, once the matter is approved, each field checked', () => {
    const w = new World();
    // the plan is still being decided: nothing to carry out yet
    expect(w.refuse('office', record())).toMatchObject({ kind: 'conflict', code: 'stage.action_not_allowed' });
    w.approveAll();
    expect(w.refuse('sticManager', record())).toMatchObject({ kind: 'forbidden' });
    expect(w.refuse('commerceManager', record())).toMatchObject({ kind: 'forbidden' });
    expect(w.refuse('office', record({ leaderName: '  ' }))).toMatchObject({ code: 'text.required', field: 'leaderName' });
    expect(w.refuse('office', record({ text: '' }))).toMatchObject({ code: 'text.required', field: 'text' });
    expect(w.refuse('office', record({ givenOn: '2026-13-01' }))).toMatchObject({ code: 'date.invalid', field: 'givenOn' });
    expect(w.refuse('office', record({ givenOn: '2026-01-06' }))).toMatchObject({ code: 'date.in_future', field: 'givenOn' });
    expect(w.refuse('office', record({ due: { in: 'PT0S' } }))).toMatchObject({ code: 'due.in_past', field: 'dueIn' });
    expect(w.refuse('office', record({ due: { on: '2026/02/01' } }))).toMatchObject({ code: 'date.invalid', field: 'dueAt' });
    const [e] = w.do('office', record({ due: { on: '2026-01-31' }, leaderTitle: ' ' }));
    expect(e).toMatchObject({ type: 'instruction.recorded' });
    expect(w.matter.instructions).toEqual([
      {
        id: expect.any(String),
        leaderName: '张明',
        leaderTitle: null,
        givenOn: '2026-01-04',
        text: '请抓紧推进，月底前报进展。',
        dueAt: '2026-01-31T15:59:59.000Z',
        dueGiven: true,
        recordedAt: w.now.toISOString(),
        recordedBy: ACTORS.office.userId,
        reports: [],
        closedAt: null,
        closedBy: null,
        closingRemark: null,
      },
    ]);
  });

  it('without the leader’s time limit, are due within the definition’s (15 working days by default)', () => {
    const w = running();
    w.do('office', record());
    const [i] = w.matter.instructions;
    expect(i.dueGiven).toBe(false);
    expect(instructionPolicy(DEFINITION_BODY)).toEqual({ reportWithin: { workingDays: 15 }, ...DEFINITION_BODY.milestones });
    expect(i.dueAt).toBe(applyDuration(w.now, { workingDays: 15 }, DEFINITION_BODY.timeZone, WEEKENDS_ONLY).toISOString());
    // so a new year's holiday data counts it again; a leader's own date is never moved
    expect(workingDayBasis(w.matter, DEFINITION_BODY, `instruction:${i.id}`, WEEKENDS_ONLY)).toMatchObject({ from: i.recordedAt });
    w.do('office', record({ due: { in: 'P5D' } }));
    expect(workingDayBasis(w.matter, DEFINITION_BODY, `instruction:${w.matter.instructions[1].id}`, WEEKENDS_ONLY)).toBeNull();
  });

  it('are a deadline of the leading unit’s manager until the unit reports, which meets it', () => {
    const w = running();
    w.do('office', record({ due: { in: 'P10D' } }));
    const [i] = w.matter.instructions;
    expect(instructionDeadlines(w)).toEqual([
      expect.objectContaining({
        key: `instruction:${i.id}`,
        subjectId: i.id,
        title: { zh: '报送市委书记张明批示落实情况', en: 'Report on carrying out the instruction of 张明 (市委书记)' },
        dueAt: i.dueAt,
        responsible: { kind: 'user', userId: w.matter.managerId },
        unitId: w.matter.leadingUnitId,
        policy: instructionPolicy(DEFINITION_BODY),
      }),
    ]);
    expect(policyOf(DEFINITION_BODY, 'instruction', `instruction:${i.id}`)).toEqual(instructionPolicy(DEFINITION_BODY));
    expect(leadingUnitOwns({ kind: 'instruction', key: `instruction:${i.id}` })).toBe(true);
    expect(actionForDeadline('instruction', `instruction:${i.id}`)).toBe('report_instruction');

    const report = {
      type: 'report_instruction' as const,
      instructionId: i.id,
      narrative: '已召开专题会议部署落实',
      evidenceLinks: ['https://example.gov.cn/m'],
    };
    // the leading unit answers: not the office, not a participating unit
    expect(w.refuse('office', report)).toMatchObject({ kind: 'forbidden' });
    expect(w.refuse('commerceManager', report)).toMatchObject({ kind: 'forbidden' });
    expect(w.refuse('sticManager', { ...report, narrative: ' ' })).toMatchObject({ code: 'text.required', field: 'narrative' });
    expect(w.refuse('sticManager', { ...report, evidenceLinks: ['ftp://x'] })).toMatchObject({
      code: 'url.invalid',
      field: 'evidenceLinks[0]',
    });
    expect(w.refuse('sticManager', { ...report, instructionId: 'nope' })).toMatchObject({
      kind: 'not_found',
      code: 'instruction.unknown',
      field: 'instructionId',
    });
    expect(availableActions(ACTORS.sticManager, w.matter, DEFINITION_BODY, w.now).actions).toContainEqual({
      type: 'report_instruction',
      subjectId: i.id,
    });
    // 销号 waits for a report
    expect(w.refuse('office', { type: 'close_instruction', instructionId: i.id })).toMatchObject({
      kind: 'conflict',
      code: 'instruction.not_reported',
      field: 'instructionId',
    });
    expect(availableActions(ACTORS.office, w.matter, DEFINITION_BODY, w.now).actions).not.toContainEqual(
      expect.objectContaining({ type: 'close_instruction' }),
    );

    w.do('sticManager', report);
    expect(w.matter.instructions[0].reports).toEqual([
      {
        narrative: '已召开专题会议部署落实',
        evidenceLinks: ['https://example.gov.cn/m'],
        reportedAt: w.now.toISOString(),
        reportedBy: ACTORS.sticManager.userId,
      },
    ]);
    expect(instructionDeadlines(w)).toEqual([]);
    expect(closingOf(`instruction:${i.id}`, w.matter)).toBe('met');
    // another manager of the leading unit may add to the account while it is open
    w.do('sticManager2', { type: 'report_instruction', instructionId: i.id, narrative: '已完成首批试点' });
    expect(w.matter.instructions[0].reports).toHaveLength(2);
  });

  it('are closed (销号) by the reform office after a report, with a remark, and take nothing more', () => {
    const w = running();
    w.do('office', record());
    const id = w.matter.instructions[0].id;
    w.do('sticManager', { type: 'report_instruction', instructionId: id, narrative: '已落实' });
    expect(w.refuse('sticManager', { type: 'close_instruction', instructionId: id })).toMatchObject({ kind: 'forbidden' });
    expect(availableActions(ACTORS.office, w.matter, DEFINITION_BODY, w.now).actions).toContainEqual({
      type: 'close_instruction',
      subjectId: id,
    });
    w.do('office', { type: 'close_instruction', instructionId: id, remark: ' 落实到位，予以销号 ' });
    expect(w.matter.instructions[0]).toMatchObject({
      closedAt: w.now.toISOString(),
      closedBy: ACTORS.office.userId,
      closingRemark: '落实到位，予以销号',
    });
    expect(w.refuse('office', { type: 'close_instruction', instructionId: id })).toMatchObject({ code: 'instruction.closed' });
    expect(w.refuse('sticManager', { type: 'report_instruction', instructionId: id, narrative: 'x' })).toMatchObject({
      code: 'instruction.closed',
    });
    expect(availableActions(ACTORS.sticManager, w.matter, DEFINITION_BODY, w.now).actions).not.toContainEqual(
      expect.objectContaining({ type: 'report_instruction' }),
    );
  });

  it('unanswered on a matter that ends, its deadline is cancelled, not met', () => {
    const w = running();
    w.do('office', record());
    const id = w.matter.instructions[0].id;
    w.do('office', { type: 'terminate', reason: '政策调整' });
    expect(instructionDeadlines(w)).toEqual([]);
    expect(closingOf(`instruction:${id}`, w.matter)).toBe('cancelled');
  });

  it('follow the matter to a new manager when the office hands it over', () => {
    const w = running();
    w.do('office', record());
    w.do('office', { type: 'reassign_manager', managerId: ACTORS.sticManager2.userId, reason: '岗位调整' });
    expect(instructionDeadlines(w)[0].responsible).toEqual({ kind: 'user', userId: ACTORS.sticManager2.userId });
  });
});
