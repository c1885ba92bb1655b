import { stringify } from 'csv-stringify/sync';
import type { Locale, MatterKind, RiskLevel } from '#domain';
import type { MatterSummary } from '#persistence';
import { policyAreaTitle } from '../policy-areas.js';
import { ReportFormat } from './format.js';

const KINDS: Record<Locale, Record<MatterKind, string>> = {
  'zh-CN': { reform_measure: '改革举措', innovation_experiment: '创新试验', opening_up_initiative: '开放举措' },
  en: { reform_measure: 'Reform measure', innovation_experiment: 'Innovation experiment', opening_up_initiative: 'Opening-up initiative' },
};
const RISKS: Record<Locale, Record<RiskLevel, string>> = {
  'zh-CN': { low: '低', medium: '中', high: '高', critical: '重大' },
  en: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
};
const HEADERS: Record<Locale, string[]> = {
  'zh-CN': [
    '事项编号',
    '事项名称',
    '批次',
    '类型',
    '政策领域',
    '牵头单位',
    '所处阶段',
    '风险等级',
    '最近截止时间',
    '是否逾期',
    '进展状态',
    '最后更新',
  ],
  en: [
    'Code',
    'Title',
    'Batch',
    'Kind',
    'Policy area',
    'Leading unit',
    'Stage',
    'Risk',
    'Next due',
    'Overdue',
    'Delivery status',
    'Last updated',
  ],
};
const YES_NO: Record<Locale, [string, string]> = { 'zh-CN': ['是', '否'], en: ['Yes', 'No'] };

/**
 * The filtered matter list as CSV, in the reader's language, times in their zone (named in
 * the header), every value a word rather than an enum key. UTF-8 with a byte-order mark, so
 * Excel opens the Chinese correctly.
 */
export function matterListCsv(rows: readonly MatterSummary[], locale: Locale, timeZone: string): Buffer {
  const f = new ReportFormat(locale, timeZone);
  const [yes, no] = YES_NO[locale];
  const when = (iso: string | null) => (iso ? f.time(iso) : '');
  const headers = HEADERS[locale].map((h, i) =>
    i === 8 || i === 11 ? `${h}${f.labels.parenOpen}${f.zoneName()}${f.labels.parenClose}` : h,
  );
  const body = stringify([
    headers,
    ...rows.map((r) => [
      r.code,
      f.text(r.title),
      r.batch.code,
      KINDS[locale][r.kind],
      f.text(policyAreaTitle(r.policyArea)),
      f.text(r.leadingUnit.name),
      f.stage(r.stage),
      RISKS[locale][r.riskLevel],
      when(r.nextDueAt),
      r.overdue ? yes : no,
      r.deliveryStatus === null ? f.labels.notOpen : f.labels.statuses[r.deliveryStatus],
      when(r.updatedAt),
    ]),
  ]);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}
