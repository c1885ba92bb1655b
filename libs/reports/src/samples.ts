/**
 * Sample reports of each kind, for `npm run reports:preview` and the renderers' tests: matters,
 * batches and units from seeds/, dates in November 2026 (Beijing time). Besides the ordinary
 * cases they hold what renderers get wrong: a draft, empty sections, null rates, a unit with an
 * English name only, texts in one language only, very long text, and text with `<`, `|`, `*`,
 * `_` and line breaks in it. `largeProgressReport`, `largeReplicationReport` and `largeScorecard` build reports of
 * any size for measurements and page-break tests.
 */
import { DELIVERY_STATUSES, type DeliveryStatus, type LocalizedText, type MatterKind, STAGES, type Stage } from '#domain';
import type {
  Bulletin,
  ExperienceEntry,
  MatterRef,
  ProgressReport,
  ReplicationReport,
  Report,
  RubricCriterion,
  TargetResult,
  UnitRef,
  UnitScorecard,
} from './model.js';
import { reportChecksum } from './builders/checksum.js';
import { policyAreaRef } from './policy-areas.js';

export interface SampleReport {
  /** Also the preview's file name. */
  id: string;
  /** What the sample shows, for the preview's index. */
  note: string;
  report: Report;
}

const PUBLIC_URL = 'https://reformflow.example.org';
const TIME_ZONE = 'Asia/Shanghai';

const withChecksum = <R extends Report>(r: R): R => ({ ...r, checksum: reportChecksum(r) });

// ---------------------------------------------------------------------------------------------
// Units, batches, matters (seeds/units.yaml, seeds/batches/*.yaml)

const unit = (code: string, name: LocalizedText): UnitRef => ({ id: `unit-${code.toLowerCase()}`, code, name });

export const SAMPLE_UNITS = {
  stic: unit('SZ-STIC', { zh: '深圳市科技创新局', en: 'Shenzhen Municipal Science, Technology and Innovation Commission' }),
  edu: unit('SZ-EDU', { zh: '深圳市教育局', en: 'Shenzhen Municipal Education Bureau' }),
  hrss: unit('SZ-HRSS', { zh: '深圳市人力资源和社会保障局', en: 'Shenzhen Municipal Human Resources and Social Security Bureau' }),
  /** English name only, as in seeds/units.yaml: Chinese documents show it in English. */
  lfrb: unit('SZ-LFRB', { en: 'Shenzhen Municipal Local Financial Regulatory Bureau' }),
  amr: unit('SZ-AMR', { zh: '深圳市市场监督管理局', en: 'Shenzhen Municipal Administration for Market Regulation' }),
  pnrb: unit('SZ-PNRB', { zh: '深圳市规划和自然资源局', en: 'Shenzhen Municipal Planning and Natural Resources Bureau' }),
  ipc: unit('SZ-IPC', { zh: '深圳市中级人民法院', en: 'Shenzhen Intermediate People’s Court' }),
  jb: unit('SZ-JB', { zh: '深圳市司法局', en: 'Shenzhen Municipal Justice Bureau' }),
  gsdb: unit('SZ-GSDB', { zh: '深圳市政务服务和数据管理局', en: 'Shenzhen Municipal Government Services and Data Management Bureau' }),
  commerce: unit('SZ-COMMERCE', { zh: '深圳市商务局', en: 'Shenzhen Municipal Commerce Bureau' }),
  fin: unit('SZ-FIN', { zh: '深圳市财政局', en: 'Shenzhen Municipal Finance Bureau' }),
  drc: unit('SZ-DRC', { zh: '深圳市发展和改革委员会', en: 'Shenzhen Municipal Development and Reform Commission' }),
  eeb: unit('SZ-EEB', { zh: '深圳市生态环境局', en: 'Shenzhen Municipal Ecology and Environment Bureau' }),
  cro: unit('SZ-CRO', { zh: '深圳市委全面深化改革委员会办公室', en: 'Shenzhen comprehensive reform office' }),
} satisfies Record<string, UnitRef>;
const U = SAMPLE_UNITS;

const OPINIONS = {
  code: 'SZ-2024-OPINIONS',
  title: {
    zh: '关于深入推进深圳综合改革试点深化改革创新扩大开放的意见',
    en: 'Opinions on Further Advancing the Shenzhen Comprehensive Reform Pilot, Deepening Reform, Innovation, and Expanding Opening Up',
  },
};
const BUSINESS_ENVIRONMENT = {
  code: 'SZ-BEP',
  title: { zh: '营造国际化营商环境工作方案', en: 'Work plan for fostering an internationalized business environment' },
};

interface MatterSeed {
  code: string;
  title: LocalizedText;
  leadingUnit: UnitRef;
  kind: MatterKind;
  policyArea: string;
  batch?: typeof OPINIONS;
}

let matterSerial = 0;
function matter(seed: MatterSeed, stage: Stage, deliveryStatus: DeliveryStatus | null, serial = ++matterSerial): MatterRef {
  const id = `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`;
  return {
    id,
    code: seed.code,
    title: seed.title,
    batch: seed.batch ?? OPINIONS,
    leadingUnit: seed.leadingUnit,
    kind: seed.kind,
    policyArea: policyAreaRef(seed.policyArea),
    stage,
    deliveryStatus,
    url: `${PUBLIC_URL}/matters/${id}`,
  };
}

