import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useUnits } from '../../api/hooks/directory';
import { type AdoptionInput, useRecordAdoption } from '../../api/hooks/reports';
import { useLocalized } from '../../components/LocalizedText';
import { useApiForm } from '../../components/useApiForm';
import { FormProblem } from '../../components/FormProblem';

interface Values {
  authorityUnitId: string;
  batchNumber: number;
  issuedOn?: Dayjs | null;
  titleZh?: string;
  documentNumber?: string;
  action: AdoptionInput['action'];
  note?: string;
}

/**
 * 记录上级采纳推广: a higher authority (national or provincial) adopted or promoted this experience
 * in its own numbered batch. The number is the authority's (第N批), never this system's list number.
 */
export function AdoptionModal({ experienceId, title, onClose }: { experienceId: string; title: string; onClose: () => void }) {
  const { t } = useTranslation('reports');
  const { t: tc } = useTranslation('common');
  const { message } = App.useApp();
  const pick = useLocalized();
  const units = useUnits();
  const record = useRecordAdoption();
  const { form, handleError, problem, unplaced } = useApiForm<Values>({
    mapField: (path) => (path[0] === 'title' ? ['titleZh'] : path),
  });
  const x = (k: string, o?: Record<string, unknown>) => t(`replication.adoption.${k}`, o);
  const required = (field: string) => ({ required: true, message: x('required', { field }) });
  const authorities = (units.data ?? [])
    .filter((u) => u.kind === 'national' || u.kind === 'provincial')
    .map((u) => ({ value: u.id, label: pick(u.name) }));

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await record.mutateAsync({
        experienceId,
        authorityUnitId: v.authorityUnitId,
        batchNumber: v.batchNumber,
        issuedOn: v.issuedOn ? v.issuedOn.format('YYYY-MM-DD') : null,
        title: v.titleZh?.trim() ? { zh: v.titleZh.trim() } : null,
        documentNumber: v.documentNumber?.trim() || null,
        action: v.action,
        note: v.note?.trim() || null,
      });
      void message.success(x('recorded'));
      onClose();
    } catch (e) {
      handleError(e);
    }
  };

  return (
    <Modal
      open
      title={x('title', { experience: title })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={tc('actions.save')}
      cancelText={tc('actions.cancel')}
      confirmLoading={record.isPending}
      destroyOnHidden
      width={560}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ action: 'promoted' }}>
        <Form.Item name="authorityUnitId" label={x('authority')} rules={[required(x('authority'))]} extra={x('authorityHelp')}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={authorities} loading={units.isLoading} />
        </Form.Item>
        <Form.Item name="batchNumber" label={x('batchNumber')} rules={[required(x('batchNumber'))]} extra={x('batchNumberHelp')}>
          <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="action" label={x('action')}>
          <Radio.Group
            options={(['promoted', 'adopted'] as const).map((a) => ({ value: a, label: x(`actions.${a}`) }))}
            optionType="button"
          />
        </Form.Item>
        <Form.Item name="issuedOn" label={x('issuedOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="titleZh" label={x('documentTitle')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="documentNumber" label={x('documentNumber')}>
          <Input maxLength={100} placeholder={x('documentNumberPlaceholder')} />
        </Form.Item>
        <Form.Item name="note" label={x('note')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <FormProblem problem={problem} unplaced={unplaced} />
      </Form>
    </Modal>
  );
}
