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
};

export function TaskKindTag({ kind }: { kind: TaskKind }) {
  const { t } = useTranslation('common');
  return <Tag color={COLOURS[kind]}>{t(`taskKind.${kind}`)}</Tag>;
}
