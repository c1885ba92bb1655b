/**
 * Every word a report document prints, per locale (`locales/zh-CN.ts`, `locales/en.ts`). The
 * catalogs are typed by this interface, so a label added for one language and forgotten in
 * the other does not compile. Sentences with numbers in them are functions, so each language
 * keeps its own word order and plurals.
 */
import type { DeliveryStatus, Locale, Stage } from '#domain';
import type { DeadlineRef } from '../model.js';
import { en } from './locales/en.js';
import { zhCN } from './locales/zh-CN.js';

export interface Labels {
  /** Shown for a value there is none of (a null rate, a blank text). */
  none: string;
  /** Between a label and its value in running text. */
  labelSeparator: string;
  listSeparator: string;
  parenOpen: string;
  parenClose: string;
  /** A matter that is no longer open has no delivery status. */
  notOpen: string;
  beijingTime(zone: string): string;
  dateRange(from: string, to: string): string;
  timeRange(from: string, to: string): string;
  unitWithCode(name: string, code: string): string;
  /** A person with their unit (already written by `unitWithCode`). */
  personInUnit(name: string, unit: string): string;
  /** The heading of a table of contents. */
  contents: string;
  pageOf: (page: number, pages: number) => string;
  /** `一、` / `1.`: the number of a top-level section. */
  section(n: number): string;
  stages: Record<Stage, string>;
  statuses: Record<DeliveryStatus, string>;
  deadlineKinds: Record<DeadlineRef['kind'], string>;

  meta: {
    generatedAt: string;
    timeZone: string;
    checksum: string;
    period: string;
    asOf: string;
    scope: string;
    allUnits: string;
  };

  replication: {
    numbered(n: number): string;
    draft: string;
    draftNote: string;
    number: string;
    issuedAt: string;
    issuedBy: string;
    summary: string;
    summaryText(experiences: number, areas: number): string;
    empty: string;
    emptyArea: string;
    policyArea: string;
    experiences: string;
    area(title: string, count: number): string;
    experience(n: number, title: string): string;
    matter: string;
    batch: string;
    leadingUnit: string;
    contactUnit: string;
    regions: string;
    fields: string;
    recordedAt: string;
    link: string;
    practice: string;
    conditions: string;
    evaluation: string;
    evaluator: string;
    evaluatedAt: string;
    criterion: string;
    range: string;
    score: string;
    average: string;
    narrative: string;
    results: string;
    noResults: string;
    noScores: string;
    indicator: string;
    baseline: string;
    target: string;
    byDate: string;
    actual: string;
    met: string;
    metYes: string;
    metNo: string;
    metUnknown: string;
    evidence: string;
    adoptions: string;
    adoptionsNote(asOf: string, issued: boolean): string;
    authority: string;
    authorityBatch(n: number): string;
    adoptionAction: { adopted: string; promoted: string };
    adoptionBatch: string;
    adoptionIssuedOn: string;
    adoptionDocument: string;
    experienceColumn: string;
  };

  progress: {
    overview: string;
    overviewText(t: { matters: number; open: number; overdue: number; upcoming: number; days: number; milestones: number }): string;
    byStage: string;
    stage: string;
    byStatus: string;
    status: string;
    matters: string;
    units: string;
    unit: string;
    deadlinesDue: string;
    metOnTime: string;
    onScheduleRate: string;
    rateLegend: string;
    noUnits: string;
    noMatters: string;
    detail: string;
    unitText(t: { matters: number; due: number; met: number; rate: string }): string;
    overdue(n: number): string;
    upcoming(days: number, n: number): string;
    milestones(n: number): string;
    noOverdue: string;
    noUpcoming(days: number): string;
    noMilestones: string;
    code: string;
    matter: string;
    deadline: string;
    dueAt: string;
    daysOverdue: string;
    escalation: string;
    escalationLevel(level: number): string;
    daysLeft: string;
    milestone: string;
    completedAt: string;
    onTime: string;
    onTimeYes: string;
    onTimeNo: string;
    missingReports(n: number): string;
    noMissingReports: string;
    reportPeriod: string;
    filedAt: string;
    notFiled: string;
  };

  scorecard: {
    unitsText(n: number): string;
    noRows: string;
    unit: string;
    matters: string;
    open: string;
    deadlinesDue: string;
    metOnTime: string;
    onScheduleRate: string;
    averageDaysOverdue: string;
    urgeReceived: string;
    acknowledgedInTime: string;
    acknowledgedLate: string;
    unanswered: string;
    legend: string;
    /** Before the list of matters exempted under the fault-tolerance guidelines. */
    exemptedText: string;
    exempted(unit: string, matter: string, basis: string): string;
  };

  bulletin: {
    numbered(n: number): string;
    draft: string;
    draftNote: string;
    number: string;
    issuedAt: string;
    issuedBy: string;
    /** Who issues a bulletin the worker issued on its schedule. */
    office: string;
    overview: string;
    overviewText(t: {
      matters: number;
      due: number;
      met: number;
      rate: string;
      completed: number;
      overdue: number;
      overdueUnits: number;
      missing: number;
    }): string;
    completed(n: number): string;
    noCompleted: string;
    completedAt: string;
    onSchedule(n: number): string;
    onScheduleText: string;
    noOnSchedule: string;
    overdueUnits(n: number): string;
    overdueText: string;
    noOverdue: string;
    missingReports(n: number): string;
    /** 三色督办单: the units named for red orders still open. */
    redOrders(n: number): string;
    redOrdersText: string;
    noRedOrders: string;
    requirement: string;
    orderIssuedAt: string;
    acknowledged(yes: boolean): string;
    /** After a unit's name in a heading: how many it has. */
    items(n: number): string;
    request: string;
  };
}

const CATALOGS: Record<Locale, Labels> = { 'zh-CN': zhCN, en };

export function labelsFor(locale: Locale): Labels {
  return CATALOGS[locale] ?? zhCN;
}
