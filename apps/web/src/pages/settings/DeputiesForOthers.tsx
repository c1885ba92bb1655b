import { Card, Form, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDirectoryUsers } from '../../api/hooks/directory';
import { useUnitName } from '../../components/UnitName';
import { DeputiesCard } from './DeputiesCard';

/**
 * 委托代理 for someone else, as the reform office arranges it when a person cannot (an
 * illness, an unplanned absence): pick the person, then their periods and the naming form
 * (POST /users/:id/deputies) show as on their own settings page.
 */
export function DeputiesForOthers({ selfId }: { selfId: string }) {
  const { t } = useTranslation('settings');
  const unitName = useUnitName();
  const people = useDirectoryUsers();
  const [chosen, setChosen] = useState<string | undefined>();
  const subject = (people.data ?? []).find((u) => u.id === chosen);
  return (
    <>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('deputies.forSomeone')}</h2>} size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('deputies.forSomeoneIntro')}</Typography.Paragraph>
        <Form layout="vertical" style={{ maxWidth: 480 }}>
          <Form.Item label={t('deputies.person')} htmlFor="deputies-person">
            <Select
              id="deputies-person"
              showSearch={{ optionFilterProp: 'label' }}
              allowClear
              loading={people.isPending}
              value={chosen}
              onChange={setChosen}
              options={(people.data ?? [])
                .filter((u) => u.id !== selfId)
                .map((u) => ({ value: u.id, label: `${u.displayName}${t('common:paren', { text: unitName(u.unitId) })}` }))}
            />
          </Form.Item>
        </Form>
      </Card>
      {subject && <DeputiesCard key={subject.id} subject={subject} forOther />}
    </>
  );
}
