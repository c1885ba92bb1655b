import { CheckCircleFilled, FileTextOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Form, Radio, Result, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ApiProblem, type FieldError, isProblem } from '../../api/client';
import { type ImportFormat, type ImportMode, type ImportSummary, importFormatOfName, useImportBatch } from '../../api/hooks/import';
import { useMe } from '../../api/hooks/session';
import { ErrorResult } from '../../components/ErrorResult';
import { DateTime } from '../../components/DateTime';
import { useLocalized } from '../../components/LocalizedText';
import { PageHeader } from '../../components/PageHeader';
import { useProblemText } from '../../components/problemText';

interface ChosenFile {
  name: string;
  size: number;
  format: ImportFormat;
  text: string;
}

/** 批量导入: a CSV or YAML batch file, all rows or none; every bad row named in a table. */
export default function ImportPage() {
  const { t } = useTranslation('import');
  const { data: me } = useMe();
  const problemText = useProblemText();
  const importBatch = useImportBatch();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [mode, setMode] = useState<ImportMode>('create');
  const [chooseError, setChooseError] = useState<string | null>(null);

  if (me && !me.roles.some((r) => r === 'reform_office' || r === 'admin')) {
    return <ErrorResult status={403} />;
  }

  const choose = async (f: File) => {
    importBatch.reset();
    const format = importFormatOfName(f.name);
    if (!format) {
      setFile(null);
      setChooseError(t('unsupportedFile'));
      return;
    }
    setChooseError(null);
    setFile({ name: f.name, size: f.size, format, text: await f.text() });
  };

  const run = () => {
    if (file) importBatch.mutate({ text: file.text, format: file.format, name: file.name, mode });
  };
  const again = () => {
    importBatch.reset();
    setFile(null);
  };

  const problem = importBatch.error && isProblem(importBatch.error) ? importBatch.error : null;

  return (
    <div>
      <PageHeader title={t('title')} subTitle={t('subtitle')} />
      {importBatch.data ? (
        <ImportDone summary={importBatch.data} onAgain={again} />
      ) : (
        <Card style={{ marginBottom: 16 }}>
          <Form layout="vertical">
            <Form.Item label={t('mode')}>
              <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)} aria-label={t('mode')}>
                <Radio value="create">{t('modeCreate')}</Radio>
                <Radio value="append">{t('modeAppend')}</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item label={t('file')} required>
              <Upload.Dragger
                accept=".csv,.yaml,.yml,text/csv,application/yaml"
                multiple={false}
                showUploadList={false}
                beforeUpload={(f) => {
                  void choose(f);
                  return false;
                }}
                aria-label={t('dropLabel')}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined aria-hidden />
                </p>
                <p className="ant-upload-text">{t('dropTitle')}</p>
                <p className="ant-upload-hint">{t('dropHint')}</p>
              </Upload.Dragger>
            </Form.Item>
            {chooseError ? <Alert type="error" showIcon title={chooseError} style={{ marginBottom: 16 }} /> : null}
            {file ? (
              <Flex align="center" gap={12} wrap style={{ marginBottom: 16 }}>
                <FileTextOutlined aria-hidden />
                <Typography.Text strong>{file.name}</Typography.Text>
                <Tag>{file.format.toUpperCase()}</Tag>
                <Typography.Text type="secondary">{(file.size / 1024).toFixed(1)} KB</Typography.Text>
              </Flex>
            ) : null}
            <Space>
              <Button type="primary" icon={<UploadOutlined aria-hidden />} disabled={!file} loading={importBatch.isPending} onClick={run}>
                {importBatch.isPending ? t('importing') : t('submit')}
              </Button>
              {file ? <Button onClick={again}>{t('clear')}</Button> : null}
            </Space>
          </Form>
        </Card>
      )}
      {problem ? (
        <ImportProblem problem={problem} fallback={problemText(problem)} />
      ) : importBatch.error ? (
        <Alert type="error" showIcon title={t('failed')} />
      ) : null}
    </div>
  );
}

