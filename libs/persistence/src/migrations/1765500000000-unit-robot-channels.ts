import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `unit_channels`: a unit's group robots (企业微信 / 钉钉 群机器人), at most one of each kind per
 * unit. The webhook URL carries the robot's key or access token and `secret` is DingTalk's
 * signing secret (加签, SEC…): both are credentials, stored as given, never answered by the
 * API nor written to a log (UnitChannelStore masks them).
 *
 * `deliveries` carry robot messages beside mail: `channel` says which ('mail' for every row
 * written before), `channel_id` the unit channel a robot message goes to. A robot message has
 * no recipient person and no address (`recipient_email` is null exactly when it is not mail);
 * it keeps its row, and so its place in the delivery log, when its channel is removed.
 */
export class UnitRobotChannels1765500000000 implements MigrationInterface {
  name = 'UnitRobotChannels1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unit_channels (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL,
        kind varchar(16) NOT NULL,
        webhook_url varchar(1000) NOT NULL,
        secret varchar(200),
        language varchar(8) NOT NULL DEFAULT 'zh-CN',
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT unit_channels_pkey PRIMARY KEY (id),
        CONSTRAINT unit_channels_unit_fkey FOREIGN KEY (unit_id) REFERENCES units(id) ON DELETE CASCADE,
        CONSTRAINT unit_channels_unit_kind_key UNIQUE (unit_id, kind),
        CONSTRAINT unit_channels_kind_check CHECK (kind IN ('wecom', 'dingtalk')),
        CONSTRAINT unit_channels_language_check CHECK (language IN ('zh-CN', 'en')),
        CONSTRAINT unit_channels_dingtalk_secret_check CHECK (kind <> 'dingtalk' OR secret IS NOT NULL)
      )`);
    await q.query(`ALTER TABLE deliveries ADD COLUMN channel varchar(16) NOT NULL DEFAULT 'mail'`);
    await q.query(`ALTER TABLE deliveries ADD COLUMN channel_id uuid`);
    await q.query(
      `ALTER TABLE deliveries ADD CONSTRAINT deliveries_channel_fkey FOREIGN KEY (channel_id) REFERENCES unit_channels(id) ON DELETE SET NULL`,
    );
    await q.query(`ALTER TABLE deliveries ADD CONSTRAINT deliveries_channel_check CHECK (channel IN ('mail', 'wecom', 'dingtalk'))`);
    await q.query(`ALTER TABLE deliveries ALTER COLUMN recipient_email DROP NOT NULL`);
    await q.query(
      `ALTER TABLE deliveries ADD CONSTRAINT deliveries_channel_address_check CHECK ((channel = 'mail') = (recipient_email IS NOT NULL))`,
    );
    await q.query(`CREATE INDEX deliveries_channel_idx ON deliveries (channel_id, created_at) WHERE channel_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deliveries_channel_idx`);
    await q.query(`DELETE FROM deliveries WHERE channel <> 'mail'`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_channel_address_check`);
    await q.query(`ALTER TABLE deliveries ALTER COLUMN recipient_email SET NOT NULL`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_channel_check`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_channel_fkey`);
    await q.query(`ALTER TABLE deliveries DROP COLUMN channel_id`);
    await q.query(`ALTER TABLE deliveries DROP COLUMN channel`);
    await q.query(`DROP TABLE unit_channels`);
  }
}
