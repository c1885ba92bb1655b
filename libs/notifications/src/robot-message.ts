import type { Locale, LocalizedText } from '#domain';
import { renderTemplate } from './templates/renderer.js';
import type { MatterRef, TemplateName } from './templates/template-data.js';

/** A message for a unit's group robot: the title DingTalk lists it under, and its Markdown. */
export interface RobotMessage {
  title: string;
  markdown: string;
}

/** The test message an office sends to check a unit's robot (系统管理 → 单位 → 发送测试消息). */
export const CHANNEL_TEST = 'channel-test';
export interface ChannelTestData {
  unit: LocalizedText;
  requestedBy: string;
  settingsUrl: string;
}

const WORDS: Record<Locale, Record<'matter' | 'leadingUnit' | 'open' | 'system' | 'testTitle' | 'testBody' | 'testLink', string>> = {
  'zh-CN': {
    matter: '事项',
    leadingUnit: '牵头单位',
    open: '在系统中查看事项',
    system: '综合改革试点事项管理系统',
    testTitle: '【测试消息】群机器人已接入',
    testBody: '{unit}的通知（到期提醒、逾期督办、催办、审批请求等）今后也会发到本群。此消息由{by}发送。',
    testLink: '在系统中查看单位设置',
  },
  en: {
    matter: 'Matter',
    leadingUnit: 'Leading unit',
    open: 'Open the matter in Reformflow',
    system: 'Reformflow',
    testTitle: '[Test] The group robot is connected',
    testBody:
      "{unit}'s notifications (deadline reminders, escalations, urge notices, approval requests …) will also be posted to this group. Sent by {by}.",
    testLink: "Open the unit's settings",
  },
};

/** The name the mail's greeting is rendered with, so its paragraph can be told apart and left out: a group is not greeted as one person. */
const GREETED = '\u2063robot\u2063';

const pick = (t: LocalizedText, locale: Locale) => (locale === 'en' ? (t.en ?? t.zh) : (t.zh ?? t.en)) ?? '';
/**
 * Text that would turn into markup, made inert without backslashes (企业微信 shows a backslash as
 * it is): no link can close inside it, no <font> tag open; 【】 and [] stay as written.
 */
const plain = (s: string) => s.replaceAll('](', '] (').replaceAll('<', '＜').replaceAll('>', '＞');

/**
 * Renders a delivery for a group robot in the channel's language: the mail's own subject (the
 * catalog string, so the group reads what the mail would say: 【到期提醒】OP24-01-03 …：… 截止…)
 * as the heading, the mail's lead paragraph (what to do by when, how long before the deadline
 * this reminder is), the matter's code, title and leading unit, and the link that opens the web
 * page with what is asked ready, never the API. The subset of Markdown used (headings, quotes,
 * links) is the one both robots render (企业微信 markdown, 钉钉 markdown).
 */
export function renderRobotMessage(template: string, data: unknown, locale: Locale): RobotMessage {
  const w = WORDS[locale];
  if (template === CHANNEL_TEST) {
    const d = data as ChannelTestData;
    const body = w.testBody.replace('{unit}', pick(d.unit, locale)).replace('{by}', d.requestedBy);
    return {
      title: w.testTitle,
      markdown: `#### ${plain(w.testTitle)}\n\n${plain(body)}\n\n[${w.testLink}](${d.settingsUrl})\n\n###### ${w.system}`,
    };
  }
  const { subject, text } = renderTemplate(template as TemplateName, data as never, {
    displayName: GREETED,
    locale,
    timeZone: 'Asia/Shanghai',
    settingsUrl: '',
    onBehalfOf: null,
  });
  const matter = (data as { matter?: MatterRef | null }).matter ?? null;
  const sep = locale === 'en' ? ': ' : '：';
  const lines = [`#### ${plain(subject)}`, ''];
  // the mail's lead, what it asks and by when (本提醒于截止前7天发出 …): the paragraph after the greeting
  const paragraphs = text.split(/\n{2,}/);
  const lead = paragraphs[0]?.includes(GREETED) ? paragraphs[1] : undefined;
  if (lead) lines.push(...lead.split('\n').flatMap((l) => [plain(l), '']));
  if (matter) {
    lines.push(`> ${w.matter}${sep}${plain(matter.code)} ${plain(pick(matter.title, locale))}`);
    lines.push(`> ${w.leadingUnit}${sep}${plain(pick(matter.leadingUnit, locale))}`, '', `[${w.open}](${matter.url})`, '');
  }
  lines.push(`###### ${w.system}`);
  return { title: subject.slice(0, 100), markdown: lines.join('\n') };
}
