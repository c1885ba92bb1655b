import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TaskKind } from '../api/hooks/types';

const COLOURS: Record<TaskKind, string> = {
  approval_step: 'blue',
  milestone: 'geekblue',
  progress_report: 'purple',
  stage: 'default',
  urge_notice: 'magenta',
  evaluation: 'purple',
  evaluator_needed: 'magenta',
  overdue_deadline: 'red',
  delivery_failed: 'red',
  authorization_expiry: 'volcano',
  part: 'cyan',
  instruction: 'gold',
  order: 'orange',
  acceptance: 'lime',
};

/** 三色督办单 wear their own colour: 蓝色 / 黄色 / 红色督办单. */
const ORDER_TAGS = { blue: 'blue', yellow: 'gold', red: 'red' } as const;

export function TaskKindTag({ kind, colour }: { kind: TaskKind; colour?: keyof typeof ORDER_TAGS | null }) {
  const { t } = useTranslation('common');
  if (kind === 'order' && colour) return <Tag color={ORDER_TAGS[colour]}>{t(`orderColour.${colour}`)}</Tag>;
  return <Tag color={COLOURS[kind]}>{t(`taskKind.${kind}`)}</Tag>;
}