const SEEDS = {
  funding: {
    code: 'OP24-01-04',
    title: { zh: '科研经费“预算+负面清单”管理改革', en: 'Research funding management by "budget + negative list"' },
    leadingUnit: U.stic,
    kind: 'reform_measure',
    policyArea: 'science_technology',
  },
  achievements: {
    code: 'OP24-01-06',
    title: { zh: '职务科技成果赋权、转化和评价机制', en: 'Empowerment, transfer and evaluation of job-related S&T achievements' },
    leadingUnit: U.stic,
    kind: 'reform_measure',
    policyArea: 'science_technology',
  },
  projectManager: {
    code: 'OP24-01-05',
    title: { zh: '科研项目经理人制度', en: 'Research project manager system with greater management authority' },
    leadingUnit: U.stic,
    kind: 'innovation_experiment',
    policyArea: 'science_technology',
  },
  customs: {
    code: 'OP24-01-09',
    title: { zh: '科研设备和耗材通关便利化', en: 'Streamlined customs clearance for research equipment and consumables' },
    leadingUnit: U.stic,
    kind: 'reform_measure',
    policyArea: 'science_technology',
  },
  vocational: {
    code: 'OP24-02-04',
    title: { zh: '允许外商投资在深设立职业技能培训机构', en: 'Foreign-invested vocational training institutions in Shenzhen' },
    leadingUnit: U.hrss,
    kind: 'opening_up_initiative',
    policyArea: 'education',
  },
  credits: {
    code: 'OP24-02-06',
    title: {
      zh: '高职院校与应用型本科高校课程互选、学分互认',
      en: 'Cross-selection of courses and credit recognition between vocational colleges and applied universities',
    },
    leadingUnit: U.edu,
    kind: 'reform_measure',
    policyArea: 'education',
  },
  migrantChildren: {
    code: 'OP24-02-07',
    title: { zh: '优化随迁子女入学机制', en: "School enrollment of migrant workers' children" },
    leadingUnit: U.edu,
    kind: 'reform_measure',
    policyArea: 'education',
  },
  greenFinance: {
    code: 'OP24-04-04',
    title: { zh: '深化绿色金融改革', en: 'Green finance reform' },
    leadingUnit: U.lfrb,
    kind: 'reform_measure',
    policyArea: 'finance',
  },
  insuranceFunds: {
    code: 'OP24-04-05',
    title: { zh: '支持保险资金依法在深设立私募股权和创业投资基金', en: 'Insurance-fund-backed sector-focused PE and VC funds in Shenzhen' },
    leadingUnit: U.lfrb,
    kind: 'reform_measure',
    policyArea: 'finance',
  },
  aiDevices: {
    code: 'OP24-05-02',
    title: { zh: '人工智能辅助医疗器械审批和应用机制', en: 'Approval and application mechanisms for AI-assisted medical devices' },
    leadingUnit: U.amr,
    kind: 'innovation_experiment',
    policyArea: 'healthcare',
  },
  drugApproval: {
    code: 'OP24-10-01',
    title: { zh: '深化药品医疗器械审评审批制度改革', en: 'Drug and medical device evaluation and approval reform' },
    leadingUnit: U.amr,
    kind: 'reform_measure',
    policyArea: 'healthcare',
  },
  idleLand: {
    code: 'OP24-11-04',
    title: { zh: '改革闲置土地处置收回机制', en: 'Disposal and recovery of idle land' },
    leadingUnit: U.pnrb,
    kind: 'reform_measure',
    policyArea: 'land_resources',
  },
  registration3d: {
    code: 'OP24-11-03',
    title: { zh: '特定区域不动产三维登记试点', en: 'Three-dimensional real estate registration pilot' },
    leadingUnit: U.pnrb,
    kind: 'innovation_experiment',
    policyArea: 'land_resources',
  },
  disputes: {
    code: 'OP24-12-01',
    title: {
      zh: '诉讼、调解、仲裁有机衔接的“一站式”国际商事纠纷多元化解机制',
      en: 'One-stop international commercial dispute resolution (litigation, mediation, arbitration)',
    },
    leadingUnit: U.ipc,
    kind: 'reform_measure',
    policyArea: 'judicial',
  },
  mediation: {
    code: 'OP24-12-06',
    title: {
      zh: '探索由司法行政部门统一登记商事调解组织并加强监管',
      en: 'Unified registration and supervision of commercial mediation organizations',
    },
    leadingUnit: U.jb,
    kind: 'innovation_experiment',
    policyArea: 'judicial',
  },
  dataTrading: {
    code: 'OP24-06-01',
    title: { zh: '完善数据交易规则和标准规范', en: 'Data trading rules and standard specifications' },
    leadingUnit: U.gsdb,
    kind: 'reform_measure',
    policyArea: 'data',
  },
  foreignInvestment: {
    code: 'BEP-07',
    title: { zh: '加大吸引和利用外资力度', en: 'Make greater efforts to attract and utilize foreign investment' },
    leadingUnit: U.commerce,
    kind: 'opening_up_initiative',
    policyArea: 'business_environment',
    batch: BUSINESS_ENVIRONMENT,
  },
} satisfies Record<string, MatterSeed>;

// ---------------------------------------------------------------------------------------------
// Replication

export const SAMPLE_RUBRIC: RubricCriterion[] = [
  { key: 'innovation', title: { zh: '创新性', en: 'Innovation' }, min: 1, max: 5 },
  { key: 'effectiveness', title: { zh: '实施成效', en: 'Effectiveness' }, min: 1, max: 5 },
  { key: 'replicability', title: { zh: '可复制性', en: 'Replicability' }, min: 1, max: 5 },
  { key: 'risk_control', title: { zh: '风险可控性', en: 'Risk control' }, min: 1, max: 5 },
];

const scores = (...values: number[]) => ({
  scores: SAMPLE_RUBRIC.map((c, i) => ({ criterion: c.key, score: values[i] })),
  averageScore: Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100,
});

const target = (t: Omit<TargetResult, 'met'> & { met?: boolean | null }): TargetResult => ({
  met:
    t.actualValue === null
      ? null
      : (t.met ?? (t.baseline !== null && t.targetValue < t.baseline ? t.actualValue <= t.targetValue : t.actualValue >= t.targetValue)),
  ...t,
});

