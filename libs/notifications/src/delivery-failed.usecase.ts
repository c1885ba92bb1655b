import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import { Db } from '#persistence';
import { jobIds } from '#queues';
import { DeliveryWriter } from './delivery-writer.js';
import { loadMatterRef } from './matter-ref.js';
import { reformOfficeRecipients } from './recipients.js';

const ROBOT_NAMES: Record<string, string> = { wecom: '企业微信群机器人', dingtalk: '钉钉群机器人' };

/** A mail failed for good (a 5xx, or retries exhausted): the reform office hears which, to whom and why. */
@Injectable()
export class NotifyDeliveryFailed {
  constructor(
    private readonly db: Db,
    private readonly deliveries: DeliveryWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(deliveryId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [failed] = await tx.query<{
        template: string;
        recipient_email: string | null;
        recipient_id: string | null;
        channel: string;
        unit_name: string | null;
        subject: string | null;
        last_error: string | null;
        matter_id: string | null;
        state: string;
      }>(
        `SELECT d.template, d.recipient_email, d.recipient_id, d.subject, d.last_error, d.matter_id, d.state, d.channel,
                coalesce(u.name_zh, u.name_en) AS unit_name
         FROM deliveries d LEFT JOIN unit_channels c ON c.id = d.channel_id LEFT JOIN units u ON u.id = c.unit_id WHERE d.id = $1`,
        [deliveryId],
      );
      // a notice about a failed notice that itself failed is not sent again: no loops
      if (!failed || failed.state !== 'failed' || failed.template === 'delivery-failed') return 0;
      const matter = failed.matter_id ? ((await loadMatterRef(tx, failed.matter_id, this.config.api.publicUrl))?.ref ?? null) : null;
      const recipients = (await reformOfficeRecipients(tx)).filter((r) => r.userId !== failed.recipient_id);
      return this.deliveries.write(
        tx,
        recipients.map((r) => ({
          deliveryKey: `${jobIds.deliveryFailed(deliveryId)}.${r.userId}`,
          matterId: failed.matter_id,
          recipient: { ...r, notificationMode: 'immediate' as const },
          template: 'delivery-failed' as const,
          data: {
            // a group robot's message names the robot and its unit where mail names an address
            recipientEmail:
              failed.recipient_email ??
              `${ROBOT_NAMES[failed.channel] ?? failed.channel}${failed.unit_name ? `（${failed.unit_name}）` : ''}`,
            template: failed.template,
            subject: failed.subject ?? '',
            error: failed.last_error ?? '',
            matter,
          },
          calendar: null,
        })),
      );
    });
  }
}
