import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Empty, Flex, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUserNames } from '../../api/hooks/directory';
import { useAuditVerify, useTimeline } from '../../api/hooks/matter';
import type { LocalizedText, MatterView, TimelineEntry } from '../../api/hooks/types';
import { DateTime } from '../../components/DateTime';
import { useLocalized } from '../../components/LocalizedText';
import { useUnitName } from '../../components/UnitName';
import { useLeader } from './InstructionsCard';
import { useMatterText } from './useMatterText';
import { IMPLIED } from './AcceptanceCard';

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** The green "已验证" mark, or a red one naming the broken record. */
export function VerifiedMark({ matterId }: { matterId: string }) {
  const { t } = useTranslation('matter');
  const verify = useAuditVerify(matterId);
  if (verify.isPending) return <Spin size="small" description={t('timeline.verifying')} />;
  if (!verify.data) return null;
  if (verify.data.valid) {
    return (
      <Tag color="success" icon={<CheckCircleFilled aria-hidden />} title={t('timeline.verifiedDetail', { count: verify.data.length })}>
        {t('timeline.verified')}
      </Tag>
    );
  }
  return (
    <Tag color="error" icon={<CloseCircleFilled aria-hidden />}>
      {t('timeline.broken')}：
      {t('timeline.brokenDetail', { seq: verify.data.firstBrokenSeq, reason: t(`timeline.reason.${verify.data.reason}`) })}
    </Tag>
  );
}

/** One audit event as a sentence a clerk reads, with the words it carried (comment, reason, note) beneath. */
function useSentence(matter: MatterView) {
  const { t } = useTranslation('matter');
  const pick = useLocalized();
  const text = useMatterText(matter);
  const names = useUserNames();
  const unitName = useUnitName();
  const leader = useLeader();
  return (e: TimelineEntry): { sentence: string; quote: string } => {
    const p = obj(e.payload);
    const own = e.actor?.displayName ?? t('timeline.system');
    // 委托代理: a deputy's decision names the person they stood in for
    const absent = str(p.onBehalfOf) ? names(str(p.onBehalfOf)) : '';
    const actor = absent ? t('timeline.actorOnBehalf', { actor: own, absent }) : own;
    const milestone = pick(obj(p.milestone).title as LocalizedText) || text.milestoneTitle(p.milestoneId);
    const entry = obj(p.entry);
    const evaluation = obj(p.evaluation);
    const assignment = obj(p.assignment);
    const notice = obj(p.notice);
    // a part named by the event, or (edited, reported, taken back) as the matter has it now
    const part = p.part ? obj(p.part) : obj(matter.parts.find((x) => x.id === p.partId));
    // a leader's instruction named by the event (recorded), or as the matter has it now (reported, closed)
    const instruction = p.instruction ? obj(p.instruction) : obj(matter.instructions.find((x) => x.id === p.instructionId));
    // a supervision order named by the event (issued), or as the matter has it now (acknowledged, closed)
    const order = p.order ? obj(p.order) : obj(matter.supervisionOrders.find((x) => x.id === p.orderId));
    const vars = {
      colour: order.colour ? t(`common:orderColour.${str(order.colour)}`) : '',
      orderUnit: order.unitId ? unitName(str(order.unitId)) : '',
      leader: instruction.leaderName
        ? leader({ leaderName: str(instruction.leaderName), leaderTitle: str(instruction.leaderTitle) || null })
        : '',
      part: pick(part.deliverable as LocalizedText),
      unit: unitName(str(part.unitId)),
      actor,
      step: text.stepTitle(p.stepId),
      milestone,
      target: text.targetTitle(entry.targetId),
      value: `${str(entry.value)} ${matter.targets.find((x) => x.id === entry.targetId)?.unit ?? ''}`.trim(),
      asOf: str(entry.asOf),
      round: str(p.round),
      n: str(p.adjustmentNumber),
      outcome: p.outcome ? t(`common:outcome.${str(p.outcome)}`) : '',
      verdict: evaluation.verdict ? t(`common:verdict.${str(evaluation.verdict)}`) : '',
      evaluator: names(str(assignment.userId)) || t('timeline.system'),
      previousEvaluator: names(str(obj(p.previous).userId)),
      manager: names(str(p.managerId)),
      previousManager: names(str(p.previousManagerId)),
      title: pick(obj(p.experience).title as LocalizedText),
      event: t(`common:event.${e.type}`, { defaultValue: e.type }),
      // 签收: the matter itself, or the part named
      assignmentSubject: p.partId
        ? t('acceptance.partSubject', { part: pick(part.deliverable as LocalizedText) })
        : t('acceptance.matterSubject'),
      resolution: p.resolution ? t(`acceptance.resolvedAs.${str(p.resolution)}`) : '',
    };
    // an evaluator assigned in place of another says whom they replace
    const key =
      e.type === 'evaluation.assigned' && p.previous
        ? 'evaluation.replaced'
        : e.type === 'part.reported' && obj(p.report).completes === true
          ? 'part.completed'
          : e.type;
    const sentence = t(`timeline.sentence.${key}`, { ...vars, defaultValue: t('timeline.sentence.other', vars) });
    const quote =
      (e.type.startsWith('assignment.') && p.comment === IMPLIED ? t('acceptance.implied') : str(p.comment)) ||
      str(p.reason) ||
      str(p.note) ||
      str(notice.message) ||
      str(p.response) ||
      str(p.remark) ||
      str(instruction.text && e.type === 'instruction.recorded' ? instruction.text : '') ||
      str(order.requirement && e.type === 'order.issued' ? order.requirement : '') ||
      str(entry.note) ||
      str(obj(p.report).done) ||
      str(obj(p.report).narrative) ||
      str(evaluation.narrative);
    return { sentence, quote };
  };
}

export function TimelineTab({ matter }: { matter: MatterView }) {
  const { t } = useTranslation('matter');
  const timeline = useTimeline(matter.id);
  const verify = useAuditVerify(matter.id);
  const sentence = useSentence(matter);
  const broken = verify.data && !verify.data.valid ? verify.data.firstBrokenSeq : null;
  if (timeline.isPending) return <Spin />;
  if (!timeline.data?.length) return <Empty description={t('timeline.empty')} />;
  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={8}>
        <VerifiedMark matterId={matter.id} />
        {verify.data?.valid && (
          <Typography.Text type="secondary">{t('timeline.verifiedDetail', { count: verify.data.length })}</Typography.Text>
        )}
      </Flex>
      {broken !== null && verify.data && !verify.data.valid && (
        <Alert
          type="error"
          showIcon
          title={t('timeline.broken')}
          description={t('timeline.brokenDetail', { seq: broken, reason: t(`timeline.reason.${verify.data.reason}`) })}
        />
      )}
      <Timeline
        items={[...timeline.data]
          .sort((a, b) => b.seq - a.seq)
          .map((e) => {
            const s = sentence(e);
            const bad = e.seq === broken;
            return {
              key: e.seq,
              color: bad ? 'red' : 'blue',
              content: (
                <Flex vertical gap={2}>
                  <Typography.Text strong type={bad ? 'danger' : undefined}>
                    {s.sentence}
                  </Typography.Text>
                  {s.quote && <Typography.Text type="secondary">“{s.quote}”</Typography.Text>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <DateTime value={e.occurredAt} />
                  </Typography.Text>
                  {bad && <Typography.Text type="danger">{t('timeline.brokenHere')}</Typography.Text>}
                </Flex>
              ),
            };
          })}
      />
    </Flex>
  );
}