const fundingExperience: ExperienceEntry = {
  id: 'exp-0b7e3c1a-0001',
  matter: matter(SEEDS.funding, 'closed', null),
  title: { zh: '科研经费“预算+负面清单”管理', en: 'Research funding managed by a budget and a negative list' },
  practice: {
    zh: '市财政局会同市科技创新局将市级科研项目经费由“按科目审批”改为“预算总额+负面清单”管理：除负面清单列明的12类支出外，项目负责人可在预算总额内自主调剂直接费用，无需逐项报批。\n\n配套建立“经费使用承诺制”和“信用+抽查”监管机制，对违反负面清单的支出实行追回并记入科研诚信档案；审计和财政检查以负面清单为准，不再以科目比例作为认定依据。\n\n首批在深圳医学科学院、鹏城实验室等23家单位试行，随后扩大至全部市级科研项目。',
    en: 'The Municipal Finance Bureau and the Science, Technology and Innovation Commission replaced line-item approval of municipal research funds with a total budget and a negative list: apart from 12 listed kinds of spending, project leaders reallocate direct costs within the total without asking for approval.\n\nA spending pledge and "credit plus random checks" supervision go with it: spending against the negative list is recovered and recorded in the research-integrity file; audits and fiscal inspections judge by the list, no longer by line-item ratios.\n\nIt was first tried at 23 institutions, including the Shenzhen Medical Academy of Sciences and Pengcheng Laboratory, then extended to all municipal research projects.',
  },
  conditions: {
    zh: '财政部门具备预算绩效管理和信用监管基础；科研单位建立内部控制制度；审计部门认可以负面清单作为检查依据。',
    en: 'The finance department has budget performance management and credit supervision in place; research institutions have internal controls; the audit office accepts the negative list as the basis for inspection.',
  },
  regions: ['粤港澳大湾区城市', '国家自主创新示范区'],
  fields: ['科研经费管理', '财政预算管理'],
  contactUnit: U.fin,
  recordedAt: '2026-10-12T07:30:00Z',
  evaluation: {
    evaluator: { name: '李静', unit: U.drc },
    loggedAt: '2026-10-28T03:15:00Z',
    narrative:
      '经费调剂审批时间由平均21个工作日降至即时办理，试点单位满意度明显提升；抽查未发现重大违规。建议在推广时同步修订审计指引。\n负面清单第3项表述仍需与财政部门现行规定衔接。',
    ...scores(5, 4, 5, 4),
    results: [
      target({
        indicator: { zh: '经费调剂平均办理时间', en: 'Average time to approve a reallocation' },
        unit: '个工作日',
        baseline: 21,
        targetValue: 5,
        byDate: '2026-06-30',
        actualValue: 0,
        evidence: {
          text: '市财政局2026年第三季度科研经费管理评估报告',
          links: ['https://reformflow.example.org/evidence/op24-01-04/q3-assessment.pdf'],
        },
      }),
      target({
        indicator: { zh: '试点单位数量', en: 'Institutions in the pilot' },
        unit: '家',
        baseline: 0,
        targetValue: 20,
        byDate: '2026-03-31',
        actualValue: 23,
        evidence: { text: '试点单位名单（深财科〔2026〕15号）', links: [] },
      }),
      target({
        indicator: { zh: '科研人员满意度', en: 'Researcher satisfaction' },
        unit: '%',
        baseline: 61.5,
        targetValue: 85,
        byDate: '2026-09-30',
        actualValue: 88.2,
        evidence: {
          text: '第三方问卷调查（样本量1,204）',
          links: [
            'https://reformflow.example.org/evidence/op24-01-04/survey.xlsx',
            'https://reformflow.example.org/evidence/op24-01-04/survey-method.pdf',
          ],
        },
      }),
    ],
  },
};

const achievementsExperience: ExperienceEntry = {
  id: 'exp-5c2a9e47-0002',
  matter: matter(SEEDS.achievements, 'closed', null),
  title: { zh: '职务科技成果“先使用后付费”转化', en: 'Job-related S&T achievements licensed "use first, pay later"' },
  practice: {
    zh: '高校和科研院所将职务科技成果以“零门槛费+阶梯式提成”方式许可中小企业先行使用，企业产生收益后再按约定比例付费；成果完成人可获得不低于70%的转化收益。\n\n市科技创新局建立成果转化尽职免责清单，明确已履行决策程序、未牟取非法利益的，不因成果后续价值变化追究责任。',
    en: 'Universities and research institutes license job-related achievements to small firms with no upfront fee and tiered royalties, paid once the firm earns from them; inventors receive at least 70% of the proceeds.\n\nThe Commission keeps a due-diligence exemption list: a decision taken by the proper procedure without illicit gain is not held against anyone if the achievement later changes in value.',
  },
  conditions: {
    zh: '地方出台职务科技成果赋权和尽职免责的规范性文件。',
    en: 'Local rules on vesting job-related achievements and on due-diligence exemption.',
  },
  regions: ['高校和科研院所集中的城市'],
  fields: ['科技成果转化', '知识产权运营'],
  contactUnit: U.stic,
  recordedAt: '2026-10-15T02:00:00Z',
  evaluation: {
    evaluator: { name: '陈晓东', unit: U.amr },
    loggedAt: '2026-11-02T06:45:00Z',
    narrative: '许可合同数量增长明显，但部分企业对阶梯式提成的会计处理仍有疑问，建议配套发布操作指引。',
    ...scores(4, 4, 4, 5),
    results: [
      target({
        indicator: { zh: '“先使用后付费”许可合同', en: '"Use first, pay later" licences' },
        unit: '份',
        baseline: 12,
        targetValue: 150,
        byDate: '2026-09-30',
        actualValue: 132,
        evidence: { text: '深圳市技术合同登记系统统计', links: ['https://reformflow.example.org/evidence/op24-01-06/contracts.csv'] },
      }),
    ],
  },
};

