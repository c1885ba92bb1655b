import { Injectable } from '@nestjs/common';
import type { ChannelSender } from './channel-sender.js';
import { DingtalkSender } from './dingtalk-sender.js';
import { WecomSender } from './wecom-sender.js';

/**
 * Every channel sender by kind. Adding a channel (an SMS gateway) is one ChannelSender class
 * and one entry here, plus the kind in unit_channels' and deliveries' CHECKs; two senders of
 * one kind stop the process at start-up, as two handlers of one job do.
 */
@Injectable()
export class ChannelSenders {
  private readonly byKind = new Map<string, ChannelSender>();

  constructor(wecom: WecomSender, dingtalk: DingtalkSender) {
    for (const sender of [wecom, dingtalk] as ChannelSender[]) {
      if (this.byKind.has(sender.kind)) throw new Error(`two channel senders of kind "${sender.kind}"`);
      this.byKind.set(sender.kind, sender);
    }
  }

  get(kind: string): ChannelSender | undefined {
    return this.byKind.get(kind);
  }
}
