import { CheckCircleFilled, CloseCircleFilled, LinkOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdoptionEntry, ExperienceEntry, ReplicationReport, TargetResult } from '../../api/hooks/reports';
import { CardTitle } from '../../components/CardTitle';
import { DateTime } from '../../components/DateTime';
import { useLocalized } from '../../components/LocalizedText';
import { AdoptionModal } from './AdoptionModal';

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

/** One replicable experience with the evaluation and the evidence behind it, as the issued document lays it out. */
export function ExperienceCard({
  experience: e,
  rubric,
  index,
  adoptions = [],
  canRecord = false,
}: {
  experience: ExperienceEntry;
  rubric: ReplicationReport['rubric'];
  index: number;
  /** Where higher authorities adopted or promoted it, in their own batches. */
  adoptions?: AdoptionEntry[];
  /** The reform office may record another. */
  canRecord?: boolean;
}) {
  const [recording, setRecording] = useState(false);
  const { t } = useTranslation('reports');
  const { t: tc } = useTranslation('common');
  const pick = useLocalized();
  const title = rubricTitle(rubric, pick);
  const x = (k: string) => t(`replication.experience.${k}`);

  return (
    <Card
      size="small"
      title={
        <CardTitle level={3}>
          {index}. {pick(e.title)}
        </CardTitle>
      }
      extra={
        canRecord ? (
          <Button size="small" onClick={() => setRecording(true)}>
            {t('replication.adoption.record')}
          </Button>
        ) : null
      }
      style={{ marginBottom: 12 }}
    >
      {recording ? <AdoptionModal experienceId={e.id} title={pick(e.title)} onClose={() => setRecording(false)} /> : null}
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={x('matter')}>
          <Link to={`/matters/${e.matter.id}`}>
            {e.matter.code} {pick(e.matter.title)}
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label={x('leadingUnit')}>{pick(e.matter.leadingUnit.name)}</Descriptions.Item>
        <Descriptions.Item label={x('contactUnit')}>{pick(e.contactUnit.name)}</Descriptions.Item>
        <Descriptions.Item label={x('regions')}>
          <Flex gap={4} wrap>
            {e.regions.map((r) => (
              <Tag key={r}>{r}</Tag>
            ))}
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={x('fields')}>
          <Flex gap={4} wrap>
            {e.fields.map((r) => (
              <Tag color="processing" key={r}>
                {tc(`policyArea.${r}`, { defaultValue: r })}
              </Tag>
            ))}
          </Flex>
        </Descriptions.Item>
        {adoptions.length ? (
          <Descriptions.Item label={t('replication.adoption.label')} span={2}>
            <Flex gap={4} wrap>
              {adoptions.map((a) => (
                <Tag color="blue" key={`${a.authority.id}:${a.batchNumber}`}>
                  {t('replication.adoption.tag', {
                    authority: pick(a.authority.name),
                    number: a.batchNumber,
                    action: t(`replication.adoption.actions.${a.action}`),
                  })}
                  {a.issuedOn ? `（${a.issuedOn}）` : ''}
                  {a.documentNumber ? ` ${a.documentNumber}` : ''}
                </Tag>
              ))}
            </Flex>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Typography.Title level={4} style={{ fontSize: 14 }}>
        {x('practice')}
      </Typography.Title>
      {paragraphs(pick(e.practice)).map((p, i) => (
        <Typography.Paragraph key={i}>{p}</Typography.Paragraph>
      ))}
      <Typography.Title level={4} style={{ fontSize: 14 }}>
        {x('conditions')}
      </Typography.Title>
      {paragraphs(pick(e.conditions)).map((p, i) => (
        <Typography.Paragraph key={i}>{p}</Typography.Paragraph>
      ))}
      <Typography.Title level={4} style={{ fontSize: 14 }}>
        {x('evaluation')}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 8 }}>
        <Descriptions.Item label={x('evaluator')}>
          {e.evaluation.evaluator.name}（{pick(e.evaluation.evaluator.unit.name)}）
        </Descriptions.Item>
        <Descriptions.Item label={x('loggedAt')}>
          <DateTime value={e.evaluation.loggedAt} />
        </Descriptions.Item>
        <Descriptions.Item label={x('averageScore')}>{e.evaluation.averageScore}</Descriptions.Item>
        <Descriptions.Item label={x('scores')} span={3}>
          <Flex gap={4} wrap>
            {e.evaluation.scores.map((s) => (
              <Tag key={s.criterion}>
                {title(s.criterion)} {s.score}
              </Tag>
            ))}
          </Flex>
        </Descriptions.Item>
      </Descriptions>
      {e.evaluation.narrative ? (
        <Typography.Paragraph>
          <Typography.Text type="secondary">{x('narrative')}：</Typography.Text>
          {e.evaluation.narrative}
        </Typography.Paragraph>
      ) : null}
      {e.evaluation.results.length ? (
        <>
          <Typography.Title level={4} style={{ fontSize: 14 }}>
            {x('evidence')}
          </Typography.Title>
          <ResultsTable results={e.evaluation.results} />
        </>
      ) : null}
    </Card>
  );
}

function rubricTitle(rubric: ReplicationReport['rubric'], pick: (t: { zh?: string; en?: string }) => string) {
  const byKey = new Map(rubric.map((c) => [c.key, c]));
  return (key: string) => {
    const c = byKey.get(key);
    return c ? `${pick(c.title)}（${c.min}–${c.max}）` : key;
  };
}

function ResultsTable({ results }: { results: TargetResult[] }) {
  const { t } = useTranslation('reports');
  const pick = useLocalized();
  const x = (k: string) => t(`replication.experience.${k}`);
  const value = (v: number | null, unit: string) => (v === null ? '—' : `${v}${unit ? ` ${unit}` : ''}`);
  return (
    <Table<TargetResult>
      size="small"
      pagination={false}
      rowKey={(r) => `${pick(r.indicator)}:${r.byDate}`}
      dataSource={results}
      scroll={{ x: 720 }}
      columns={[
        { title: x('indicator'), key: 'indicator', render: (_, r) => pick(r.indicator) },
        { title: x('baseline'), key: 'baseline', align: 'right', render: (_, r) => value(r.baseline, r.unit) },
        { title: x('targetValue'), key: 'targetValue', align: 'right', render: (_, r) => value(r.targetValue, r.unit) },
        { title: x('byDate'), key: 'byDate', render: (_, r) => <DateTime value={r.byDate} dateOnly /> },
        { title: x('actualValue'), key: 'actualValue', align: 'right', render: (_, r) => value(r.actualValue, r.unit) },
        {
          title: x('met'),
          key: 'met',
          render: (_, r) =>
            r.met === true ? (
              <Tag color="success" icon={<CheckCircleFilled aria-hidden />}>
                {x('metYes')}
              </Tag>
            ) : r.met === false ? (
              <Tag color="error" icon={<CloseCircleFilled aria-hidden />}>
                {x('metNo')}
              </Tag>
            ) : (
              <Tag icon={<MinusCircleOutlined aria-hidden />}>{x('metUnknown')}</Tag>
            ),
        },
        {
          title: x('evidenceText'),
          key: 'evidence',
          render: (_, r) => (
            <Flex vertical gap={2}>
              <span>{r.evidence.text}</span>
              {r.evidence.links.map((l) => (
                <a key={l} href={l} target="_blank" rel="noopener noreferrer">
                  <LinkOutlined aria-hidden /> {l}
                </a>
              ))}
            </Flex>
          ),
        },
      ]}
    />
  );
}