const greenFinanceExperience: ExperienceEntry = {
  id: 'exp-9f4d2b86-0003',
  matter: matter(SEEDS.greenFinance, 'closed', null),
  title: { zh: '金融机构环境信息披露制度', en: 'Mandatory environmental disclosure by financial institutions' },
  practice: {
    zh: '依据《深圳经济特区绿色金融条例》，在深银行业金融机构、公募基金和私募股权基金按统一模板年度披露环境信息，披露内容包括投融资活动的碳排放量和环境风险压力测试结果。',
    en: 'Under the Shenzhen Special Economic Zone Green Finance Regulations, banks, mutual funds and private equity funds in Shenzhen disclose environmental information every year on a common template, including the carbon emissions of their financing and the results of environmental stress tests.',
  },
  conditions: {
    zh: '具有地方立法权或可参照执行的地方金融监管规则。',
    en: 'Local legislative power, or local financial rules to the same effect.',
  },
  regions: ['粤港澳大湾区城市', '绿色金融改革创新试验区'],
  fields: ['绿色金融'],
  contactUnit: U.lfrb,
  recordedAt: '2026-09-30T09:00:00Z',
  evaluation: {
    evaluator: { name: 'Zhou Min', unit: U.eeb },
    loggedAt: '2026-10-20T08:00:00Z',
    narrative: 'Disclosure coverage reached every bank in Shenzhen; the template has since been adopted by the Guangdong regulator.',
    ...scores(4, 5, 5, 4),
    results: [
      target({
        indicator: { zh: '披露环境信息的金融机构', en: 'Institutions disclosing' },
        unit: '家',
        baseline: 38,
        targetValue: 120,
        byDate: '2026-06-30',
        actualValue: 146,
        evidence: { text: '深圳市地方金融管理局年度披露汇总', links: ['https://reformflow.example.org/evidence/op24-04-04/disclosures'] },
      }),
      target({
        indicator: { zh: '绿色贷款余额同比增速', en: 'Growth of green loans, year on year' },
        unit: '%',
        baseline: 18,
        targetValue: 25,
        byDate: '2026-12-31',
        actualValue: null,
        evidence: { text: '年末数据待人民银行深圳市分行发布', links: [] },
      }),
    ],
  },
};

const disputesExperience: ExperienceEntry = {
  id: 'exp-2d8f1e03-0004',
  matter: matter(SEEDS.disputes, 'closed', null),
  title: { zh: '国际商事纠纷“一站式”多元化解', en: 'One-stop resolution of international commercial disputes' },
  practice: {
    zh: '深圳国际商事法庭与前海国际商事调解中心、深圳国际仲裁院共建线上平台，当事人一次提交即可在诉讼、调解、仲裁之间转换程序；调解协议可在线申请司法确认。\n\n平台引入港澳调解员142名，支持粤语、英语调解，文书可使用繁体中文。',
    en: 'The Shenzhen international commercial court, the Qianhai mediation centre and the Shenzhen Court of International Arbitration run one online platform: a party files once and can move between litigation, mediation and arbitration; mediated settlements can be confirmed by the court online.\n\nThe platform lists 142 mediators from Hong Kong and Macao and supports mediation in Cantonese and English, with documents in traditional Chinese.',
  },
  conditions: {
    zh: '设有涉外商事审判机构，并与本地仲裁、调解机构建立对接机制。',
    en: 'A foreign-related commercial court working with local arbitration and mediation bodies.',
  },
  regions: ['自由贸易试验区', '粤港澳大湾区城市'],
  fields: ['涉外商事审判', '多元解纷'],
  contactUnit: U.ipc,
  recordedAt: '2026-10-05T01:00:00Z',
  evaluation: {
    evaluator: { name: '刘洋', unit: U.jb },
    loggedAt: '2026-10-30T02:30:00Z',
    narrative: '平均结案周期缩短近一半，当事人自动履行率提高。',
    ...scores(5, 5, 4, 5),
    results: [
      target({
        indicator: { zh: '平均结案周期', en: 'Average time to resolution' },
        unit: '天',
        baseline: 182,
        targetValue: 120,
        byDate: '2026-06-30',
        actualValue: 97,
        evidence: { text: '深圳市中级人民法院审判管理数据', links: [] },
      }),
    ],
  },
};

/** Draft with the edge cases: Chinese-only texts, empty lists, no actual value, markup-like text, a very long practice. */
const LONG_PARAGRAPH =
  '试点区域建立闲置土地“认定—处置—收回—再利用”全链条台账，按闲置原因分为政府原因、企业原因和司法查封三类分别处置；对企业原因造成闲置满两年的，依法无偿收回；对政府原因造成闲置的，通过调整规划条件、延长开竣工期限、置换用地等方式解决。';
const draftExperience: ExperienceEntry = {
  id: 'exp-7a1c5f90-0005',
  matter: matter(SEEDS.idleLand, 'closed', null),
  title: { zh: '闲置土地分类处置和收回' },
  practice: {
    zh: `${Array.from({ length: 6 }, (_, i) => `${i + 1}. ${LONG_PARAGRAPH}`).join('\n\n')}\n\n特殊字符测试：<script>alert("x")</script> 与 a | b、*加粗*、_下划线_、[链接](javascript:alert(1))、&amp; 以及\n单个换行。`,
  },
  conditions: { zh: '地方已完成闲置土地调查认定；\n具备不动产登记信息共享条件。' },
  regions: [],
  fields: [],
  contactUnit: U.pnrb,
  recordedAt: '2026-11-18T10:00:00Z',
  evaluation: {
    evaluator: { name: '黄海 <外聘专家>', unit: U.drc },
    loggedAt: '2026-11-19T09:20:00Z',
    narrative: '',
    ...scores(3, 4, 3, 4),
    results: [
      target({
        indicator: { zh: '盘活闲置土地面积' },
        unit: '公顷',
        baseline: null,
        targetValue: 300,
        byDate: '2027-06-30',
        actualValue: null,
        evidence: {
          text: '',
          links: ['javascript:alert(1)', 'https://reformflow.example.org/evidence/op24-11-04/ledger?year=2026&area=a|b'],
        },
      }),
    ],
  },
};

function replication(r: Omit<ReplicationReport, 'kind' | 'checksum' | 'total' | 'timeZone' | 'rubric'>): ReplicationReport {
  return withChecksum({
    kind: 'replication',
    timeZone: TIME_ZONE,
    rubric: SAMPLE_RUBRIC,
    checksum: '',
    total: r.groups.reduce((n, g) => n + g.experiences.length, 0),
    ...r,
  });
}

