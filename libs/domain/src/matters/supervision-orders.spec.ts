/**
 * Supervision orders (三色督办单): issued by the reform office on a matter under way or one of its
 * deadlines, a deadline of the unit they name until the office closes them (销号); acknowledged
 * (签收) by a manager of that unit, and only of that unit.
 */
import { closingOf, deadlinesOf, leadingUnitOwns, policyOf } from '../deadlines/deadlines.js';
import { workingDayBasis } from '../deadlines/calendar-replan.js';
import { actionForDeadline } from '../links/web-paths.js';
import { ACTORS, DEFINITION_BODY, UNITS } from '../testing/fixtures.js';
import { World } from '../testing/world.js';
import { WEEKENDS_ONLY, applyDuration } from '../time/business-calendar.js';
import { orderPolicy } from '../workflow/definition.js';
import { availableActions } from './actions.js';
import type { SupervisionOrderInput } from './commands.js';

const issue = (over: Partial<SupervisionOrderInput> = {}) => ({
  type: 'issue_supervision_order' as const,
  order: { colour: 'red' as const, requirement: '五个工作日内完成首批试点并报送整改情况', due: { in: 'P5D' }, ...over },
});

const running = (): World => {
  const w = new World();
  w.approveAll();
  w.do('office', { type: 'start_implementation' });
  return w;
};

const orderDeadlines = (w: World) => deadlinesOf(w.matter, DEFINITION_BODY, WEEKENDS_ONLY).filter((d) => d.kind === 'order');