/** Why nothing was written: the rows, fields and rules the server named. */
function ImportProblem({ problem, fallback }: { problem: ApiProblem; fallback: string }) {
  const { t } = useTranslation('import');
  const rows = new Set(problem.errors.map((e) => e.row ?? 0));
  const title =
    problem.code === 'import.rejected'
      ? t('rejected.title')
      : problem.code === 'import.unreadable'
        ? t('unreadable')
        : problem.code === 'batch.exists'
          ? t('exists', { code: /batch (\S+)/.exec(problem.errors[0]?.message ?? '')?.[1] ?? '' })
          : problem.code === 'import.too_large'
            ? t('tooLarge')
            : t('failed');
  return (
    <Card>
      <Alert
        type="error"
        showIcon
        role="alert"
        title={title}
        description={
          problem.code === 'import.rejected'
            ? t('rejected.description', { problems: problem.errors.length, rows: rows.size })
            : problem.errors.length
              ? undefined
              : fallback
        }
        style={{ marginBottom: problem.errors.length ? 16 : 0 }}
      />
      {problem.errors.length ? <RowErrorsTable errors={problem.errors} /> : null}
    </Card>
  );
}

function RowErrorsTable({ errors }: { errors: FieldError[] }) {
  const { t } = useTranslation('import');
  return (
    <Table<FieldError & { key: number }>
      size="small"
      bordered
      aria-label={t('rejected.title')}
      pagination={errors.length > 50 ? { pageSize: 50 } : false}
      dataSource={errors.map((e, key) => ({ ...e, key }))}
      scroll={{ x: 640 }}
      columns={[
        { title: t('rejected.row'), dataIndex: 'row', key: 'row', width: 70, align: 'right', render: (v?: number) => v ?? '—' },
        {
          title: t('rejected.field'),
          dataIndex: 'field',
          key: 'field',
          width: 200,
          render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
        },
        {
          title: t('rejected.rule'),
          dataIndex: 'rule',
          key: 'rule',
          width: 240,
          render: (v?: string) =>
            v ? (
              <Space orientation="vertical" size={0}>
                <span>{t(`ruleHint.${v}`, { defaultValue: '' }) || v}</span>
                {t(`ruleHint.${v}`, { defaultValue: '' }) ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {v}
                  </Typography.Text>
                ) : null}
              </Space>
            ) : (
              '—'
            ),
        },
        { title: t('rejected.message'), dataIndex: 'message', key: 'message' },
      ]}
    />
  );
}

function ImportDone({ summary, onAgain }: { summary: ImportSummary; onAgain: () => void }) {
  const { t } = useTranslation('import');
  const pick = useLocalized();
  const b = summary.batch;
  return (
    <Card>
      <Result
        status="success"
        icon={<CheckCircleFilled aria-hidden />}
        title={t('done.title')}
        subTitle={t(summary.batchCreated ? 'done.created' : 'done.appended', { code: b.code, count: summary.count })}
        extra={[
          <Link key="list" to={`/matters?batchId=${b.id}`}>
            {t('done.list')}
          </Link>,
          <Button key="again" onClick={onAgain}>
            {t('done.again')}
          </Button>,
        ]}
        style={{ paddingBottom: 8 }}
      />
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('done.batch')}>{b.code}</Descriptions.Item>
        <Descriptions.Item label={t('done.batchTitle')}>{pick(b.title)}</Descriptions.Item>
        <Descriptions.Item label={t('done.issuingAuthority')}>{b.issuingAuthority}</Descriptions.Item>
        <Descriptions.Item label={t('done.issuedOn')}>{b.issuedOn ? <DateTime value={b.issuedOn} dateOnly /> : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('done.workflow')}>{b.workflow}</Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        rowKey="id"
        pagination={summary.matters.length > 50 ? { pageSize: 50 } : false}
        dataSource={summary.matters}
        columns={[
          { title: t('done.row'), dataIndex: 'row', key: 'row', width: 90, align: 'right' },
          {
            title: t('done.code'),
            dataIndex: 'code',
            key: 'code',
            render: (code: string, m) => <Link to={`/matters/${m.id}`}>{code}</Link>,
          },
          {
            title: t('done.open'),
            key: 'open',
            width: 120,
            render: (_, m) => (
              <Link to={`/matters/${m.id}`} aria-label={`${t('done.open')} ${m.code}`}>
                {t('done.open')}
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}