const group = (key: string, experiences: ExperienceEntry[]) => ({ policyArea: policyAreaRef(key), experiences });

// ---------------------------------------------------------------------------------------------
// Progress

const PERIOD = { from: '2026-11-15T16:00:00Z', to: '2026-11-22T16:00:00Z' };
const byStage = (counts: Partial<Record<Stage, number>>) =>
  Object.fromEntries(STAGES.map((s) => [s, counts[s] ?? 0])) as Record<Stage, number>;
const byStatus = (on_track: number, at_risk: number, off_track: number): Record<DeliveryStatus, number> => ({
  on_track,
  at_risk,
  off_track,
});
const rate = (met: number, due: number) => (due === 0 ? null : met / due);

const M = {
  funding: matter(SEEDS.funding, 'in_implementation', 'at_risk'),
  projectManager: matter(SEEDS.projectManager, 'in_implementation', 'off_track'),
  customs: matter(SEEDS.customs, 'in_approval', 'on_track'),
  credits: matter(SEEDS.credits, 'in_implementation', 'on_track'),
  migrantChildren: matter(SEEDS.migrantChildren, 'in_implementation', 'at_risk'),
  insuranceFunds: matter(SEEDS.insuranceFunds, 'in_implementation', 'off_track'),
  aiDevices: matter(SEEDS.aiDevices, 'in_implementation', 'on_track'),
  drugApproval: matter(SEEDS.drugApproval, 'in_evaluation', 'on_track'),
  registration3d: matter(
    { ...SEEDS.registration3d, title: { zh: '特定区域不动产三维登记试点 <二期> | 前海*片区' } },
    'in_implementation',
    'at_risk',
  ),
};

function progress(
  r: Omit<ProgressReport, 'kind' | 'checksum' | 'timeZone' | 'generatedAt' | 'period' | 'upcomingWindowDays'>,
): ProgressReport {
  return withChecksum({
    kind: 'progress',
    timeZone: TIME_ZONE,
    generatedAt: '2026-11-23T01:00:00Z',
    period: PERIOD,
    upcomingWindowDays: 7,
    checksum: '',
    ...r,
  });
}

const officeProgress = progress({
  title: { zh: '综合改革试点事项推进情况报告（2026年第47周）', en: 'Comprehensive reform pilot: progress report, week 47 of 2026' },
  asOf: '2026-11-22T16:00:00Z',
  unit: null,
  totals: {
    matters: 14,
    byStage: byStage({ in_approval: 1, in_implementation: 7, in_evaluation: 1, closed: 4, terminated: 1 }),
    byStatus: byStatus(4, 3, 2),
  },
  units: [
    { unit: U.amr, matters: 2, byStatus: byStatus(2, 0, 0), deadlinesDue: 3, metOnTime: 3, onScheduleRate: rate(3, 3) },
    { unit: U.edu, matters: 3, byStatus: byStatus(1, 1, 0), deadlinesDue: 4, metOnTime: 3, onScheduleRate: rate(3, 4) },
    { unit: U.lfrb, matters: 2, byStatus: byStatus(0, 0, 1), deadlinesDue: 2, metOnTime: 0, onScheduleRate: rate(0, 2) },
    { unit: U.pnrb, matters: 2, byStatus: byStatus(0, 1, 0), deadlinesDue: 0, metOnTime: 0, onScheduleRate: null },
    { unit: U.stic, matters: 5, byStatus: byStatus(1, 1, 1), deadlinesDue: 6, metOnTime: 4, onScheduleRate: rate(4, 6) },
  ],
  overdue: [
    {
      matter: M.insuranceFunds,
      deadline: {
        kind: 'milestone',
        title: { zh: '出台保险资金设立基金的配套细则', en: 'Issue implementing rules for insurance-backed funds' },
        dueAt: '2026-10-31T15:59:59Z',
      },
      daysOverdue: 22,
      escalationLevel: 3,
    },
    {
      matter: M.projectManager,
      deadline: {
        kind: 'progress_report',
        title: { zh: '提交第三季度实施进展报告', en: 'Submit the Q3 progress report' },
        dueAt: '2026-11-10T09:00:00Z',
      },
      daysOverdue: 12,
      escalationLevel: 2,
    },
    {
      matter: M.funding,
      deadline: {
        kind: 'milestone',
        title: {
          zh: '修订《科研经费负面清单|2027版》*征求意见稿* <第2稿>',
          en: 'Revise the negative list | 2027 edition *consultation draft* <v2>',
        },
        dueAt: '2026-11-15T15:59:59Z',
      },
      daysOverdue: 7,
      escalationLevel: 1,
    },
    {
      matter: M.projectManager,
      deadline: { kind: 'urge_notice', title: { zh: '确认催办通知', en: 'Acknowledge the urge notice' }, dueAt: '2026-11-20T10:00:00Z' },
      daysOverdue: 2,
      escalationLevel: 0,
    },
    {
      matter: M.migrantChildren,
      deadline: { kind: 'stage', title: { zh: '完成实施', en: 'Complete implementation' }, dueAt: '2026-11-22T09:00:00Z' },
      daysOverdue: 0,
      escalationLevel: 0,
    },
  ],
  upcoming: [
    {
      matter: M.customs,
      deadline: { kind: 'approval_step', title: { zh: '深圳海关审核', en: 'Review by Shenzhen Customs' }, dueAt: '2026-11-24T09:30:00Z' },
      daysLeft: 1,
    },
    {
      matter: M.credits,
      deadline: {
        kind: 'milestone',
        title: { zh: '首批10所院校签订学分互认协议', en: 'First ten colleges sign credit recognition agreements' },
        dueAt: '2026-11-26T15:59:59Z',
      },
      daysLeft: 3,
    },
    {
      matter: M.registration3d,
      deadline: { kind: 'milestone', title: { zh: '完成前海片区三维登记数据入库\n（含地下空间）' }, dueAt: '2026-11-28T15:59:59Z' },
      daysLeft: 5,
    },
    {
      matter: M.drugApproval,
      deadline: { kind: 'stage', title: { zh: '完成评估', en: 'Complete evaluation' }, dueAt: '2026-11-29T15:59:59Z' },
      daysLeft: 6,
    },
  ],
  milestonesCompleted: [
    {
      matter: M.aiDevices,
      milestone: {
        title: { zh: '发布人工智能辅助医疗器械优先审批程序', en: 'Publish the priority review procedure for AI-assisted devices' },
        dueAt: '2026-11-18T15:59:59Z',
        completedAt: '2026-11-16T03:20:00Z',
        onTime: true,
      },
    },
    {
      matter: M.credits,
      milestone: {
        title: { zh: '发布课程互选目录', en: 'Publish the catalogue of shared courses' },
        dueAt: '2026-11-17T15:59:59Z',
        completedAt: '2026-11-17T08:00:00Z',
        onTime: true,
      },
    },
    {
      matter: M.funding,
      milestone: {
        title: { zh: '完成试点单位中期评估', en: 'Mid-term review of the pilot institutions' },
        dueAt: '2026-11-12T15:59:59Z',
        completedAt: '2026-11-19T06:40:00Z',
        onTime: false,
      },
    },
  ],
});

