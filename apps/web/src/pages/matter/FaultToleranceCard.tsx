import { Alert, Button, Card, Descriptions, Flex, Form, Input, Radio, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMatterCommand } from '../../api/hooks/matter';
import { useMe } from '../../api/hooks/session';
import type { MatterView } from '../../api/hooks/types';
import { DateTime } from '../../components/DateTime';
import { useApiForm, useProblemText } from '../../components/useApiForm';
import { useUserNames } from '../../api/hooks/directory';

interface Values {
  exempted: boolean;
  reason: string;
  basis: string;
}

/** 004: the guideline Shenzhen is told to implement, offered as the basis a finding usually rests on. */
const GUIDELINE = '《广东省高等院校和科研机构科技成果转化尽职免责指引》';

/**
 * Fault tolerance (容错纠错; 001: "健全容错纠错机制"): on a matter closed as ineffective or
 * terminated, the reform office's finding — exempted under the guidelines or not, why, on what
 * basis — and, for the office, the small form that records or corrects it.
 */
export function FaultToleranceCard({ matter }: { matter: MatterView }) {
  const { t } = useTranslation('matter');
  const me = useMe();
  const names = useUserNames();
  const [editing, setEditing] = useState(false);
  const { form, problem, unplaced, handleError, clear } = useApiForm<Values>();
  const problemText = useProblemText();
  const command = useMatterCommand(matter.id);
  const applies = matter.stage === 'terminated' || (matter.stage === 'closed' && matter.outcome === 'closed_ineffective');
  const office = me.data?.roles.includes('reform_office') === true;
  const finding = matter.faultTolerance ?? null;
  if (!applies || (!finding && !office)) return null;

  const onFinish = (v: Values) => {
    clear();
    command.mutate(
      {
        method: 'POST',
        path: '/fault-tolerance',
        body: { exempted: v.exempted, reason: v.reason, basis: v.basis },
        version: matter.version,
      },
      { onSuccess: () => setEditing(false), onError: (e) => void handleError(e) },
    );
  };

  return (
    <Card
      size="small"
      title={t('faultTolerance.title')}
      style={{ marginBottom: 16 }}
      extra={
        office && !editing ? (
          <Button size="small" onClick={() => setEditing(true)}>
            {finding ? t('faultTolerance.revise') : t('faultTolerance.record')}
          </Button>
        ) : null
      }
    >
      {finding ? (
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'finding',
              label: t('faultTolerance.finding'),
              children: (
                <Tag color={finding.exempted ? 'success' : 'default'}>
                  {finding.exempted ? t('faultTolerance.exempted') : t('faultTolerance.notExempted')}
                </Tag>
              ),
            },
            { key: 'reason', label: t('faultTolerance.reason'), children: finding.reason },
            { key: 'basis', label: t('faultTolerance.basis'), children: finding.basis },
            {
              key: 'recorded',
              label: t('faultTolerance.recorded'),
              children: (
                <>
                  {names(finding.recordedBy)} <DateTime value={finding.recordedAt} />
                </>
              ),
            },
          ]}
        />
      ) : (
        !editing && <Alert type="info" showIcon title={t('faultTolerance.none')} />
      )}
      {finding?.exempted && <Alert type="success" showIcon style={{ marginTop: 8 }} title={t('faultTolerance.scorecardNote')} />}
      {editing && (
        <Form
          form={form}
          layout="vertical"
          name="fault-tolerance"
          style={{ marginTop: 12 }}
          initialValues={{ exempted: finding?.exempted ?? true, reason: finding?.reason ?? '', basis: finding?.basis ?? GUIDELINE }}
          onFinish={onFinish}
        >
          {problem && problem.status !== 400 && <Alert type="error" showIcon role="alert" title={problemText(problem)} />}
          {unplaced.length > 0 && (
            <Alert type="error" showIcon role="alert" title={unplaced.map((e) => `${e.field}: ${e.message}`).join('; ')} />
          )}
          <Form.Item name="exempted" label={t('faultTolerance.finding')} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: true, label: t('faultTolerance.exempted') },
                { value: false, label: t('faultTolerance.notExempted') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('faultTolerance.reason')}
            rules={[{ required: true, whitespace: true, message: t('faultTolerance.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item
            name="basis"
            label={t('faultTolerance.basis')}
            rules={[{ required: true, whitespace: true, message: t('faultTolerance.basisRequired') }]}
          >
            <Input maxLength={500} />
          </Form.Item>
          <Flex justify="flex-end" gap={8}>
            <Button onClick={() => setEditing(false)}>{t('common:actions.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={command.isPending}>
              {t('faultTolerance.save')}
            </Button>
          </Flex>
        </Form>
      )}
    </Card>
  );
}
