import type { MatterEvent } from '../matters/events.js';
import { evolve } from '../matters/evolve.js';
import { DEFINITION, DEFINITION_BODY } from '../testing/fixtures.js';
import { World } from '../testing/world.js';
import { type BusinessCalendar, WEEKENDS_ONLY, calendarOutlook, isProvisional } from '../time/business-calendar.js';
import type { WorkflowDefinition } from '../workflow/definition.js';
import { replanOnCalendar } from './calendar-replan.js';
import { deadlinesOf } from './deadlines.js';
import { UNITS } from '../testing/fixtures.js';

const tz = 'Asia/Shanghai';

/** 2026 known (no holidays needed here); 2027 not. */
const ONLY_2026: BusinessCalendar = { years: new Set([2026]), holidays: new Map(), adjustedWorkingDays: new Map() };

/** 2027 as a calendar would hold it once published: 元旦 1–3 January off (illustrative for the test, not a published notice). */
const WITH_2027: BusinessCalendar = {
  years: new Set([2026, 2027]),
  holidays: new Map(['2027-01-01', '2027-01-04', '2027-01-05'].map((d) => [d, { zh: '元旦' }])),
  adjustedWorkingDays: new Map(),
};

/** The test definition with the approval stage counted in working days, as config/workflows/reform-pilot.yaml does. */
const WORKING_DAYS: WorkflowDefinition = {
  ...DEFINITION,
  body: {
    ...DEFINITION_BODY,
    stages: { ...DEFINITION_BODY.stages, in_approval: { ...DEFINITION_BODY.stages.in_approval, due: { workingDays: 10 } } },
  },
};

describe(isProvisional.name, () => {
  it('is provisional when the working days walk into a year without holiday data', () => {
    expect(isProvisional(new Date('2026-12-24T01:00:00Z'), { workingDays: 10 }, tz, ONLY_2026)).toBe(true);
    expect(isProvisional(new Date('2026-12-01T01:00:00Z'), { workingDays: 10 }, tz, ONLY_2026)).toBe(false);
    expect(isProvisional(new Date('2026-12-24T01:00:00Z'), { workingDays: 10 }, tz, WITH_2027)).toBe(false);
  });

  it('never marks an ISO duration, which does not depend on holidays', () => {
    expect(isProvisional(new Date('2026-12-24T01:00:00Z'), 'P30D', tz, WEEKENDS_ONLY)).toBe(false);
  });
});

describe(calendarOutlook.name, () => {
  it('says nothing before October when next year is missing', () => {
    expect(calendarOutlook(ONLY_2026, new Date('2026-09-30T15:00:00Z'), tz)).toMatchObject({ status: 'ok', missing: [] });
  });

  it('warns from 1 October (Beijing time) when next year is missing', () => {
    const o = calendarOutlook(ONLY_2026, new Date('2026-09-30T16:00:00Z'), tz); // 00:00 on 1 October in Shanghai
    expect(o).toMatchObject({ status: 'warning', nextYear: 2027, missing: [2027] });
    expect(o.message).toContain('cn-2027.yaml');
  });

  it('is quiet again once next year is added, and warns at any time when the current year is missing', () => {
    expect(calendarOutlook(WITH_2027, new Date('2026-11-15T00:00:00Z'), tz).status).toBe('ok');
    expect(calendarOutlook(ONLY_2026, new Date('2027-03-01T00:00:00Z'), tz)).toMatchObject({ status: 'warning', missing: [2027] });
  });
});