const unitProgress = progress({
  title: { zh: '深圳市科技创新局推进情况报告', en: 'Progress report: Shenzhen Municipal Science, Technology and Innovation Commission' },
  asOf: '2026-11-21T04:30:00Z',
  unit: U.stic,
  totals: { matters: 2, byStage: byStage({ approved: 1, closed: 1 }), byStatus: byStatus(1, 0, 0) },
  units: [{ unit: U.stic, matters: 2, byStatus: byStatus(1, 0, 0), deadlinesDue: 0, metOnTime: 0, onScheduleRate: null }],
  overdue: [],
  upcoming: [],
  milestonesCompleted: [],
});

const emptyProgress = progress({
  title: { zh: '综合改革试点事项推进情况报告', en: 'Comprehensive reform pilot: progress report' },
  asOf: '2026-11-22T16:00:00Z',
  unit: null,
  totals: { matters: 0, byStage: byStage({}), byStatus: byStatus(0, 0, 0) },
  units: [],
  overdue: [],
  upcoming: [],
  milestonesCompleted: [],
});

// ---------------------------------------------------------------------------------------------
// Scorecard

function scorecard(r: Omit<UnitScorecard, 'kind' | 'checksum' | 'timeZone' | 'generatedAt'>): UnitScorecard {
  return withChecksum({ kind: 'scorecard', timeZone: TIME_ZONE, generatedAt: '2026-11-23T01:00:00Z', checksum: '', ...r });
}

const urge = (received: number, acknowledgedInTime: number, acknowledgedLate: number, unanswered: number) => ({
  received,
  acknowledgedInTime,
  acknowledgedLate,
  unanswered,
});

const officeScorecard = scorecard({
  title: { zh: '牵头单位评分卡（2026年10月—11月）', en: 'Leading units scorecard, October–November 2026' },
  period: { from: '2026-09-30T16:00:00Z', to: '2026-11-22T16:00:00Z' },
  asOf: '2026-11-22T16:00:00Z',
  rows: [
    {
      unit: U.amr,
      matters: 7,
      open: 6,
      deadlinesDue: 14,
      metOnTime: 14,
      onScheduleRate: 1,
      averageDaysOverdue: null,
      urgeNotices: urge(0, 0, 0, 0),
    },
    {
      unit: U.edu,
      matters: 8,
      open: 8,
      deadlinesDue: 12,
      metOnTime: 10,
      onScheduleRate: 10 / 12,
      averageDaysOverdue: 3.5,
      urgeNotices: urge(1, 1, 0, 0),
    },
    {
      unit: U.hrss,
      matters: 4,
      open: 4,
      deadlinesDue: 0,
      metOnTime: 0,
      onScheduleRate: null,
      averageDaysOverdue: null,
      urgeNotices: urge(0, 0, 0, 0),
    },
    {
      unit: U.lfrb,
      matters: 6,
      open: 5,
      deadlinesDue: 9,
      metOnTime: 4,
      onScheduleRate: 4 / 9,
      averageDaysOverdue: 14.333333,
      urgeNotices: urge(4, 1, 1, 2),
    },
    {
      unit: U.pnrb,
      matters: 9,
      open: 7,
      deadlinesDue: 11,
      metOnTime: 9,
      onScheduleRate: 9 / 11,
      averageDaysOverdue: 2,
      urgeNotices: urge(1, 0, 1, 0),
    },
    {
      unit: U.stic,
      matters: 12,
      open: 10,
      deadlinesDue: 21,
      metOnTime: 17,
      onScheduleRate: 17 / 21,
      averageDaysOverdue: 6.25,
      urgeNotices: urge(3, 2, 0, 1),
    },
  ],
});

const emptyScorecard = scorecard({
  title: { zh: '牵头单位评分卡', en: 'Leading units scorecard' },
  period: PERIOD,
  asOf: '2026-11-22T16:00:00Z',
  rows: [],
});

// ---------------------------------------------------------------------------------------------
// Large reports, for measurements and page breaks

const LARGE_UNITS = Object.values(SAMPLE_UNITS);
const LARGE_SEEDS = Object.values(SEEDS) as MatterSeed[];

/** Matters `SZ-2026-00001` …, cycling through the seed titles and the sample units. */
function largeMatter(i: number): MatterRef {
  const seed = LARGE_SEEDS[i % LARGE_SEEDS.length];
  const leadingUnit = LARGE_UNITS[i % LARGE_UNITS.length];
  return matter(
    { ...seed, leadingUnit, code: `SZ-2026-${String(i + 1).padStart(5, '0')}` },
    'in_implementation',
    DELIVERY_STATUSES[i % 3],
    100_000 + i,
  );
}

