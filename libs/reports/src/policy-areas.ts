/**
 * Titles of the policy areas matters are filed under (`policyArea:` in seeds/batches/*.yaml):
 * what a report's per-area headings say. A key the table does not know (a batch loaded later
 * with a new area) is shown as itself rather than refused, so a report never fails on it.
 */
import type { LocalizedText } from '#domain';
import type { PolicyAreaRef } from './model.js';

export const POLICY_AREA_TITLES: Readonly<Record<string, LocalizedText>> = {
  business_environment: { zh: '营商环境', en: 'Business environment' },
  data: { zh: '数据要素', en: 'Data' },
  digital_government: { zh: '数字政府', en: 'Digital government' },
  education: { zh: '教育', en: 'Education' },
  emerging_industries: { zh: '新兴产业', en: 'Emerging industries' },
  environment: { zh: '生态环境', en: 'Environment' },
  finance: { zh: '金融', en: 'Finance' },
  governance: { zh: '治理体制', en: 'Governance' },
  healthcare: { zh: '医疗卫生', en: 'Healthcare' },
  judicial: { zh: '司法与法治', en: 'Judiciary and rule of law' },
  land_resources: { zh: '土地与自然资源', en: 'Land and natural resources' },
  personnel_mobility: { zh: '人员往来', en: 'Personnel mobility' },
  public_finance: { zh: '财政', en: 'Public finance' },
  public_services: { zh: '公共服务', en: 'Public services' },
  science_technology: { zh: '科技创新', en: 'Science and technology' },
  services_trade: { zh: '服务贸易', en: 'Trade in services' },
  talent: { zh: '人才', en: 'Talent' },
  trade: { zh: '贸易', en: 'Trade' },
};

/** The area's titles, or the key itself in both languages when the area is not in the table. */
export function policyAreaTitle(key: string): LocalizedText {
  return Object.hasOwn(POLICY_AREA_TITLES, key) ? POLICY_AREA_TITLES[key] : { zh: key, en: key };
}

export function policyAreaRef(key: string): PolicyAreaRef {
  return { key, title: policyAreaTitle(key) };
}
