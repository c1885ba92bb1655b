import { Alert, Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTimeline } from '../api/hooks/matter';
import type { MatterView } from '../api/hooks/types';
import { useFormatDateTime } from './DateTime';

/** Top-level fields of a matter worth naming when they changed under someone's form. */
const WATCHED = [
  'stage',
  'title',
  'description',
  'kind',
  'policyArea',
  'leadingUnitId',
  'participatingUnitIds',
  'managerId',
  'riskLevel',
  'risks',
  'targets',
  'milestones',
  'approvalSteps',
  'progress',
  'evaluator',
  'evaluations',
  'urgeNotices',
] as const;

export function changedFields(before: MatterView, after: MatterView): string[] {
  return WATCHED.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/**
 * 409 version.stale: someone else changed the matter since the form was opened. Names who did
 * what and when (from the timeline) and which parts differ; the form keeps its values.
 */
export function ConflictAlert({ before, latest, onReload }: { before: MatterView; latest: MatterView | undefined; onReload?: () => void }) {
  const { t } = useTranslation('common');
  const f = useFormatDateTime();
  const { data: timeline } = useTimeline(before.id);
  const since = (timeline ?? []).filter((e) => e.occurredAt > before.updatedAt);
  const fields = latest ? changedFields(before, latest) : [];
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={t('conflict.title')}
      description={
        <Space orientation="vertical" size={4}>
          {since.map((e) => (
            <Typography.Text key={e.seq}>
              {t('conflict.byWhom', {
                actor: e.actor?.displayName ?? t('conflict.unknownActor'),
                time: f.dateTime(e.occurredAt),
                what: t(`event.${e.type}`, { defaultValue: e.type }),
              })}
            </Typography.Text>
          ))}
          {fields.length > 0 && (
            <Typography.Text>
              {t('conflict.changed')}
              {fields.map((k) => t(`conflict.field.${k}`)).join(t('list.separator'))}
            </Typography.Text>
          )}
          <Typography.Text type="secondary">{t('conflict.kept')}</Typography.Text>
          {onReload && (
            <Button size="small" onClick={onReload}>
              {t('conflict.reload')}
            </Button>
          )}
        </Space>
      }
    />
  );
}