export interface LargeProgressSize {
  matters: number;
  overdue: number;
  upcoming: number;
  milestones: number;
}

export function largeProgressReport(size: LargeProgressSize): ProgressReport {
  const matters = Array.from({ length: size.matters }, (_, i) => largeMatter(i));
  const at = (i: number) => matters[i % matters.length];
  const base = Date.parse(PERIOD.to);
  const iso = (ms: number) => new Date(ms).toISOString();
  const units = [...LARGE_UNITS].sort((a, b) => (a.code < b.code ? -1 : 1));
  const perUnit = (u: UnitRef) => matters.filter((m) => m.leadingUnit.id === u.id);
  return withChecksum({
    kind: 'progress',
    title: { zh: '综合改革试点事项推进情况报告（全市）', en: 'Comprehensive reform pilot: progress report, all units' },
    generatedAt: '2026-11-23T01:00:00Z',
    timeZone: TIME_ZONE,
    checksum: '',
    period: PERIOD,
    asOf: PERIOD.to,
    upcomingWindowDays: 7,
    unit: null,
    totals: {
      matters: size.matters,
      byStage: byStage({ in_implementation: size.matters }),
      byStatus: byStatus(
        ...([0, 1, 2].map((k) => matters.filter((m) => m.deliveryStatus === DELIVERY_STATUSES[k]).length) as [number, number, number]),
      ),
    },
    units: units.map((u) => {
      const mine = perUnit(u);
      const due = mine.length * 2;
      const met = Math.floor(due * 0.8);
      return {
        unit: u,
        matters: mine.length,
        byStatus: byStatus(
          ...([0, 1, 2].map((k) => mine.filter((m) => m.deliveryStatus === DELIVERY_STATUSES[k]).length) as [number, number, number]),
        ),
        deadlinesDue: due,
        metOnTime: met,
        onScheduleRate: rate(met, due),
      };
    }),
    overdue: Array.from({ length: size.overdue }, (_, i) => ({
      matter: at(i),
      deadline: {
        kind: 'milestone' as const,
        title: {
          zh: `第${(i % 5) + 1}阶段里程碑：完成配套制度文件起草和征求意见`,
          en: `Milestone ${(i % 5) + 1}: draft the supporting rules and consult on them`,
        },
        dueAt: iso(base - (size.overdue - i) * 3_600_000),
      },
      daysOverdue: Math.floor((size.overdue - i) / 24),
      escalationLevel: i % 4,
    })),
    upcoming: Array.from({ length: size.upcoming }, (_, i) => ({
      matter: at(i + 7),
      deadline: {
        kind: 'progress_report' as const,
        title: { zh: '提交月度实施进展报告', en: 'Submit the monthly progress report' },
        dueAt: iso(base + (i + 1) * 60_000),
      },
      daysLeft: 0,
    })),
    milestonesCompleted: Array.from({ length: size.milestones }, (_, i) => ({
      matter: at(i + 13),
      milestone: {
        title: { zh: '完成试点区域现场评估', en: 'Complete the on-site review of the pilot area' },
        dueAt: iso(base - 86_400_000),
        completedAt: iso(Date.parse(PERIOD.from) + i * 60_000),
        onTime: i % 5 !== 0,
      },
    })),
  });
}

export function largeReplicationReport(experiences: number): ReplicationReport {
  const templates = [fundingExperience, achievementsExperience, greenFinanceExperience, disputesExperience];
  const entries = Array.from({ length: experiences }, (_, i): ExperienceEntry => {
    const t = templates[i % templates.length];
    return { ...t, id: `exp-large-${i + 1}`, matter: { ...largeMatter(i), policyArea: t.matter.policyArea } };
  });
  const keys = [...new Set(entries.map((e) => e.matter.policyArea.key))].sort();
  return replication({
    number: 9,
    issuedAt: '2026-11-20T02:00:00Z',
    issuedBy: { name: '王建国', unit: U.cro },
    title: {
      zh: '深圳综合改革试点可复制推广经验汇编',
      en: 'Shenzhen Comprehensive Reform Pilot: compendium of experiences for replication',
    },
    generatedAt: '2026-11-23T01:00:00Z',
    groups: keys.map((k) =>
      group(
        k,
        entries.filter((e) => e.matter.policyArea.key === k),
      ),
    ),
  });
}

/** A scorecard of `units` leading units (`SZ-U0001` …) with varied figures: null rates every seventh row. */
export function largeScorecard(units: number): UnitScorecard {
  const base = Object.values(SAMPLE_UNITS);
  return scorecard({
    title: { zh: '牵头单位评分卡（全市）', en: 'Leading units scorecard, all units' },
    period: { from: '2026-09-30T16:00:00Z', to: PERIOD.to },
    asOf: PERIOD.to,
    rows: Array.from({ length: units }, (_, i) => {
      const b = base[i % base.length];
      const due = i % 7 === 0 ? 0 : 5 + (i % 23);
      const met = Math.floor(due * (0.55 + ((i * 37) % 45) / 100));
      const received = i % 5;
      const inTime = Math.min(received, i % 3);
      const late = Math.min(received - inTime, i % 2);
      return {
        unit: unit(`SZ-U${String(i + 1).padStart(4, '0')}`, {
          zh: `${b.name.zh ?? '深圳市'}第${i + 1}工作组`,
          en: `${b.name.en ?? 'Shenzhen'}, working group ${i + 1}`,
        }),
        matters: 3 + (i % 11),
        open: 2 + (i % 9),
        deadlinesDue: due,
        metOnTime: met,
        onScheduleRate: rate(met, due),
        averageDaysOverdue: due === met ? null : 1 + ((i * 13) % 170) / 10,
        urgeNotices: urge(received, inTime, late, received - inTime - late),
      };
    }),
  });
}

// ---------------------------------------------------------------------------------------------

