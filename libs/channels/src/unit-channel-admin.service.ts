import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import { type Actor, DomainError, type Locale, type LocalizedText, notFound, unprocessable, webPaths } from '#domain';
import { CHANNEL_TEST, type ChannelTestData, DeliveryLog, type DeliveryFilter, DeliveryWriter } from '#notifications';
import { AuditLog, Db, type RobotKind, type Tx, UnitChannelStore, type UnitChannelView } from '#persistence';
import { webhookProblem } from './webhook-url.js';

export interface UnitChannelInput {
  /** Absent keeps the stored webhook (to change only the language or turn the robot off). */
  webhookUrl?: string;
  /** DingTalk's signing secret (SEC…); absent keeps the stored one, null removes it (WeCom has none). */
  secret?: string | null;
  language?: Locale;
  enabled?: boolean;
}

/**
 * A unit's group robots, managed by the reform office and admins: set (created or replaced),
 * removed, listed with credentials masked, and tried with a test message. Every change is
 * audited on the unit's chain, its credentials masked there too.
 */
@Injectable()
export class UnitChannelAdmin {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly channels: UnitChannelStore,
    private readonly writer: DeliveryWriter,
    private readonly log: DeliveryLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(unitId: string): Promise<UnitChannelView[]> {
    return this.db.transaction(async (tx) => {
      await this.unit(tx, unitId, false);
      return this.channels.list(tx, unitId);
    });
  }

  async put(actor: Actor, unitId: string, kind: RobotKind, input: UnitChannelInput): Promise<UnitChannelView> {
    const problem = input.webhookUrl === undefined ? null : webhookProblem(input.webhookUrl, kind, this.config.robots);
    if (problem) throw new DomainError('invalid', `channel.${problem.rule}`, `webhookUrl ${problem.message}`, 'webhookUrl');
    return this.db.transaction(async (tx) => {
      await this.unit(tx, unitId, true);
      const existing = await this.channels.find(tx, unitId, kind);
      const webhookUrl = input.webhookUrl ?? existing?.webhookUrl;
      if (!webhookUrl)
        throw unprocessable('channel.webhook_required', `this unit has no ${kind} robot yet: give its webhookUrl`, 'webhookUrl');
      if (kind === 'dingtalk' && (input.secret === null || (input.secret === undefined && !existing?.secret)))
        throw unprocessable(
          'channel.secret_required',
          'a 钉钉 robot is signed (加签): give its secret, the SEC… string of its security settings',
          'secret',
        );
      if (kind === 'wecom' && input.secret)
        throw unprocessable('channel.secret_not_used', '企业微信 group robots are not signed: leave secret out', 'secret');
      const view = await this.channels.put(tx, unitId, kind, {
        webhookUrl,
        secret: input.secret === undefined ? (existing?.secret ?? null) : input.secret,
        language: input.language ?? existing?.language ?? 'zh-CN',
        enabled: input.enabled ?? existing?.enabled ?? true,
      });
      await this.audit.append(tx, 'unit', unitId, [
        { type: 'unit.channel_set', actorId: actor.userId, occurredAt: new Date().toISOString(), payload: { channel: view } },
      ]);
      return view;
    });
  }

  async remove(actor: Actor, unitId: string, kind: RobotKind): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.unit(tx, unitId, true);
      const gone = await this.channels.remove(tx, unitId, kind);
      if (!gone) throw notFound('channel.unknown', `this unit has no ${kind} robot`, 'kind');
      await this.audit.append(tx, 'unit', unitId, [
        { type: 'unit.channel_removed', actorId: actor.userId, occurredAt: new Date().toISOString(), payload: { channel: gone } },
      ]);
    });
  }

  /** Queues a test message to the robot; its fate is in the channel's delivery log like any other. */
  async sendTest(actor: Actor, unitId: string, kind: RobotKind): Promise<{ deliveryId: string }> {
    return this.db.transaction(async (tx) => {
      const unit = await this.unit(tx, unitId, false);
      const channel = await this.channels.find(tx, unitId, kind);
      if (!channel) throw notFound('channel.unknown', `this unit has no ${kind} robot`, 'kind');
      if (!channel.enabled) throw unprocessable('channel.disabled', 'the robot is turned off: turn it on before testing it', 'enabled');
      const [me] = await tx.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [actor.userId]);
      const data: ChannelTestData = {
        unit: unit.name,
        requestedBy: me?.display_name ?? '',
        settingsUrl: `${this.config.api.publicUrl}${webPaths.adminUnits()}`,
      };
      const key = `channel-test.${randomUUID()}`;
      await this.writer.writeToUnitChannels(
        tx,
        key,
        [unitId],
        { matterId: null, template: CHANNEL_TEST, data, calendar: null },
        { channelId: channel.id },
      );
      const [row] = await tx.query<{ id: string }>('SELECT id FROM deliveries WHERE delivery_key = $1', [`${key}.ch.${channel.id}`]);
      return { deliveryId: row.id };
    });
  }

  async deliveries(unitId: string, kind: RobotKind, f: DeliveryFilter) {
    const channel = await this.channels.find(this.db, unitId, kind);
    if (!channel) throw notFound('channel.unknown', `this unit has no ${kind} robot`, 'kind');
    return this.log.forChannel(channel.id, f);
  }

  private async unit(tx: Tx, unitId: string, lock: boolean): Promise<{ name: LocalizedText }> {
    const [u] = await tx.query<{ name_zh: string | null; name_en: string | null }>(
      `SELECT name_zh, name_en FROM units WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [unitId],
    );
    if (!u) throw notFound('unit.unknown', 'no unit has this id', 'id');
    return { name: { ...(u.name_zh ? { zh: u.name_zh } : {}), ...(u.name_en ? { en: u.name_en } : {}) } };
  }
}
