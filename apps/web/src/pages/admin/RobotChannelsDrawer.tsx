import { App, Button, Card, Drawer, Flex, Form, Grid, Input, List, Popconfirm, Select, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  ROBOT_KINDS,
  useDeleteUnitChannel,
  usePutUnitChannel,
  useTestUnitChannel,
  useUnitChannelLog,
  useUnitChannels,
} from '../../api/hooks/channels';
import type { Lang, RobotKind, Unit, UnitChannel } from '../../api/hooks/types';
import { DateTime } from '../../components/DateTime';
import { FormProblem } from '../../components/FormProblem';
import { useLocalized } from '../../components/LocalizedText';
import { useApiForm } from '../../components/useApiForm';

interface ChannelForm {
  webhookUrl?: string;
  secret?: string;
  language: Lang;
  enabled: boolean;
}

const STATE_COLOURS: Record<string, string> = { sent: 'success', failed: 'error', cancelled: 'default' };

/** 群机器人: a unit's 企业微信 and 钉钉 group robots, each on its own card (PUT/DELETE /units/:id/channels/:kind, a test message). */
export function RobotChannelsDrawer({ unit, onClose }: { unit: Unit; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const pick = useLocalized();
  const narrow = Grid.useBreakpoint().md === false;
  const channels = useUnitChannels(unit.id);
  return (
    <Drawer
      open
      title={t('channels.title', { name: pick(unit.name) || unit.code })}
      onClose={onClose}
      size={narrow ? window.innerWidth : 640}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('channels.intro')}</Typography.Paragraph>
      {channels.isSuccess ? (
        <Flex vertical gap={16}>
          {ROBOT_KINDS.map((kind) => (
            <ChannelCard key={kind} unitId={unit.id} kind={kind} channel={channels.data.find((c) => c.kind === kind) ?? null} />
          ))}
        </Flex>
      ) : (
        <Card loading />
      )}
    </Drawer>
  );
}

function ChannelCard({ unitId, kind, channel }: { unitId: string; kind: RobotKind; channel: UnitChannel | null }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('common');
  const { message } = App.useApp();
  const put = usePutUnitChannel(unitId);
  const remove = useDeleteUnitChannel(unitId);
  const test = useTestUnitChannel(unitId);
  const log = useUnitChannelLog(unitId, kind, channel !== null);
  const { form, handleError, problem, unplaced } = useApiForm<ChannelForm>();
  const name = t(`channels.kind.${kind}`);

  const save = async () => {
    // the fields show what they lack; nothing to send
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await put.mutateAsync({
        kind,
        ...(v.webhookUrl?.trim() ? { webhookUrl: v.webhookUrl.trim() } : {}),
        ...(kind === 'dingtalk' && v.secret?.trim() ? { secret: v.secret.trim() } : {}),
        language: v.language,
        enabled: v.enabled,
      });
      form.setFieldsValue({ webhookUrl: '', secret: '' });
      void message.success(t('channels.saved', { name }));
    } catch (e) {
      handleError(e);
    }
  };

  return (
    <Card
      role="region"
      aria-label={name}
      title={name}
      size="small"
      extra={
        channel ? (
          <Tag color={channel.enabled ? 'success' : 'default'}>{t(channel.enabled ? 'channels.on' : 'channels.off')}</Tag>
        ) : (
          <Tag>{t('channels.none')}</Tag>
        )
      }
    >
      {channel ? (
        <Typography.Paragraph>
          {t('channels.current')}
          <Typography.Text code>{channel.webhookUrl}</Typography.Text>
          {kind === 'dingtalk' ? ` · ${t(channel.hasSecret ? 'channels.secretStored' : 'channels.secretMissing')}` : null}
          {` · ${t(`channels.language.${channel.language}`)}`}
        </Typography.Paragraph>
      ) : null}
      <Form<ChannelForm>
        form={form}
        // two cards, two forms: the name keeps their fields' ids (and so their labels) apart
        name={`channel-${kind}`}
        layout="vertical"
        initialValues={{ webhookUrl: '', secret: '', language: channel?.language ?? 'zh-CN', enabled: channel?.enabled ?? true }}
      >
        <Form.Item
          name="webhookUrl"
          label={t('channels.webhookUrl')}
          extra={t(`channels.webhookHelp.${kind}`)}
          rules={[
            // a robot already set keeps its webhook when the field is left empty
            ...(channel ? [] : [{ required: true, message: t('required', { field: t('channels.webhookUrl') }) }]),
            { pattern: /^https?:\/\//, message: t('channels.webhookPattern') },
          ]}
        >
          <Input maxLength={1000} autoComplete="off" placeholder={channel ? t('channels.webhookAgain') : undefined} />
        </Form.Item>
        {kind === 'dingtalk' ? (
          <Form.Item
            name="secret"
            label={t('channels.secret')}
            extra={channel?.hasSecret ? t('channels.secretKeep') : t('channels.secretHelp')}
            rules={channel?.hasSecret ? [] : [{ required: true, message: t('required', { field: t('channels.secret') }) }]}
          >
            <Input.Password maxLength={200} autoComplete="new-password" />
          </Form.Item>
        ) : null}
        <Flex gap={16} wrap>
          <Form.Item name="language" label={t('channels.languageLabel')} style={{ minWidth: 200 }}>
            <Select options={(['zh-CN', 'en'] as const).map((l) => ({ value: l, label: t(`channels.language.${l}`) }))} />
          </Form.Item>
          <Form.Item name="enabled" label={t('channels.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Flex>
        <FormProblem problem={problem} unplaced={unplaced} />
        <Flex gap={8} wrap>
          <Button type="primary" loading={put.isPending} onClick={() => void save()}>
            {tc('actions.save')}
          </Button>
          {channel ? (
            <>
              <Button
                loading={test.isPending}
                disabled={!channel.enabled}
                onClick={() =>
                  test.mutate(kind, {
                    onSuccess: () => void message.success(t('channels.testQueued')),
                    onError: (e) => handleError(e),
                  })
                }
              >
                {t('channels.test')}
              </Button>
              <Popconfirm
                title={t('channels.removeConfirm', { name })}
                okText={t('channels.remove')}
                cancelText={tc('actions.cancel')}
                onConfirm={() =>
                  remove.mutate(kind, {
                    onSuccess: () => void message.success(t('channels.removed', { name })),
                    onError: (e) => handleError(e),
                  })
                }
              >
                <Button danger>{t('channels.remove')}</Button>
              </Popconfirm>
            </>
          ) : null}
        </Flex>
      </Form>
      {channel && log.data?.items.length ? (
        <List
          size="small"
          header={t('channels.recent')}
          style={{ marginTop: 16 }}
          dataSource={log.data.items}
          renderItem={(d) => (
            <List.Item>
              <Flex vertical style={{ width: '100%' }}>
                <Flex gap={8} wrap align="center">
                  <Tag color={STATE_COLOURS[d.state] ?? 'processing'}>{t(`channels.state.${d.state}`, { defaultValue: d.state })}</Tag>
                  <span>{d.subject ?? ''}</span>
                  <Typography.Text type="secondary">
                    <DateTime value={d.createdAt} />
                  </Typography.Text>
                </Flex>
                {d.lastError ? <Typography.Text type="danger">{d.lastError}</Typography.Text> : null}
              </Flex>
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}
