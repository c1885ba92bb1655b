import type { Locale } from '#domain';
import { renderTemplate } from './renderer.js';
import type { MatterRef, Recipient, RenderedMail, TemplateData, TemplateName } from './template-data.js';

/**
 * Sample data for every mail template, for `npm run mail:preview` and the renderer's tests:
 * matters, batches and units from seeds/, dates in 2026. Each template has a sample whose
 * id is its name, and some have variants (`decision-made--approved`) for their other branches.
 * One matter (BEP-06 here) has a Chinese title only, as a matter drafted without an English
 * one would: English mails show its Chinese title.
 */
export interface Sample<N extends TemplateName = TemplateName> {
  /** The template's name, or `<name>--<variant>`; also the preview's file name. */
  id: string;
  name: N;
  /** What the sample shows, for the preview's index. */
  note: string;
  data: TemplateData[N];
}
export type AnySample = { [N in TemplateName]: Sample<N> }[TemplateName];

const PUBLIC_URL = 'https://reformflow.example.org';

export const SAMPLE_RECIPIENTS: Record<Locale, Recipient> = {
  'zh-CN': { displayName: '张伟', locale: 'zh-CN', timeZone: 'Asia/Shanghai', settingsUrl: `${PUBLIC_URL}/settings` },
  en: { displayName: 'Chen Yu', locale: 'en', timeZone: 'Asia/Shanghai', settingsUrl: `${PUBLIC_URL}/settings` },
};

const OPINIONS = {
  batchCode: 'SZ-2024-OPINIONS',
  batchTitle: {
    zh: '关于深入推进深圳综合改革试点深化改革创新扩大开放的意见',
    en: 'Opinions on Further Advancing the Shenzhen Comprehensive Reform Pilot, Deepening Reform, Innovation, and Expanding Opening Up',
  },
};
const BUSINESS_ENVIRONMENT = {
  batchCode: 'SZ-BEP',
  batchTitle: { zh: '营造国际化营商环境工作方案', en: 'Work plan for fostering an internationalized business environment' },
};
const STIC = { zh: '深圳市科技创新局', en: 'Shenzhen Municipal Science, Technology and Innovation Commission' };

const matter = (id: string, m: Omit<MatterRef, 'id' | 'url'>): MatterRef => ({ id, ...m, url: `${PUBLIC_URL}/matters/${id}` });

export const SAMPLE_MATTERS = {
  funding: matter('0b7e3c1a-5d2f-4c8e-9a61-2f4d8b3e7c10', {
    code: 'OP24-01-04',
    title: { zh: '科研经费“预算+负面清单”管理改革', en: 'Research funding management by "budget + negative list"' },
    ...OPINIONS,
    leadingUnit: STIC,
  }),
  salary: matter('5c2a9e47-1b3d-4f60-8e2a-7d91c4b6a350', {
    code: 'OP24-01-02',
    title: { zh: '新型研发机构市场化薪酬管理制度', en: 'Market-oriented salary management for new-type R&D institutions' },
    ...OPINIONS,
    leadingUnit: STIC,
  }),
  vocational: matter('9f4d2b86-3e7a-4c15-b0d8-61a5e2c9f742', {
    code: 'OP24-02-04',
    title: { zh: '允许外商投资在深设立职业技能培训机构', en: 'Foreign-invested vocational training institutions in Shenzhen' },
    ...OPINIONS,
    leadingUnit: { zh: '深圳市人力资源和社会保障局', en: 'Shenzhen Municipal Human Resources and Social Security Bureau' },
  }),
  /** Chinese title only. */
  crossBorderData: matter('e3a18c5d-7b94-4f2e-a6c0-84d2b7f1e965', {
    code: 'BEP-06',
    title: { zh: '推动数据要素安全高效跨境流动' },
    ...BUSINESS_ENVIRONMENT,
    leadingUnit: { zh: '深圳市前海深港现代服务业合作区管理局', en: 'Qianhai Authority' },
  }),
} satisfies Record<string, MatterRef>;
const M = SAMPLE_MATTERS;

const sample = <N extends TemplateName>(id: string, name: N, note: string, data: TemplateData[N]): AnySample =>
  ({ id, name, note, data }) as AnySample;

