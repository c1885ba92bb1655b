import { type Locale, type LocalizedText, textFor, wallClockAt } from '#domain';
import type { MatterSummary } from './matter-summary.js';

/**
 * Plain-text mail in the recipient's language (zh-CN by default). Each says which
 * matter, what is due and when in the recipient's time zone, and where to act.
 */
export interface PlainMail {
  subject: string;
  text: string;
}

export type MailKind =
  | { kind: 'deadline-reminder'; what: LocalizedText; dueAt: string }
  | { kind: 'deadline-escalation'; what: LocalizedText; dueAt: string; level: number }
  | { kind: 'approval-requested'; step: LocalizedText; dueAt: string | null }
  | { kind: 'decision-made'; decision: 'approved' | 'rejected' | 'returned'; comment: string | null }
  | { kind: 'urge-notice'; message: string; dueAt: string }
  | { kind: 'urge-acknowledged'; response: string | null };

export function formatDue(instant: string, timeZone: string, locale: Locale): string {
  const w = wallClockAt(new Date(instant), timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  const date = `${w.year}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}`;
  return locale === 'en' ? `${date} (${timeZone})` : `${date}（${timeZone}）`;
}

export function composePlain(
  mail: MailKind,
  matter: MatterSummary,
  recipient: { locale: Locale; timeZone: string; displayName: string },
  matterUrl: string,
): PlainMail {
  const zh = recipient.locale !== 'en';
  const L = (t: LocalizedText) => textFor(t, recipient.locale);
  const due = (at: string) => formatDue(at, recipient.timeZone, recipient.locale);
  const head = zh
    ? [
        `${recipient.displayName}，您好：`,
        '',
        `事项：${matter.code} ${L(matter.title)}`,
        `批次：${matter.batchCode} ${L(matter.batchTitle)}`,
        `牵头单位：${L(matter.leadingUnit)}`,
      ]
    : [
        `Dear ${recipient.displayName},`,
        '',
        `Matter: ${matter.code} ${L(matter.title)}`,
        `Batch: ${matter.batchCode} ${L(matter.batchTitle)}`,
        `Leading unit: ${L(matter.leadingUnit)}`,
      ];
  let subject: string;
  let body: string[];
  switch (mail.kind) {
    case 'deadline-reminder':
      subject = zh
        ? `【提醒】${matter.code}：${L(mail.what)}，截止 ${due(mail.dueAt)}`
        : `[Reminder] ${matter.code}: ${L(mail.what)} due ${due(mail.dueAt)}`;
      body = zh
        ? [`待办：${L(mail.what)}`, `截止时间：${due(mail.dueAt)}`, '逾期未完成将按规定逐级督办，直至报告改革办和领导小组。']
        : [
            `Due: ${L(mail.what)}`,
            `Deadline: ${due(mail.dueAt)}`,
            'If it is missed, it escalates level by level up to the reform office and the leading group.',
          ];
      break;
    case 'deadline-escalation':
      subject = zh
        ? `【逾期督办·第${mail.level}级】${matter.code}：${L(mail.what)}`
        : `[Overdue · level ${mail.level}] ${matter.code}: ${L(mail.what)}`;
      body = zh
        ? [`逾期事项：${L(mail.what)}`, `原定截止时间：${due(mail.dueAt)}`, `本通知为第 ${mail.level} 级督办，请尽快处理。`]
        : [`Overdue: ${L(mail.what)}`, `It was due: ${due(mail.dueAt)}`, `This is escalation level ${mail.level}: please act now.`];
      break;
    case 'approval-requested':
      subject = zh ? `【待审批】${matter.code}：${L(mail.step)}` : `[Approval requested] ${matter.code}: ${L(mail.step)}`;
      body = zh
        ? [`审批环节：${L(mail.step)}`, ...(mail.dueAt ? [`请于 ${due(mail.dueAt)} 前作出决定。`] : [])]
        : [`Approval step: ${L(mail.step)}`, ...(mail.dueAt ? [`Please decide by ${due(mail.dueAt)}.`] : [])];
      break;
    case 'decision-made': {
      const word = zh
        ? { approved: '已批准', rejected: '未获批准', returned: '退回修改' }[mail.decision]
        : { approved: 'approved', rejected: 'rejected', returned: 'returned for revision' }[mail.decision];
      subject = zh ? `【审批结果】${matter.code}：${word}` : `[Decision] ${matter.code}: ${word}`;
      body = zh
        ? [`审批结果：${word}`, ...(mail.comment ? [`审批意见：${mail.comment}`] : [])]
        : [`Decision: ${word}`, ...(mail.comment ? [`Comment: ${mail.comment}`] : [])];
      break;
    }
    case 'urge-notice':
      subject = zh
        ? `【催办】${matter.code}：请于 ${due(mail.dueAt)} 前确认`
        : `[Urge notice] ${matter.code}: acknowledge by ${due(mail.dueAt)}`;
      body = zh
        ? [`改革办催办：${mail.message}`, `请于 ${due(mail.dueAt)} 前在系统中确认收到，逾期未确认将逐级督办。`]
        : [`The reform office urges: ${mail.message}`, `Acknowledge it by ${due(mail.dueAt)}; unacknowledged, it escalates.`];
      break;
    case 'urge-acknowledged':
      subject = zh ? `【催办已确认】${matter.code}` : `[Urge notice acknowledged] ${matter.code}`;
      body = zh
        ? ['牵头单位已确认收到催办通知。', ...(mail.response ? [`回复：${mail.response}`] : [])]
        : ['The leading unit acknowledged the urge notice.', ...(mail.response ? [`Reply: ${mail.response}`] : [])];
      break;
  }
  return {
    subject,
    text: [
      ...head,
      '',
      ...body,
      '',
      zh ? `查看事项：${matterUrl}` : `Open the matter: ${matterUrl}`,
      '',
      zh ? '—— 综合改革试点事项管理系统（Reformflow）' : '— Reformflow',
    ].join('\n'),
  };
}