describe('supervision orders', () => {
  it('are issued by the reform office alone on a matter under way, each field checked', () => {
    const w = new World();
    expect(w.refuse('office', issue())).toMatchObject({ kind: 'conflict', code: 'stage.action_not_allowed' });
    w.approveAll();
    expect(w.refuse('sticManager', issue())).toMatchObject({ kind: 'forbidden' });
    expect(w.refuse('office', issue({ colour: 'green' as 'red' }))).toMatchObject({ code: 'order.colour_invalid', field: 'colour' });
    expect(w.refuse('office', issue({ requirement: ' ' }))).toMatchObject({ code: 'text.required', field: 'requirement' });
    expect(w.refuse('office', issue({ due: { in: 'PT0S' } }))).toMatchObject({ code: 'due.in_past', field: 'dueIn' });
    expect(w.refuse('office', issue({ due: { on: '2020-01-01' } }))).toMatchObject({ code: 'due.in_past', field: 'dueAt' });
    expect(w.refuse('office', issue({ subjectKey: 'milestone:nope' }))).toMatchObject({
      kind: 'unprocessable',
      code: 'order.unknown_subject',
      field: 'subjectKey',
    });
    const [e] = w.do('office', issue({ due: { on: '2026-01-31' } }));
    expect(e).toMatchObject({ type: 'order.issued' });
    expect(w.matter.supervisionOrders).toEqual([
      {
        id: expect.any(String),
        colour: 'red',
        subjectKey: null,
        subjectTitle: null,
        unitId: w.matter.leadingUnitId,
        requirement: '五个工作日内完成首批试点并报送整改情况',
        dueAt: '2026-01-31T15:59:59.000Z',
        dueGiven: true,
        issuedAt: w.now.toISOString(),
        issuedBy: ACTORS.office.userId,
        acknowledgedAt: null,
        acknowledgedBy: null,
        response: null,
        closedAt: null,
        closedBy: null,
        closingRemark: null,
      },
    ]);
  });

  it('without a time from the office, are due within the definition’s (10 working days by default)', () => {
    const w = running();
    w.do('office', issue({ due: null, colour: 'blue' }));
    const [o] = w.matter.supervisionOrders;
    expect(o.dueGiven).toBe(false);
    expect(orderPolicy(DEFINITION_BODY)).toEqual({ within: { workingDays: 10 }, ...DEFINITION_BODY.milestones });
    expect(o.dueAt).toBe(applyDuration(w.now, { workingDays: 10 }, DEFINITION_BODY.timeZone, WEEKENDS_ONLY).toISOString());
    expect(workingDayBasis(w.matter, DEFINITION_BODY, `order:${o.id}`, WEEKENDS_ONLY)).toMatchObject({ from: o.issuedAt });
  });

  it('on a milestone name it and the leading unit; the deadline runs for the matter’s manager until the office closes it', () => {
    const w = running();
    const ms = w.matter.milestones[0];
    w.do('office', issue({ subjectKey: `milestone:${ms.id}`, colour: 'yellow' }));
    const [o] = w.matter.supervisionOrders;
    expect(o).toMatchObject({ subjectKey: `milestone:${ms.id}`, subjectTitle: ms.title, unitId: UNITS.stic });
    expect(orderDeadlines(w)).toEqual([
      expect.objectContaining({
        key: `order:${o.id}`,
        subjectId: o.id,
        title: {
          zh: '落实黄色督办单：五个工作日内完成首批试点并报送整改情况',
          en: 'Act on the yellow supervision order: 五个工作日内完成首批试点并报送整改情况',
        },
        dueAt: o.dueAt,
        responsible: { kind: 'user', userId: w.matter.managerId },
        unitId: UNITS.stic,
        policy: orderPolicy(DEFINITION_BODY),
      }),
    ]);
    expect(policyOf(DEFINITION_BODY, 'order', `order:${o.id}`)).toEqual(orderPolicy(DEFINITION_BODY));
    // orders have their own figures: they do not count in the on-schedule rate
    expect(leadingUnitOwns({ kind: 'order', key: `order:${o.id}` })).toBe(false);
    expect(actionForDeadline('order', `order:${o.id}`)).toBe('acknowledge_supervision_order');
    // an order is not the subject of another
    expect(w.refuse('office', issue({ subjectKey: `order:${o.id}` }))).toMatchObject({ code: 'order.unknown_subject' });
  });

  it('on a participating unit’s part name that unit: its managers are reminded and acknowledge it, not the leading unit', () => {
    const w = new World();
    w.do('office', { type: 'assign_part', part: { unitId: UNITS.commerce, deliverable: { zh: '制定配套政策' }, due: { in: 'P60D' } } });
    w.approveAll();
    const part = w.matter.parts[0];
    w.do('office', issue({ subjectKey: `part:${part.id}` }));
    const [o] = w.matter.supervisionOrders;
    expect(o.unitId).toBe(UNITS.commerce);
    expect(orderDeadlines(w)[0]).toMatchObject({ responsible: { kind: 'unit_role', unitId: UNITS.commerce, role: 'manager' } });
    const ack = { type: 'acknowledge_supervision_order' as const, orderId: o.id };
    expect(w.refuse('sticManager', ack)).toMatchObject({ kind: 'forbidden' });
    expect(availableActions(ACTORS.sticManager, w.matter, DEFINITION_BODY, w.now).actions).not.toContainEqual(
      expect.objectContaining({ type: 'acknowledge_supervision_order' }),
    );
    expect(availableActions(ACTORS.commerceManager, w.matter, DEFINITION_BODY, w.now).actions).toContainEqual({
      type: 'acknowledge_supervision_order',
      subjectId: o.id,
    });
    w.do('commerceManager', { ...ack, response: ' 已部署整改 ' });
    expect(w.matter.supervisionOrders[0]).toMatchObject({
      acknowledgedAt: w.now.toISOString(),
      acknowledgedBy: ACTORS.commerceManager.userId,
      response: '已部署整改',
    });
  });

  it('are acknowledged once by a manager of their unit, then closed (销号) by the office, which meets the deadline', () => {
    const w = running();
    w.do('office', issue());
    const id = w.matter.supervisionOrders[0].id;
    expect(w.refuse('office', { type: 'acknowledge_supervision_order', orderId: id })).toMatchObject({ kind: 'forbidden' });
    expect(w.refuse('sticManager', { type: 'acknowledge_supervision_order', orderId: 'nope' })).toMatchObject({
      kind: 'not_found',
      code: 'order.unknown',
      field: 'orderId',
    });
    // closing waits for the unit's acknowledgement
    expect(w.refuse('office', { type: 'close_supervision_order', orderId: id })).toMatchObject({
      kind: 'conflict',
      code: 'order.not_acknowledged',
      field: 'orderId',
    });
    w.do('sticManager', { type: 'acknowledge_supervision_order', orderId: id });
    expect(w.refuse('sticManager2', { type: 'acknowledge_supervision_order', orderId: id })).toMatchObject({
      code: 'order.already_acknowledged',
    });
    // acknowledged, the deadline still runs: the matter is not back on track yet
    expect(orderDeadlines(w)).toHaveLength(1);
    expect(w.refuse('sticManager', { type: 'close_supervision_order', orderId: id })).toMatchObject({ kind: 'forbidden' });
    expect(availableActions(ACTORS.office, w.matter, DEFINITION_BODY, w.now).actions).toContainEqual({
      type: 'close_supervision_order',
      subjectId: id,
    });
    w.do('office', { type: 'close_supervision_order', orderId: id, remark: ' 已整改到位，予以销号 ' });
    expect(w.matter.supervisionOrders[0]).toMatchObject({
      closedAt: w.now.toISOString(),
      closedBy: ACTORS.office.userId,
      closingRemark: '已整改到位，予以销号',
    });
    expect(orderDeadlines(w)).toEqual([]);
    expect(closingOf(`order:${id}`, w.matter)).toBe('met');
    expect(w.refuse('office', { type: 'close_supervision_order', orderId: id })).toMatchObject({ code: 'order.closed' });
  });

  it('open on a matter that ends, their deadline is cancelled, not met', () => {
    const w = running();
    w.do('office', issue());
    const id = w.matter.supervisionOrders[0].id;
    w.do('office', { type: 'terminate', reason: '政策调整' });
    expect(orderDeadlines(w)).toEqual([]);
    expect(closingOf(`order:${id}`, w.matter)).toBe('cancelled');
  });
});
