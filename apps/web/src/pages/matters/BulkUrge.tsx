import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../api/client';
import { type MatterSummary, useBulkUrge } from '../../api/hooks/matters-list';
import { FormProblem } from '../../components/FormProblem';
import { useApiForm } from '../../components/useApiForm';

/** `matters[2].version` → the code of the third selected matter, so a refusal says which matter it is about. */
const ITEM = /^matters\[(\d+)\](?:\.(.*))?$/;

/**
 * 批量催办: the reform office urges every selected overdue matter with one message. All or
 * nothing: when one matter cannot be urged (changed meanwhile, no longer overdue), none is, and
 * the problem names that matter by its code.
 */
export function BulkUrgeModal({
  selected,
  onClose,
  onDone,
}: {
  selected: MatterSummary[];
  onClose: () => void;
  onDone: (n: number) => void;
}) {
  const { t } = useTranslation('matters');
  const urge = useBulkUrge();
  const { form, problem, unplaced, handleError, clear } = useApiForm<{ message: string }>({
    // errors about one matter of the list have no field in this form: they are shown above the buttons, by code
    mapField: (path) => (path[0] === 'matters' ? null : path),
  });
  const named: FieldError[] = unplaced.map((e) => {
    const m = ITEM.exec(e.field);
    const matter = m ? selected[Number(m[1])] : undefined;
    return matter ? { ...e, field: matter.code, message: e.message.replace(/^matters\[\d+\]:\s*/, '') } : e;
  });
  const submit = async () => {
    // a rule broken on the field shows there (validateFields rejects with the errors it has placed)
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const { message } = values;
    clear();
    try {
      const res = await urge.mutateAsync({ message: message.trim(), matters: selected.map((m) => ({ id: m.id, version: m.version })) });
      form.resetFields();
      onDone(res.items.length);
    } catch (e) {
      handleError(e);
    }
  };
  return (
    <Modal
      open
      title={t('bulkUrge.title', { count: selected.length })}
      okText={t('bulkUrge.send', { count: selected.length })}
      onOk={() => void submit()}
      confirmLoading={urge.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('bulkUrge.intro')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" aria-label={t('bulkUrge.selected')}>
        {selected.map((m) => m.code).join('、')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onValuesChange={clear}>
        <Form.Item
          name="message"
          label={t('bulkUrge.message')}
          extra={t('bulkUrge.messageHint')}
          rules={[{ required: true, whitespace: true, message: t('bulkUrge.messageRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
      </Form>
      <FormProblem problem={problem} unplaced={named} />
      {problem && named.length > 0 ? <Alert type="info" showIcon title={t('bulkUrge.noneSent')} style={{ marginTop: 8 }} /> : null}
    </Modal>
  );
}