/** 情况通报 samples: the office's week as a bulletin, its overdue deadlines named under their units. */
function bulletin(
  r: Pick<
    Bulletin,
    'number' | 'issuedAt' | 'issuedBy' | 'title' | 'completed' | 'onSchedule' | 'overdueUnits' | 'missingReports' | 'redOrders'
  >,
): Bulletin {
  const overdue = r.overdueUnits.reduce((n, u) => n + u.items.length, 0);
  return withChecksum<Bulletin>({
    kind: 'bulletin',
    timeZone: TIME_ZONE,
    generatedAt: '2026-11-23T01:00:00Z',
    period: PERIOD,
    asOf: '2026-11-22T16:00:00Z',
    summary: {
      matters: 14,
      byStatus: byStatus(4, 3, 2),
      deadlinesDue: 15,
      metOnTime: 10,
      onScheduleRate: rate(10, 15),
      completed: r.completed.length,
      overdue,
      missingReports: r.missingReports.reduce((n, u) => n + u.reports.length, 0),
    },
    checksum: '',
    ...r,
  });
}

const issuedBulletin = bulletin({
  number: 2,
  issuedAt: '2026-11-23T01:00:00Z',
  issuedBy: { name: '王建国', unit: U.cro },
  title: { zh: '深圳综合改革试点推进情况通报（第2期）', en: 'Shenzhen comprehensive reform pilot: bulletin No. 2' },
  completed: [{ matter: M.drugApproval, completedAt: '2026-11-18T07:30:00Z' }],
  onSchedule: [U.amr],
  overdueUnits: [
    { unit: officeProgress.units[2].unit, items: officeProgress.overdue.filter((o) => o.matter.id === M.insuranceFunds.id) },
    {
      unit: officeProgress.units[4].unit,
      items: officeProgress.overdue.filter((o) => o.matter.id === M.projectManager.id || o.matter.id === M.funding.id),
    },
  ],
  missingReports: [
    {
      unit: officeProgress.units[4].unit,
      reports: [
        {
          matter: M.projectManager,
          deadline: {
            kind: 'progress_report',
            title: { zh: '第3期进展报告', en: 'Progress report, period 3' },
            dueAt: '2026-11-10T09:00:00Z',
          },
          filedAt: null,
          daysOverdue: 12,
        },
      ],
    },
  ],
  // 三色督办单: a red order of the reform office still open at asOf, acknowledged by the unit
  redOrders: [
    {
      unit: officeProgress.units[4].unit,
      items: [
        {
          matter: M.projectManager,
          requirement: '请于11月30日前完成项目经理负责制试点方案报审，逾期说明原因及整改措施。',
          issuedAt: '2026-11-18T02:00:00Z',
          dueAt: '2026-11-30T15:59:59Z',
          acknowledged: true,
        },
      ],
    },
  ],
});

const emptyBulletin = bulletin({
  number: null,
  issuedAt: null,
  issuedBy: null,
  title: { zh: '综合改革试点推进情况通报（待印发）', en: 'Comprehensive reform pilot: bulletin (draft)' },
  completed: [],
  onSchedule: [],
  overdueUnits: [],
  missingReports: [],
  redOrders: [],
});

export const SAMPLE_REPORTS: readonly SampleReport[] = [
  {
    id: 'replication-issued',
    note: 'Batch 3 as issued: four experiences in three policy areas, one evaluation written in English, a target without an actual value yet',
    report: replication({
      number: 3,
      issuedAt: '2026-11-20T02:00:00Z',
      issuedBy: { name: '王建国', unit: U.cro },
      title: {
        zh: '深圳综合改革试点第三批可复制推广经验清单',
        en: 'Shenzhen Comprehensive Reform Pilot: experiences for replication, batch 3',
      },
      generatedAt: '2026-11-20T02:05:00Z',
      groups: [
        group('finance', [greenFinanceExperience]),
        group('judicial', [disputesExperience]),
        group('science_technology', [fundingExperience, achievementsExperience]),
      ],
    }),
  },
  {
    id: 'replication-draft',
    note: 'A draft (no number): Chinese-only texts, empty regions and fields, a blank narrative, a javascript: link, markup-like and very long text',
    report: replication({
      number: null,
      issuedAt: null,
      issuedBy: null,
      title: { zh: '深圳综合改革试点第四批可复制推广经验清单（草稿）' },
      generatedAt: '2026-11-23T01:00:00Z',
      groups: [group('land_resources', [draftExperience])],
    }),
  },
  {
    id: 'replication-empty',
    note: 'A draft with nothing to list yet',
    report: replication({
      number: null,
      issuedAt: null,
      issuedBy: null,
      title: { zh: '可复制推广经验清单（草稿）', en: 'Experiences for replication (draft)' },
      generatedAt: '2026-11-23T01:00:00Z',
      groups: [],
    }),
  },
  {
    id: 'progress-office',
    note: 'The weekly report for all units: overdue deadlines at every escalation level, a unit with nothing due (null rate), a unit named in English only, titles with <, |, * and a line break',
    report: officeProgress,
  },
  {
    id: 'progress-unit',
    note: "One unit's report with empty sections: nothing overdue, nothing upcoming, no milestones, null rate",
    report: unitProgress,
  },
  { id: 'progress-empty', note: 'A report with no matters at all', report: emptyProgress },
  {
    id: 'progress-long',
    note: 'Generated: 150 matters, 120 overdue, 60 upcoming, 60 milestones (tables across pages)',
    report: largeProgressReport({ matters: 150, overdue: 120, upcoming: 60, milestones: 60 }),
  },
  {
    id: 'scorecard',
    note: 'Six units over two months: a perfect record, nothing due (null rate and average), unanswered urge notices',
    report: officeScorecard,
  },
  { id: 'scorecard-empty', note: 'No units in the period', report: emptyScorecard },
  {
    id: 'bulletin-issued',
    note: 'Bulletin No. 2: a matter completed, one unit on schedule, two units named for overdue deadlines, one for a missing report',
    report: issuedBulletin,
  },
  { id: 'bulletin-draft', note: 'A draft bulletin with nothing to name: every section empty', report: emptyBulletin },
];
