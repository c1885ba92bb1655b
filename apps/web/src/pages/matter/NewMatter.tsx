import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { requestFull } from '../../api/client';
import { useCreateMatter } from '../../api/hooks/matter';
import type { MatterView } from '../../api/hooks/types';
import { keys } from '../../api/keys';
import { useTimeZone } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import { useApiForm, useProblemText } from '../../components/useApiForm';
import { PlanFields, planBody } from './PlanForm';

type Values = Record<string, unknown>;

/** /matters/new: the reform office drafts a matter; "save and submit" submits it for approval right after saving. */
export default function NewMatterPage() {
  const { t } = useTranslation('matter');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const zone = useTimeZone();
  const create = useCreateMatter();
  const qc = useQueryClient();
  const { form, problem, unplaced, handleError, clear } = useApiForm<Values>();
  const problemText = useProblemText();
  const [andSubmit, setAndSubmit] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  const onFinish = (v: Values) => {
    clear();
    create.mutate(planBody(v, zone, 'new'), {
      onSuccess: (view) => void afterSave(view),
      onError: (e) => handleError(e),
    });
  };

  const afterSave = async (view: MatterView) => {
    if (andSubmit) {
      setSubmitting(true);
      try {
        const submitted = await requestFull<MatterView>('POST', `/matters/${view.id}/submit`, { body: {}, version: view.version });
        qc.setQueryData(keys.matter(view.id), submitted.data);
        void message.success(t('draft.submitted'));
      } catch (e) {
        // saved as a draft all the same: its page offers the submission again
        handleError(e);
      } finally {
        setSubmitting(false);
      }
    } else void message.success(t('draft.saved'));
    await qc.invalidateQueries({ queryKey: keys.matter(view.id) });
    void navigate(`/matters/${view.id}`);
  };

  const general = problem && (problem.errors.length === 0 || unplaced.length > 0);
  return (
    <>
      <PageHeader back="/matters" title={t('draft.newTitle')} />
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        scrollToFirstError
        initialValues={{ targets: [], milestones: [], risks: [], participatingUnitIds: [] }}
      >
        {general && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={problemText(problem)}
            description={unplaced.length ? unplaced.map((e) => <div key={e.field}>{`${e.field}: ${e.message}`}</div>) : undefined}
          />
        )}
        <PlanFields mode="new" />
        <Card size="small">
          <Flex justify="flex-end" gap={8} wrap>
            <Button onClick={() => void navigate(-1)}>{t('common:actions.cancel')}</Button>
            <Button htmlType="submit" loading={create.isPending && !andSubmit} onClick={() => setAndSubmit(false)}>
              {t('draft.save')}
            </Button>
            <Button
              type="primary"
              htmlType="submit"
              loading={(create.isPending && andSubmit) || submitting}
              onClick={() => setAndSubmit(true)}
            >
              {t('draft.saveAndSubmit')}
            </Button>
          </Flex>
        </Card>
      </Form>
    </>
  );
}
