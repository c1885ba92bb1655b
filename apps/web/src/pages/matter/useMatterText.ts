import { useTranslation } from 'react-i18next';
import type { DeliveryStatusView, MatterView, Milestone } from '../../api/hooks/types';
import { useFormatDateTime } from '../../components/DateTime';
import { useLocalized } from '../../components/LocalizedText';

export type MilestoneState = 'open' | 'done' | 'overdue';
export const milestoneState = (m: Pick<Milestone, 'completedAt' | 'dueAt'>, now = Date.now()): MilestoneState =>
  m.completedAt ? 'done' : Date.parse(m.dueAt) < now ? 'overdue' : 'open';

/** Words for the parts of a matter that events and status reasons point at by id. */
export function useMatterText(matter: MatterView | undefined) {
  const { t } = useTranslation('common');
  const pick = useLocalized();
  const f = useFormatDateTime();
  const stepTitle = (id: unknown) => pick(matter?.approvalSteps.find((s) => s.id === id)?.title);
  const milestoneTitle = (id: unknown) => pick(matter?.milestones.find((s) => s.id === id)?.title);
  const targetTitle = (id: unknown) => pick(matter?.targets.find((s) => s.id === id)?.indicator);

  const deadlineSubject = (key: string): string => {
    const [kind, id] = key.split(':');
    const title = kind === 'milestone' ? milestoneTitle(id) : kind === 'step' ? stepTitle(id) : '';
    const base = t(`deadlineKind.${kind}`, { defaultValue: kind });
    return title ? t('quoted', { kind: base, title }) : base;
  };

  const reason = (r: DeliveryStatusView['reasons'][number]): string => {
    let subject = '';
    let due = '';
    if (r.subject?.kind === 'target') subject = targetTitle(r.subject.id);
    else if (r.subject?.kind === 'deadline') {
      subject = deadlineSubject(r.subject.key);
      due = r.subject.dueAt;
    }
    const words = t(`deliveryRule.${r.rule}`, { subject, defaultValue: r.rule });
    return due ? t('reasonWithDue', { words, time: f.dateTime(due) }) : words;
  };

  return { stepTitle, milestoneTitle, targetTitle, reason };
}
