import { Checkbox, Form, Input, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDirectoryUsers } from '../../../api/hooks/directory';
import type { MatterView, Part } from '../../../api/hooks/types';
import { useUnitName } from '../../../components/UnitName';
import dayjs from '../../../dayjs-setup';
import { EvidenceLinksList } from './ProgressReportForm';

type Values = Record<string, unknown>;
const trimmed = (s: unknown) => (typeof s === 'string' ? s.trim() : '');

/** The contact person: any active user of the unit given the part (the unit's managers when none is chosen). */
function ContactField({ unitId }: { unitId: string | undefined }) {
  const { t } = useTranslation('matter');
  const users = useDirectoryUsers();
  const options = (users.data ?? []).filter((u) => u.unitId === unitId).map((u) => ({ value: u.id, label: u.displayName }));
  return (
    <Form.Item name="contactId" label={t('part.contact')} extra={t('part.contactHint')}>
      <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={users.isPending} disabled={!unitId} options={options} />
    </Form.Item>
  );
}

/**
 * 分工: the unit (one of the matter's participating units; fixed once given), what it
 * delivers, by when (`due`: the drawer's due-time field, in the reader's zone), and its contact person.
 */
export function PartFields({ matter, part, due }: { matter: MatterView; part?: Part; due: ReactNode }) {
  const { t } = useTranslation('matter');
  const unitName = useUnitName();
  const chosen = Form.useWatch<string | undefined>('unitId');
  return (
    <>
      {part ? (
        <Form.Item label={t('part.unit')}>{unitName(part.unitId)}</Form.Item>
      ) : (
        <Form.Item name="unitId" label={t('part.unit')} rules={[{ required: true, message: t('part.unitRequired') }]}>
          <Select options={matter.participatingUnitIds.map((id) => ({ value: id, label: unitName(id) }))} />
        </Form.Item>
      )}
      <Form.Item
        name={['deliverable', 'zh']}
        label={t('part.deliverableZh')}
        rules={[{ required: true, whitespace: true, message: t('part.deliverableRequired') }]}
      >
        <Input.TextArea rows={2} maxLength={300} showCount />
      </Form.Item>
      <Form.Item name={['deliverable', 'en']} label={t('part.deliverableEn')}>
        <Input.TextArea rows={2} maxLength={300} />
      </Form.Item>
      {due}
      <ContactField unitId={part?.unitId ?? chosen} />
    </>
  );
}

export const partValues = (part: Part | undefined, zone: string): Values =>
  part
    ? {
        deliverable: { zh: part.deliverable.zh, en: part.deliverable.en },
        dueAt: dayjs(part.dueAt).tz(zone),
        contactId: part.contactId ?? undefined,
      }
    : {};

/** What the unit did on its part, links to the evidence, and whether the part is done. */
export function PartReportFields() {
  const { t } = useTranslation('matter');
  return (
    <>
      <Form.Item
        name="narrative"
        label={t('part.narrative')}
        rules={[{ required: true, whitespace: true, message: t('part.narrativeRequired') }]}
      >
        <Input.TextArea rows={5} maxLength={20000} showCount />
      </Form.Item>
      <EvidenceLinksList />
      <Form.Item name="complete" valuePropName="checked" extra={t('part.completeHint')}>
        <Checkbox>{t('part.complete')}</Checkbox>
      </Form.Item>
    </>
  );
}

export const partReportBody = (v: Values) => ({
  narrative: trimmed(v.narrative),
  evidenceLinks: ((v.evidenceLinks as unknown[] | undefined) ?? []).map(trimmed).filter(Boolean),
  complete: v.complete === true,
});
