import { Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUserNames } from '../../api/hooks/directory';
import type { Instruction, MatterActions, MatterView } from '../../api/hooks/types';
import { DateTime, useFormatDateTime } from '../../components/DateTime';
import { type OpenAction, SubjectActions } from './SubjectActions';

type InstructionState = 'open' | 'overdue' | 'reported' | 'closed';
const STATE_COLOURS: Record<InstructionState, string> = { open: 'processing', overdue: 'error', reported: 'warning', closed: 'success' };
const INSTRUCTION_ACTIONS = { primary: 'report_instruction', other: 'close_instruction' } as const;

export const instructionState = (i: Instruction, now = Date.now()): InstructionState =>
  i.closedAt ? 'closed' : i.reports.length ? 'reported' : Date.parse(i.dueAt) < now ? 'overdue' : 'open';

/** 张明（市委书记） / 张明 (市委书记): the leader as the instruction is signed. */
export const useLeader = () => {
  const { t } = useTranslation('common');
  return (i: Pick<Instruction, 'leaderName' | 'leaderTitle'>) =>
    i.leaderTitle ? `${i.leaderName}${t('paren', { text: i.leaderTitle })}` : i.leaderName;
};

/** The leading unit's reports on an instruction, the last one first. */
function Reports({ i }: { i: Instruction }) {
  const { t } = useTranslation('matter');
  const names = useUserNames();
  if (!i.reports.length) return <Typography.Text type="secondary">{t('instruction.noReport')}</Typography.Text>;
  return (
    <Flex vertical gap={8}>
      {[...i.reports].reverse().map((r) => (
        <Flex vertical gap={2} key={r.reportedAt}>
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: true }}>
            {r.narrative}
          </Typography.Paragraph>
          {r.evidenceLinks.map((href) => (
            <Typography.Link key={href} href={href} target="_blank" rel="noreferrer">
              {href}
            </Typography.Link>
          ))}
          <Typography.Text type="secondary">
            {names(r.reportedBy)} · <DateTime value={r.reportedAt} />
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}

/**
 * 领导批示: each leader's instruction on the matter with its time limit, its state (待报送,
 * 已逾期, 待销号, 已销号) and the leading unit's reports; the open ones first. The reform office
 * records them and closes them (销号) from here, the leading unit's manager reports on them.
 */
export function InstructionsCard({ matter, actions, open }: { matter: MatterView; actions: MatterActions | undefined; open: OpenAction }) {
  const { t } = useTranslation('matter');
  const names = useUserNames();
  const f = useFormatDateTime();
  const leader = useLeader();
  const canRecord = (actions?.actions ?? []).some((a) => a.type === 'record_instruction');
  if (!matter.instructions.length && !canRecord) return null;
  // open instructions first, the earliest due on top; closed ones after, the latest closed first
  const sorted = [...matter.instructions].sort(
    (a, b) => Number(a.closedAt !== null) - Number(b.closedAt !== null) || a.dueAt.localeCompare(b.dueAt),
  );
  return (
    <Card
      role="region"
      aria-label={t('instruction.title')}
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('instruction.title')}</h2>}
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        canRecord ? (
          <Button size="small" onClick={() => open('record_instruction')}>
            {t('common:action.record_instruction')}
          </Button>
        ) : undefined
      }
    >
      {!sorted.length ? (
        <Empty description={t('instruction.none')} />
      ) : (
        <List<Instruction>
          dataSource={sorted}
          renderItem={(i) => {
            const state = instructionState(i);
            return (
              <List.Item>
                <Flex vertical gap={6} style={{ width: '100%' }}>
                  <Flex justify="space-between" gap={8} wrap>
                    <Typography.Text strong>
                      {leader(i)} · {i.givenOn}
                    </Typography.Text>
                    <Tag color={STATE_COLOURS[state]}>{t(`instructionState.${state}`)}</Tag>
                  </Flex>
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{i.text}</Typography.Paragraph>
                  <Typography.Text type="secondary">
                    {t('instruction.due')}
                    {t('common:colon')}
                    <DateTime value={i.dueAt} />
                    {i.dueGiven ? '' : t('common:paren', { text: t('instruction.dueDefault') })}
                    {i.reports.length > 1 ? ` · ${t('instruction.reports', { count: i.reports.length })}` : ''}
                  </Typography.Text>
                  <Typography.Text type="secondary">{t('instruction.lastReport')}</Typography.Text>
                  <Reports i={i} />
                  {i.closedAt && (
                    <Typography.Text type="success">
                      {t('instruction.closedBy', { name: names(i.closedBy), at: f.dateTime(i.closedAt) })}
                      {i.closingRemark ? `${t('common:colon')}${i.closingRemark}` : ''}
                    </Typography.Text>
                  )}
                  <SubjectActions
                    subject={{ id: i.id, title: { zh: `${leader(i)}批示`, en: `Instruction of ${leader(i)}` } }}
                    types={INSTRUCTION_ACTIONS}
                    actions={actions}
                    open={open}
                  />
                </Flex>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
