import { Alert, App, Button, Card, Descriptions, Flex, Grid, Space, Tabs, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { isProblem } from '../../api/client';
import { useOnBehalfOf } from '../../api/hooks/deputies';
import { useBatches, useUserNames } from '../../api/hooks/directory';
import { useDeliveries, useDeliveryStatus, useMatter, useMatterActions } from '../../api/hooks/matter';
import type { MatterActionType, MatterView } from '../../api/hooks/types';
import { PageSpinner } from '../../components/AppLayout';
import { DateTime, useFormatDateTime } from '../../components/DateTime';
import { DeliveryStatusTag } from '../../components/DeliveryStatusTag';
import { ErrorResult } from '../../components/ErrorResult';
import { useLang, useLocalized } from '../../components/LocalizedText';
import { PageHeader } from '../../components/PageHeader';
import { ProvisionalTag } from '../../components/ProvisionalTag';
import { StageTag } from '../../components/StageTag';
import { useUnitName } from '../../components/UnitName';
import { ApprovalTab } from './ApprovalTab';
import { EvaluationTab } from './EvaluationTab';
import { FaultToleranceCard } from './FaultToleranceCard';
import { AcceptanceCard } from './AcceptanceCard';
import { InstructionsCard } from './InstructionsCard';
import { SupervisionOrdersCard } from './SupervisionOrdersCard';
import { LegalAuthorization } from './LegalAuthorization';
import { MailTab } from './MailTab';
import { OnBehalfBanner } from './OnBehalfBanner';
import { PlanTab } from './PlanTab';
import { TimelineTab, VerifiedMark } from './TimelineTab';
import { ActionDrawer } from './actions/ActionDrawer';
import { useMatterText } from './useMatterText';

/** Actions that belong in the header row (the rest sit beside their milestone or notice). */
const HEADER_ORDER: MatterActionType[] = [
  'approve_step',
  'return_step',
  'reject_step',
  'submit',
  'edit',
  'start_implementation',
  'file_progress_report',
  'report_progress',
  'update_risks',
  'add_milestone',
  'request_evaluation',
  'assign_evaluator',
  'reassign_manager',
  'log_evaluation',
  'send_urge_notice',
  'withdraw',
  'terminate',
];
const PRIMARY = new Set<MatterActionType>([
  'approve_step',
  'submit',
  'start_implementation',
  'file_progress_report',
  'log_evaluation',
  'assign_evaluator',
]);
const DANGER = new Set<MatterActionType>(['reject_step', 'withdraw', 'terminate']);

function Header({ matter }: { matter: MatterView }) {
  const { t } = useTranslation('matter');
  const pick = useLocalized();
  const lang = useLang();
  const unit = useUnitName();
  const names = useUserNames();
  const batches = useBatches();
  const status = useDeliveryStatus(matter.id);
  const text = useMatterText(matter);
  const narrow = Grid.useBreakpoint().md === false;
  const other = lang === 'zh-CN' ? matter.title.en : matter.title.zh;
  const batch = batches.data?.find((b) => b.id === matter.batchId);
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      {other && other !== pick(matter.title) && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }} lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}>
          {other}
        </Typography.Paragraph>
      )}
      <Descriptions
        size="small"
        column={narrow ? 1 : { md: 2, lg: 3 }}
        items={[
          { key: 'code', label: t('field.code'), children: matter.code },
          { key: 'batch', label: t('field.batch'), children: batch ? pick(batch.title) || String(batch.code ?? '') : '' },
          { key: 'kind', label: t('field.kind'), children: t(`common:kind.${matter.kind}`) },
          {
            key: 'area',
            label: t('field.policyArea'),
            children: t(`common:policyArea.${matter.policyArea}`, { defaultValue: matter.policyArea }),
          },
          { key: 'lead', label: t('field.leadingUnit'), children: unit(matter.leadingUnitId) },
          {
            key: 'part',
            label: t('field.participatingUnits'),
            children: matter.participatingUnitIds.length
              ? matter.participatingUnitIds.map((id) => unit(id)).join(t('common:list.separator'))
              : t('common:state.none'),
          },
          { key: 'manager', label: t('field.manager'), children: names(matter.managerId) || t('common:state.none') },
          { key: 'stage', label: t('field.stage'), children: <StageTag stage={matter.stage} /> },
          { key: 'risk', label: t('field.riskLevel'), children: t(`common:riskLevel.${matter.riskLevel}`) },
          ...(matter.outcome ? [{ key: 'outcome', label: t('field.outcome'), children: t(`common:outcome.${matter.outcome}`) }] : []),
          ...(matter.nextDueAt
            ? [
                {
                  key: 'due',
                  label: t('field.nextDue'),
                  children: (
                    <>
                      <DateTime value={matter.nextDueAt} />
                      <ProvisionalTag show={matter.provisionalDeadlines.some((d) => d.dueAt === matter.nextDueAt)} />
                    </>
                  ),
                },
              ]
            : []),
          {
            key: 'status',
            label: t('field.deliveryStatus'),
            span: narrow ? 1 : ('filled' as const),
            children: (
              <Flex vertical gap={4}>
                <span>
                  <DeliveryStatusTag status={status.data?.status} />
                </span>
                {status.data?.reasons.map((r, i) => (
                  <Typography.Text key={i} type={r.status === 'off_track' ? 'danger' : 'warning'}>
                    {text.reason(r)}
                  </Typography.Text>
                ))}
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}

function OpenNotices({
  matter,
  canAck,
  open,
}: {
  matter: MatterView;
  canAck: Set<string>;
  open: (t: MatterActionType, s?: string) => void;
}) {
  const { t } = useTranslation('matter');
  const names = useUserNames();
  const f = useFormatDateTime();
  const notices = matter.urgeNotices.filter((n) => !n.acknowledgedAt);
  if (!notices.length) return null;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      {notices.map((n) => (
        <Alert
          key={n.id}
          type="warning"
          showIcon
          title={t('urge.open', { message: n.message })}
          description={t('urge.openDetail', {
            name: names(n.sentBy) || t('timeline.system'),
            sent: f.dateTime(n.sentAt),
            due: f.dateTime(n.dueAt),
          })}
          action={
            canAck.has(n.id) ? (
              <Button type="primary" size="small" onClick={() => open('acknowledge_urge_notice', n.id)}>
                {t('common:action.acknowledge_urge_notice')}
              </Button>
            ) : undefined
          }
        />
      ))}
    </Flex>
  );
}

export default function MatterPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('matter');
  const pick = useLocalized();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const onBehalfOf = useOnBehalfOf();
  const matter = useMatter(id);
  const actions = useMatterActions(id, matter.isSuccess);
  const deliveries = useDeliveries(id, matter.isSuccess);
  const [tab, setTab] = useState(() => params.get('tab') ?? 'plan');
  const [open, setOpen] = useState<{ type: MatterActionType; subjectId?: string } | null>(null);
  const fromUrl = useRef<string | null>(null);

  // ?action=<type>&subject=<id> (mail and inbox links) opens that action's form at once, if it is offered
  const wanted = params.get('action');
  const wantedSubject = params.get('subject') ?? undefined;
  useEffect(() => {
    if (!wanted || !actions.data) return;
    const key = `${wanted}:${wantedSubject ?? ''}`;
    if (fromUrl.current === key) return;
    fromUrl.current = key;
    const offered = actions.data.actions.find(
      (a) => a.type === wanted && (!wantedSubject || !a.subjectId || a.subjectId === wantedSubject),
    );
    if (offered) setOpen({ type: offered.type, subjectId: offered.subjectId ?? wantedSubject });
    else void message.info(t('actionGone'));
  }, [wanted, wantedSubject, actions.data, message, t]);

  if (matter.isPending) return <PageSpinner />;
  if (matter.isError) {
    const p = isProblem(matter.error) ? matter.error : null;
    return <ErrorResult problem={p} subject="matter" onRetry={p && p.status >= 500 ? () => void matter.refetch() : undefined} />;
  }
  const m = matter.data;
  const offered = actions.data?.actions ?? [];
  const openAction = (type: MatterActionType, subjectId?: string) => setOpen({ type, subjectId });
  const close = () => {
    setOpen(null);
    if (params.has('action')) {
      const next = new URLSearchParams(params);
      next.delete('action');
      next.delete('subject');
      setParams(next, { replace: true });
    }
  };
  const headerActions = HEADER_ORDER.flatMap((type) => offered.filter((a) => a.type === type).slice(0, 1));
  const canAck = new Set(offered.filter((a) => a.type === 'acknowledge_urge_notice').map((a) => a.subjectId ?? ''));

  return (
    <>
      <PageHeader
        back="/matters"
        title={pick(m.title) || m.code}
        tags={
          <Space size={4}>
            <StageTag stage={m.stage} />
            <VerifiedMark matterId={m.id} />
          </Space>
        }
        extra={
          headerActions.length ? (
            <div role="group" aria-label={t('actionsLabel')} style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
              {headerActions.map((a) => (
                <Button
                  key={a.type}
                  type={PRIMARY.has(a.type) ? 'primary' : 'default'}
                  danger={DANGER.has(a.type)}
                  onClick={() => openAction(a.type, a.subjectId)}
                >
                  {t(`common:action.${a.type}`)}
                </Button>
              ))}
            </div>
          ) : undefined
        }
      />
      {onBehalfOf && <OnBehalfBanner absentId={onBehalfOf} />}
      <OpenNotices matter={m} canAck={canAck} open={openAction} />
      <Header matter={m} />
      <LegalAuthorization matter={m} />
      <FaultToleranceCard matter={m} />
      <AcceptanceCard matter={m} actions={actions.data} open={openAction} />
      <InstructionsCard matter={m} actions={actions.data} open={openAction} />
      <SupervisionOrdersCard matter={m} actions={actions.data} open={openAction} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'plan', label: t('tabs.plan'), children: <PlanTab matter={m} actions={actions.data} open={openAction} /> },
            { key: 'approval', label: t('tabs.approval'), children: <ApprovalTab matter={m} /> },
            { key: 'timeline', label: t('tabs.timeline'), children: tab === 'timeline' ? <TimelineTab matter={m} /> : null },
            ...(m.evaluator || m.evaluations.length || m.stage === 'in_evaluation'
              ? [{ key: 'evaluation', label: t('tabs.evaluation'), children: <EvaluationTab matter={m} /> }]
              : []),
            ...(deliveries.data && !deliveries.data.forbidden
              ? [{ key: 'mail', label: t('tabs.mail'), children: <MailTab items={deliveries.data.items} /> }]
              : []),
          ]}
        />
      </Card>
      {open && (
        <ActionDrawer
          key={`${open.type}:${open.subjectId ?? ''}`}
          matter={m}
          type={open.type}
          subjectId={open.subjectId}
          onClose={close}
          onDone={(type) => {
            void message.success(t('form.saved', { action: t(`common:action.${type}`) }));
            close();
          }}
        />
      )}
    </>
  );
}
