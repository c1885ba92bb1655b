import { Card, Descriptions, Empty, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUserNames } from '../../api/hooks/directory';
import type { MatterView } from '../../api/hooks/types';
import { useFormatDateTime } from '../../components/DateTime';
import { useLocalized } from '../../components/LocalizedText';
import { useUnitName } from '../../components/UnitName';

export function EvaluationTab({ matter }: { matter: MatterView }) {
  const { t } = useTranslation('matter');
  const names = useUserNames();
  const unit = useUnitName();
  const pick = useLocalized();
  const f = useFormatDateTime();
  return (
    <Flex vertical gap={16}>
      <Typography.Text>
        {matter.evaluator
          ? t('evaluation.evaluatorAssigned', { name: names(matter.evaluator.userId), unit: unit(matter.evaluator.unitId) })
          : t('evaluation.noEvaluator')}
      </Typography.Text>
      {!matter.evaluations.length && <Empty description={t('evaluation.none')} />}
      {[...matter.evaluations].reverse().map((e) => (
        <Card key={e.id} size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('evaluation.round', { round: e.round + 1 })}</h2>}>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'verdict', label: t('form.verdict'), children: t(`common:verdict.${e.verdict}`) },
              {
                key: 'by',
                label: t('field.evaluator'),
                children: t('evaluation.by', { name: names(e.evaluatorId), time: f.dateTime(e.loggedAt) }),
              },
              { key: 'scores', label: t('evaluation.scores'), children: e.scores.map((s) => `${s.criterion}: ${s.score}`).join('；') },
              { key: 'narrative', label: t('evaluation.narrative'), children: e.narrative },
              ...e.results.map((r) => ({
                key: r.targetId,
                label: pick(matter.targets.find((x) => x.id === r.targetId)?.indicator),
                children: `${r.actualValue ?? '—'}；${r.evidence.text}`,
              })),
              ...(e.adjustmentPlan ? [{ key: 'adj', label: t('evaluation.adjustmentPlan'), children: e.adjustmentPlan }] : []),
              ...(e.lessons ? [{ key: 'lessons', label: t('evaluation.lessons'), children: e.lessons }] : []),
            ]}
          />
        </Card>
      ))}
    </Flex>
  );
}
