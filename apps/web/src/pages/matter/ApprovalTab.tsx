import { Alert, Empty, Grid, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUserNames } from '../../api/hooks/directory';
import type { ApprovalStep, MatterView } from '../../api/hooks/types';
import { useFormatDateTime } from '../../components/DateTime';
import { useLocalized } from '../../components/LocalizedText';
import { ProvisionalTag } from '../../components/ProvisionalTag';
import { useUnitName } from '../../components/UnitName';

type StepState = 'wait' | 'process' | 'finish' | 'error';
const stateOf = (s: ApprovalStep, current: string | undefined): StepState =>
  s.status === 'approved' ? 'finish' : s.status === 'rejected' || s.status === 'returned' ? 'error' : s.id === current ? 'process' : 'wait';

/** The approval chain of the current round as a steps bar: done, current, pending; who decided, when, with what comment. */
export function ApprovalTab({ matter }: { matter: MatterView }) {
  const { t } = useTranslation('matter');
  const pick = useLocalized();
  const unit = useUnitName();
  const names = useUserNames();
  const f = useFormatDateTime();
  const narrow = Grid.useBreakpoint().md === false;
  const steps = matter.approvalSteps.filter((s) => s.round === matter.approvalRound).sort((a, b) => a.position - b.position);
  if (!steps.length) return <Empty description={t('approval.none')} />;
  const current = matter.stage === 'in_approval' ? steps.find((s) => s.status === 'pending')?.id : undefined;
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('approval.round', { round: matter.approvalRound })}
      </Typography.Title>
      {matter.returnComment && matter.stage === 'draft' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('approval.returnComment', { comment: matter.returnComment })}
        />
      )}
      <Steps
        orientation={narrow ? 'vertical' : 'horizontal'}
        size="small"
        items={steps.map((s) => {
          const state = stateOf(s, current);
          return {
            status: state,
            title: pick(s.title),
            subTitle: s.legalAuthorization ? <Tag color="purple">{t('approval.legal')}</Tag> : undefined,
            description: (
              <div style={{ whiteSpace: 'normal' }}>
                <div>
                  {unit(s.unitId)} · {t(`common:role.${s.role}`)}
                </div>
                <div>
                  <Tag
                    color={state === 'finish' ? 'success' : state === 'error' ? 'error' : state === 'process' ? 'processing' : 'default'}
                  >
                    {t(`common:stepStatus.${s.status}`)}
                  </Tag>
                </div>
                {s.decidedAt && (
                  <div>
                    {t('approval.decidedBy', {
                      name: names(s.decidedBy) || t('timeline.system'),
                      time: f.dateTime(s.decidedAt),
                      status: t(`common:stepStatus.${s.status}`),
                    })}
                  </div>
                )}
                {s.comment && <div>{t('approval.comment', { comment: s.comment })}</div>}
                {state === 'process' && s.dueAt && (
                  <div>
                    {t('approval.due', { time: f.dateTime(s.dueAt) })}
                    <ProvisionalTag show={matter.provisionalDeadlines.some((d) => d.subjectId === s.id)} />
                  </div>
                )}
              </div>
            ),
          };
        })}
      />
    </>
  );
}
