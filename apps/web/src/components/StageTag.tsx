import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../api/hooks/types';

const COLOURS: Record<Stage, string> = {
  draft: 'default',
  in_approval: 'processing',
  approved: 'geekblue',
  in_implementation: 'blue',
  in_evaluation: 'purple',
  closed: 'success',
  withdrawn: 'default',
  terminated: 'error',
};

export function StageTag({ stage }: { stage: Stage }) {
  const { t } = useTranslation('common');
  return (
    <Tag color={COLOURS[stage]} variant="outlined">
      {t(`stage.${stage}`)}
    </Tag>
  );
}