describe(replanOnCalendar.name, () => {
  const submitted = (calendar: BusinessCalendar) => {
    const w = new World(new Date('2026-12-24T01:00:00Z'), {}, 'office', { definition: WORKING_DAYS, calendar });
    w.do('office', { type: 'submit' });
    return w;
  };
  const stageOf = (w: World, calendar: BusinessCalendar) =>
    deadlinesOf(w.matter, WORKING_DAYS.body, calendar).find((d) => d.kind === 'stage')!;

  it('marks a working-day deadline over a year without data provisional, counted on weekends alone', () => {
    const w = submitted(ONLY_2026);
    // Thu 24 Dec + 10 weekdays: 25, 28–31 Dec, 1, 4–7 Jan
    expect(w.matter.stageDueAt).toBe('2027-01-07T01:00:00.000Z');
    expect(stageOf(w, ONLY_2026)).toMatchObject({ dueAt: '2027-01-07T01:00:00.000Z', provisional: true });
  });

  it('moves it by the holidays once the year is added, and it is provisional no more', () => {
    // 25, 28–31 Dec (5), 1, 4, 5 Jan off, 6–8 and 11–12 Jan (5): Tuesday 12 January
    const w = submitted(ONLY_2026);
    const keys = deadlinesOf(w.matter, WORKING_DAYS.body, WITH_2027).map((d) => d.key);
    const event = replanOnCalendar(w.matter, WORKING_DAYS.body, WITH_2027, keys, new Date('2026-12-28T00:00:00Z'));
    expect(event).toMatchObject({
      type: 'deadlines.replanned',
      moves: [{ key: keys[0], previousDueAt: '2027-01-07T01:00:00.000Z', dueAt: '2027-01-12T01:00:00.000Z' }],
    });
    w.matter = replayed(w, event);
    expect(w.matter.stageDueAt).toBe('2027-01-12T01:00:00.000Z');
    expect(stageOf(w, WITH_2027)).toMatchObject({ dueAt: '2027-01-12T01:00:00.000Z', provisional: false });
  });

  it('changes nothing when the calendar already knew the year, or for a deadline in ISO time', () => {
    const known = submitted(WITH_2027);
    const keys = deadlinesOf(known.matter, WORKING_DAYS.body, WITH_2027).map((d) => d.key);
    expect(replanOnCalendar(known.matter, WORKING_DAYS.body, WITH_2027, keys, new Date())).toBeNull();
    const iso = new World(new Date('2026-12-24T01:00:00Z'), {}, 'office', { calendar: ONLY_2026 });
    iso.do('office', { type: 'submit' });
    const isoKeys = deadlinesOf(iso.matter, DEFINITION_BODY, ONLY_2026).map((d) => d.key);
    expect(deadlinesOf(iso.matter, DEFINITION_BODY, ONLY_2026).every((d) => !d.provisional)).toBe(true);
    expect(replanOnCalendar(iso.matter, DEFINITION_BODY, WITH_2027, isoKeys, new Date())).toBeNull();
  });

  it('counts an acceptance (签收) again from when it opened: the matter’s and its part’s', () => {
    // acceptance in 5 working days, opened on Thursday 24 December 2026 when the office starts implementation
    const ACCEPTING: WorkflowDefinition = {
      ...DEFINITION,
      body: { ...DEFINITION_BODY, acceptance: { within: { workingDays: 5 }, reminders: [], escalation: [] } },
    };
    const w = new World(new Date('2026-12-10T01:00:00Z'), {}, 'office', { definition: ACCEPTING, calendar: ONLY_2026 });
    w.do('office', { type: 'assign_part', part: { unitId: UNITS.commerce, deliverable: { zh: '制定配套政策' }, due: { in: 'P60D' } } });
    w.approveAll();
    w.now = new Date('2026-12-24T01:00:00Z');
    w.do('office', { type: 'start_implementation' });
    const accepting = () => deadlinesOf(w.matter, ACCEPTING.body, WITH_2027).filter((d) => d.kind === 'acceptance');
    // 25, 28–31 Dec: Thursday 31 December, in the known year; a part given on 30 December runs into 2027
    expect(accepting().map((d) => d.dueAt)).toEqual(['2026-12-31T01:00:00.000Z', '2026-12-31T01:00:00.000Z']);
    w.now = new Date('2026-12-30T01:00:00Z');
    w.do('office', { type: 'assign_part', part: { unitId: UNITS.commerce, deliverable: { zh: '资金保障' }, due: { in: 'P60D' } } });
    const late = deadlinesOf(w.matter, ACCEPTING.body, ONLY_2026).find((d) => d.kind === 'acceptance' && d.title.zh?.includes('资金保障'))!;
    // 31 Dec, 1, 4, 5, 6 Jan on weekends alone
    expect(late).toMatchObject({ dueAt: '2027-01-06T01:00:00.000Z', provisional: true });

    const keys = deadlinesOf(w.matter, ACCEPTING.body, WITH_2027).map((d) => d.key);
    const event = replanOnCalendar(w.matter, ACCEPTING.body, WITH_2027, keys, new Date('2026-12-31T00:00:00Z'));
    // with 1, 4 and 5 January off: 31 Dec, 6, 7, 8, 11 Jan
    expect(event).toMatchObject({
      moves: [{ key: late.key, previousDueAt: '2027-01-06T01:00:00.000Z', dueAt: '2027-01-11T01:00:00.000Z' }],
    });
    w.matter = replayed(w, event);
    const moved = accepting().find((d) => d.key === late.key)!;
    expect(moved).toMatchObject({ dueAt: '2027-01-11T01:00:00.000Z', provisional: false });
    expect(w.matter.parts.find((p) => p.id === late.subjectId)?.acceptance?.dueAt).toBe('2027-01-11T01:00:00.000Z');
  });
});

const replayed = (w: World, e: MatterEvent | null) => (e ? evolve(w.matter, e) : w.matter);