const salaryMilestone = {
  kind: 'milestone' as const,
  what: {
    zh: '完成《新型研发机构薪酬管理办法（试行）》起草并报市政府审定',
    en: 'Draft the salary measures for new-type R&D institutions (trial) and submit them to the municipal government',
  },
  dueAt: '2026-04-30T15:59:59Z',
};
const fundingProgress = {
  kind: 'progress_report' as const,
  what: { zh: '报送2026年第一季度实施进展', en: 'Report implementation progress for the first quarter of 2026' },
  dueAt: '2026-04-10T10:00:00Z',
};
const COMMERCE = { zh: '深圳市商务局', en: 'Shenzhen Municipal Commerce Bureau' };
const JUSTICE = { zh: '深圳市司法局', en: 'Shenzhen Municipal Justice Bureau' };
const FUNDING_PART = '3e9b6d21-4f7a-4c08-b5e2-9a1c7d4f6b38';
const urgeMessage =
  '该事项“制定外商投资职业技能培训机构设立指引”里程碑已逾期15天。请于3月20日前报送书面说明，列明未按期完成的原因、目前进展和后续计划。';
const urgeUrl = `${M.vocational.url}/urge-notices/4d1c7e2a-9b35-4a8f-8c60-1e7f3b2d5a94`;

export const SAMPLES: readonly AnySample[] = [
  sample('approval-requested', 'approval-requested', 'An approval step with a time limit', {
    matter: M.funding,
    step: { zh: '市综合改革办审核', en: 'Reform office review' },
    dueAt: '2026-03-13T10:00:00Z',
    ifMissed: { level: 1, notify: ['responsible_manager'], at: '2026-03-14T10:00:00Z' },
  }),
  sample('approval-requested--no-time-limit', 'approval-requested', 'An approval step without a time limit', {
    matter: M.salary,
    step: { zh: '法律法规调整授权', en: 'Legal authorization' },
    dueAt: null,
    ifMissed: null,
  }),
  sample('decision-made', 'decision-made', 'Returned for revision, with the comment', {
    matter: M.funding,
    step: { zh: '牵头单位审核', en: 'Leading unit review' },
    decision: 'returned',
    decidedBy: '李娜',
    comment:
      '负面清单第3项“不得用于支付各种罚款、捐款、赞助”与财政部门现行规定表述不一致，请与市财政局核对后修改。\n风险评估中请补充经费自主调剂可能带来的审计风险及应对措施。',
  }),
  sample('decision-made--approved', 'decision-made', 'Approved, no comment', {
    matter: M.salary,
    step: { zh: '市综合改革办审核', en: 'Reform office review' },
    decision: 'approved',
    decidedBy: '陈静',
    comment: null,
  }),
  sample('decision-made--rejected', 'decision-made', 'Rejected, with the comment', {
    matter: M.vocational,
    step: { zh: '市综合改革办审核', en: 'Reform office review' },
    decision: 'rejected',
    decidedBy: '陈静',
    comment: '外资准入事项须先取得国家有关部门的明确授权，现有材料未说明授权依据，暂不予通过。',
  }),
  sample('deadline-reminder', 'deadline-reminder', 'A milestone, 7 days before its due time', {
    matter: M.salary,
    deadline: salaryMilestone,
    offset: 'P7D',
    ifMissed: { level: 1, notify: ['responsible_manager'], at: '2026-05-01T15:59:59Z' },
  }),
  sample('deadline-reminder--authorization-expiry', 'deadline-reminder', 'A time-limited legal authorization, 30 days before it lapses', {
    matter: M.salary,
    deadline: {
      kind: 'authorization_expiry' as const,
      what: { zh: '法律法规调整授权到期（国函〔2026〕12号）', en: 'Legal authorization lapses (国函〔2026〕12号)' },
      dueAt: '2029-06-30T15:59:59Z',
    },
    offset: 'P30D',
    ifMissed: { level: 1, notify: ['responsible_manager'], at: '2029-07-01T15:59:59Z' },
  }),
  sample('deadline-reminder--part', 'deadline-reminder', "A participating unit's part (分工), 3 days before it is due", {
    matter: M.salary,
    deadline: {
      kind: 'part' as const,
      what: { zh: '制定新型研发机构人才引进配套政策', en: 'Draft the talent-attraction measures for new-type R&D institutions' },
      dueAt: '2026-06-30T15:59:59Z',
    },
    offset: 'P3D',
    ifMissed: { level: 1, notify: ['responsible_manager'], at: '2026-07-01T15:59:59Z' },
  }),
  sample('deadline-reminder--instruction', 'deadline-reminder', "A leader's instruction (领导批示), 3 days before its report is due", {
    matter: M.salary,
    deadline: {
      kind: 'instruction' as const,
      what: { zh: '报送市委书记张明批示落实情况', en: 'Report on carrying out the instruction of 张明 (市委书记)' },
      dueAt: '2026-06-30T15:59:59Z',
    },
    offset: 'P3D',
    ifMissed: { level: 1, notify: ['responsible_manager'], at: '2026-07-01T15:59:59Z' },
  }),
  sample('deadline-reminder--order', 'deadline-reminder', 'A red supervision order, 3 days before it is due', {
    matter: M.salary,
    deadline: {
      kind: 'order' as const,
      what: { zh: '落实红色督办单：完成首批试点', en: 'Act on the red supervision order: 完成首批试点' },
      dueAt: '2026-06-30T15:59:59Z',
    },
    offset: 'P3D',
    ifMissed: { level: 1, notify: ['responsible_manager'], at: '2026-07-01T15:59:59Z' },
  }),
  sample(
    'deadline-reminder--provisional',
    'deadline-reminder',
    'An approval step counted in working days into a year without holiday data: the due time is an estimate on weekends alone',
    {
      matter: M.crossBorderData,
      deadline: {
        kind: 'approval_step',
        what: { zh: '完成牵头单位审核', en: 'Complete the leading unit review' },
        dueAt: '2027-01-07T01:00:00Z',
        provisional: true,
      },
      offset: '3 working days',
      ifMissed: null,
    },
  ),
  sample('deadline-reminder--at-due-time', 'deadline-reminder', 'A progress report, at its due time', {
    matter: M.funding,
    deadline: fundingProgress,
    offset: 'PT0S',
    ifMissed: { level: 1, notify: ['responsible_manager'], at: '2026-04-11T10:00:00Z' },
  }),
  sample(
    'deadline-reminder--chinese-title-only',
    'deadline-reminder',
    'An approval step counted in working days; the matter has a Chinese title only',
    {
      matter: M.crossBorderData,
      deadline: {
        kind: 'approval_step',
        what: { zh: '完成牵头单位审核', en: 'Complete the leading unit review' },
        dueAt: '2026-03-20T10:00:00Z',
      },
      offset: '3 working days',
      ifMissed: null,
    },
  ),
  sample('deadline-escalation', 'deadline-escalation', 'Level 2: the head of the leading unit; level 3 next', {
    matter: M.funding,
    deadline: fundingProgress,
    level: 2,
    notify: ['leading_unit_head'],
    next: { level: 3, notify: ['reform_office', 'leading_group'], at: '2026-04-17T10:00:00Z' },
  }),
  sample('deadline-escalation--last-level', 'deadline-escalation', 'Level 3, the last: the reform office and the leading group', {
    matter: M.salary,
    deadline: salaryMilestone,
    level: 3,
    notify: ['reform_office', 'leading_group'],
    next: null,
  }),
  sample('urge-notice', 'urge-notice', 'An urge notice from the reform office', {
    matter: M.vocational,
    message: urgeMessage,
    sentBy: '陈静（深圳市综合改革试点工作办公室）',
    acknowledgeBy: '2026-03-18T10:00:00Z',
    acknowledgeUrl: urgeUrl,
    ifMissed: { level: 1, notify: ['responsible_manager'], at: '2026-03-19T10:00:00Z' },
  }),
  sample('supervision-order', 'supervision-order', 'A red supervision order on a milestone, to the leading unit', {
    matter: M.vocational,
    colour: 'red' as const,
    requirement: '请于5个工作日内完成指引定稿并报市政府审定，逾期未完成的说明原因和整改措施。',
    subject: { zh: '出台职业技能等级认定指引', en: 'Issue the guidelines on vocational skill level recognition' },
    issuedBy: '陈静（深圳市综合改革试点工作办公室）',
    dueAt: '2026-03-25T15:59:59Z',
    acknowledgeUrl: `${M.vocational.url}?action=acknowledge_supervision_order&subject=7b2e4f10-3c5d-4e8a-9f61-2d7c8b9a0e13`,
    ifMissed: { level: 1, notify: ['responsible_manager'], at: '2026-03-26T15:59:59Z' },
  }),
  sample('supervision-order--matter', 'supervision-order', 'A blue supervision order on the matter as a whole', {
    matter: M.vocational,
    colour: 'blue' as const,
    requirement: '实施期限临近，请倒排工期，确保按期完成。',
    subject: null,
    issuedBy: '陈静（深圳市综合改革试点工作办公室）',
    dueAt: '2026-03-25T15:59:59Z',
    acknowledgeUrl: `${M.vocational.url}?action=acknowledge_supervision_order&subject=7b2e4f10-3c5d-4e8a-9f61-2d7c8b9a0e13`,
    ifMissed: null,
  }),
  sample('supervision-order-update', 'supervision-order-update', 'The unit acknowledged a red order, to the office member who issued it', {
    matter: M.vocational,
    change: 'acknowledged' as const,
    colour: 'red' as const,
    requirement: '请于5个工作日内完成指引定稿并报市政府审定，逾期未完成的说明原因和整改措施。',
    dueAt: '2026-03-25T15:59:59Z',
    by: '李强',
    response: '已召开专题会，3月20日前报审。',
    remark: null,
    closeUrl: `${M.vocational.url}?action=close_supervision_order&subject=7b2e4f10-3c5d-4e8a-9f61-2d7c8b9a0e13`,
  }),
  sample('supervision-order-update--closed', 'supervision-order-update', 'The office closed the order, to the unit it named', {
    matter: M.vocational,
    change: 'closed' as const,
    colour: 'red' as const,
    requirement: '请于5个工作日内完成指引定稿并报市政府审定，逾期未完成的说明原因和整改措施。',
    dueAt: '2026-03-25T15:59:59Z',
    by: '陈静',
    response: null,
    remark: null,
    closeUrl: null,
  }),
  sample('assignment-update', 'assignment-update', 'A participating unit returned its part (退回), to the reform office', {
    matter: M.funding,
    change: 'returned' as const,
    part: { zh: '制定科研经费使用的审计监督指引', en: 'Issue audit guidelines on the use of research funds' },
    unit: COMMERCE,
    by: '王芳',
    reason: '审计监督指引属市审计局职责，本局无相应职能，建议改由市审计局或市司法局承担。',
    toUnit: null,
    comment: null,
    acceptBy: null,
    actionUrl: `${M.funding.url}?action=resolve_returned_assignment&subject=${FUNDING_PART}`,
  }),
  sample('assignment-update--kept', 'assignment-update', 'The office kept the matter with the leading unit that returned it', {
    matter: M.vocational,
    change: 'kept' as const,
    part: null,
    unit: M.vocational.leadingUnit,
    by: '陈静',
    reason: '建议由市教育局牵头。',
    toUnit: null,
    comment: '经研究，职业技能培训机构的设立审批属人力资源社会保障部门职责，仍由贵局牵头。',
    acceptBy: '2026-03-20T10:00:00Z',
    actionUrl: `${M.vocational.url}?action=accept_assignment`,
  }),
  sample('assignment-update--transferred', 'assignment-update', 'The office gave the returned part to another unit, to that unit', {
    matter: M.funding,
    change: 'transferred' as const,
    part: { zh: '制定科研经费使用的审计监督指引', en: 'Issue audit guidelines on the use of research funds' },
    unit: COMMERCE,
    by: '陈静',
    reason: '审计监督指引属市审计局职责，本局无相应职能，建议改由市审计局或市司法局承担。',
    toUnit: JUSTICE,
    comment: '改由市司法局承担，请按期签收。',
    acceptBy: '2026-03-20T10:00:00Z',
    actionUrl: `${M.funding.url}?action=accept_assignment&subject=${FUNDING_PART}`,
  }),
  sample('assignment-update--transferred-away', 'assignment-update', 'The same transfer, to the unit that returned the part', {
    matter: M.funding,
    change: 'transferred_away' as const,
    part: { zh: '制定科研经费使用的审计监督指引', en: 'Issue audit guidelines on the use of research funds' },
    unit: COMMERCE,
    by: '陈静',
    reason: '审计监督指引属市审计局职责，本局无相应职能，建议改由市审计局或市司法局承担。',
    toUnit: JUSTICE,
    comment: '改由市司法局承担，请按期签收。',
    acceptBy: null,
    actionUrl: null,
  }),
  sample('urge-acknowledgement-request', 'urge-acknowledgement-request', 'A reminder to acknowledge, before the time limit', {
    matter: M.vocational,
    message: urgeMessage,
    acknowledgeBy: '2026-03-18T10:00:00Z',
    acknowledgeUrl: urgeUrl,
    level: null,
    notify: null,
    ifMissed: { level: 1, notify: ['responsible_manager'], at: '2026-03-18T14:00:00Z' },
  }),
  sample('urge-acknowledgement-request--escalation', 'urge-acknowledgement-request', 'Not acknowledged in time: escalation level 2', {
    matter: M.vocational,
    message: urgeMessage,
    acknowledgeBy: '2026-03-18T10:00:00Z',
    acknowledgeUrl: urgeUrl,
    level: 2,
    notify: ['leading_unit_head'],
    ifMissed: { level: 3, notify: ['reform_office', 'leading_group'], at: '2026-03-23T10:00:00Z' },
  }),
  sample('urge-acknowledged', 'urge-acknowledged', 'Acknowledged, with a reply', {
    matter: M.vocational,
    message: urgeMessage,
    acknowledgedBy: '王芳（深圳市人力资源和社会保障局）',
    response: '已收到。指引初稿已完成，正在征求市司法局和市商务局意见，预计3月27日前报市政府审定。',
  }),
  sample('urge-acknowledged--no-reply', 'urge-acknowledged', 'Acknowledged without a reply', {
    matter: M.vocational,
    message: urgeMessage,
    acknowledgedBy: '王芳（深圳市人力资源和社会保障局）',
    response: null,
  }),
  sample('evaluation-requested', 'evaluation-requested', 'With a note and a time limit', {
    matter: M.funding,
    requestedBy: '王磊（深圳市科技创新局）',
    note: '请重点评估负面清单以外经费自主调剂的执行情况，以及项目承担单位的内控和财务风险。',
    dueAt: '2026-06-30T15:59:59Z',
  }),
  sample('manager-reassigned', 'manager-reassigned', 'Handed to another manager of the leading unit, with two open deadlines', {
    matter: M.funding,
    from: '王磊（深圳市科技创新局）',
    to: '陈静（深圳市科技创新局）',
    by: '李娜（深圳市全面深化改革委员会办公室）',
    reason: '王磊同志工作调整，该事项改由陈静同志负责。',
    deadlines: [
      { kind: 'milestone', what: { zh: '完成首批机构遴选', en: 'First institutions selected' }, dueAt: '2026-04-30T15:59:59Z' },
      { kind: 'progress_report', what: { zh: '报送实施进展', en: 'Report progress' }, dueAt: '2026-03-31T15:59:59Z' },
    ],
  }),
  sample('evaluator-needed', 'evaluator-needed', 'No pool evaluator outside the leading unit', {
    matter: M.funding,
    dueAt: '2026-06-30T15:59:59Z',
  }),
  sample('risk-raised', 'risk-raised', 'Risk raised to high after approval: reports every 14 days from the next period', {
    matter: M.funding,
    level: 'high',
    previousLevel: 'medium',
    raisedBy: '李明（深圳市科技创新局）',
    note: '试点范围扩大至跨境资金流动',
    risks: [{ description: '跨境资金异常流动风险', mitigation: '与人民银行深圳市分行建立监测机制' }],
    cadence: 'P14D',
  }),
  sample('evaluation-requested--no-time-limit', 'evaluation-requested', 'No note, no time limit; Chinese title only', {
    matter: M.crossBorderData,
    requestedBy: '陈静（深圳市综合改革试点工作办公室）',
    note: null,
    dueAt: null,
  }),
  sample('evaluation-logged', 'evaluation-logged', 'Replicable', {
    matter: M.funding,
    evaluator: '周敏（深圳市财政局）',
    verdict: 'replicable',
    narrative:
      '试点单位经费调剂审批时间由平均23个工作日缩短至5个工作日，未发现违规使用经费情况。\n建议在全市市级科技计划项目中推广，同时完善负面清单动态调整机制。',
  }),
  sample('evaluation-logged--needs-adjustment', 'evaluation-logged', 'Needs adjustment', {
    matter: M.salary,
    evaluator: '周敏（深圳市财政局）',
    verdict: 'needs_adjustment',
    narrative: '薪酬总额核定办法已实施，但绩效考核指标偏重论文数量，建议调整为以成果转化和服务产业为主的考核体系后继续实施。',
  }),
  sample('bulletin-issued', 'bulletin-issued', 'Bulletin No. 2, to a unit that is not named', {
    bulletin: {
      number: 2,
      title: { zh: '深圳综合改革试点推进情况通报（第2期）', en: 'Shenzhen comprehensive reform pilot: bulletin No. 2' },
      issuedAt: '2026-12-07T01:00:00Z',
      from: '2026-11-30',
      to: '2026-12-06',
      completed: 3,
      overdueUnits: 2,
      missingReportUnits: 1,
      yourUnitNamed: false,
      url: `${PUBLIC_URL}/bulletins/2`,
    },
  }),
  sample('bulletin-issued--named', 'bulletin-issued', 'Bulletin No. 2, to a unit it names', {
    bulletin: {
      number: 2,
      title: { zh: '深圳综合改革试点推进情况通报（第2期）', en: 'Shenzhen comprehensive reform pilot: bulletin No. 2' },
      issuedAt: '2026-12-07T01:00:00Z',
      from: '2026-11-30',
      to: '2026-12-06',
      completed: 3,
      overdueUnits: 2,
      missingReportUnits: 1,
      yourUnitNamed: true,
      url: `${PUBLIC_URL}/bulletins/2`,
    },
  }),
  sample('replication-report-issued', 'replication-report-issued', 'Replication report No. 3', {
    report: {
      number: 3,
      title: { zh: '深圳综合改革试点科研管理改革经验', en: 'Lessons from reforming research management in the Shenzhen pilot' },
      experiences: 4,
      issuedAt: '2026-07-15T02:00:00Z',
      url: `${PUBLIC_URL}/reports/3`,
    },
  }),
  sample('progress-report', 'progress-report', "One unit's quarter, two matters overdue", {
    report: {
      from: '2026-01-01',
      to: '2026-03-31',
      unit: STIC,
      matters: 12,
      overdue: 2,
      url: `${PUBLIC_URL}/reports/progress?from=2026-01-01&to=2026-03-31&unit=SZ-STIC`,
    },
  }),
  sample('progress-report--all-units', 'progress-report', 'All units, nothing overdue', {
    report: {
      from: '2026-04-01',
      to: '2026-06-30',
      unit: null,
      matters: 87,
      overdue: 0,
      url: `${PUBLIC_URL}/reports/progress?from=2026-04-01&to=2026-06-30`,
    },
  }),
  sample('report-ready', 'report-ready', 'Monthly unit scorecard', {
    report: {
      kind: 'scorecard',
      title: { zh: '牵头单位推进情况评分表', en: 'Leading units scorecard' },
      from: '2026-10-01',
      to: '2026-10-31',
      count: 14,
      url: `${PUBLIC_URL}/reports/scorecard?from=2026-10-01&to=2026-10-31&format=pdf`,
      attachments: 'unit-scorecard-2026-10-01_2026-11-01.pdf',
    },
  }),
  sample('report-ready--replication-draft', 'report-ready', 'Monthly draft of the next replication report', {
    report: {
      kind: 'replication-draft',
      title: { zh: '可复制推广经验清单（待印发）', en: 'Replicable experiences (draft of the next batch)' },
      from: '2026-10-01',
      to: '2026-10-31',
      count: 5,
      url: `${PUBLIC_URL}/replication-reports/draft?format=pdf`,
      attachments: 'replication-report-draft-2026-11-01.pdf',
    },
  }),
  sample('deadline-changed', 'deadline-changed', 'A milestone moved', {
    matter: M.salary,
    deadline: { ...salaryMilestone, dueAt: '2026-05-29T15:59:59Z' },
    change: 'moved',
    previousDueAt: '2026-04-30T15:59:59Z',
  }),
  sample('deadline-changed--met', 'deadline-changed', 'A progress report submitted', {
    matter: M.funding,
    deadline: fundingProgress,
    change: 'met',
    previousDueAt: null,
  }),
  sample('deadline-changed--cancelled', 'deadline-changed', 'A milestone cancelled; Chinese title only', {
    matter: M.crossBorderData,
    deadline: {
      kind: 'milestone',
      what: { zh: '建成数据跨境流动服务中心', en: 'Open the cross-border data service centre' },
      dueAt: '2026-09-30T15:59:59Z',
    },
    change: 'cancelled',
    previousDueAt: null,
  }),
  sample('delivery-failed', 'delivery-failed', 'A reminder bounced: unknown mailbox', {
    recipientEmail: 'zhangwei@stic.sz.example.cn',
    template: 'deadline-reminder',
    subject: '【到期提醒】OP24-01-04 科研经费“预算+负面清单”管理改革：报送2026年第一季度实施进展，截止2026-04-10 18:00（北京时间）',
    error: '550 5.1.1 <zhangwei@stic.sz.example.cn>: Recipient address rejected: User unknown in virtual mailbox table',
    matter: M.funding,
  }),
  sample('delivery-failed--no-matter', 'delivery-failed', 'A progress report bounced: mailbox full', {
    recipientEmail: 'liuyang@hrss.sz.example.cn',
    template: 'progress-report',
    subject: '【实施进展报告】2026年1月1日至2026年3月31日',
    error: '552 5.2.2 <liuyang@hrss.sz.example.cn>: Mailbox full',
    matter: null,
  }),
  sample('digest', 'digest', 'Two matters, three items; one matter has a Chinese title only', {
    date: '2026-04-03',
    groups: [
      {
        matter: M.funding,
        onBehalfOf: null,
        items: [
          { deadline: fundingProgress, offset: 'P7D' },
          {
            deadline: {
              kind: 'stage',
              what: { zh: '完成实施阶段工作', en: 'Complete the implementation stage' },
              dueAt: '2026-05-02T15:59:59Z',
            },
            offset: 'P30D',
          },
        ],
      },
      {
        matter: M.crossBorderData,
        onBehalfOf: null,
        items: [
          {
            deadline: {
              kind: 'approval_step',
              what: { zh: '完成牵头单位审核', en: 'Complete the leading unit review' },
              dueAt: '2026-04-03T10:00:00Z',
            },
            offset: 'PT0S',
          },
        ],
      },
    ],
  }),
  sample('digest--deputy', 'digest', "A deputy's digest (委托代理): their own matter, and one held for the approver they stand in for", {
    date: '2026-04-23',
    groups: [
      { matter: M.salary, onBehalfOf: null, items: [{ deadline: salaryMilestone, offset: 'P7D' }] },
      {
        matter: { ...M.funding, url: `${M.funding.url}?onBehalfOf=00000000-0000-4000-8000-000000000001` },
        onBehalfOf: '王磊',
        items: [{ deadline: fundingProgress, offset: 'P3D' }],
      },
    ],
  }),
  sample('digest--one-matter', 'digest', 'One matter, one item', {
    date: '2026-04-23',
    groups: [{ matter: M.salary, onBehalfOf: null, items: [{ deadline: salaryMilestone, offset: 'P7D' }] }],
  }),
];

/** Renders a sample: the one place that carries a sample's name and data, typed together, to the renderer. */
export function renderSample<N extends TemplateName>(sample: Sample<N>, recipient: Recipient): RenderedMail {
  return renderTemplate(sample.name, sample.data, recipient);
}
