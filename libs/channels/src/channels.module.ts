import { Module } from '@nestjs/common';
import { ChannelSenders } from './channel-senders.js';
import { DeliverChannelMessage } from './deliver-channel-message.usecase.js';
import { DingtalkSender } from './dingtalk-sender.js';
import { SendChannelMessageHandler } from './send-channel-message.handler.js';
import { WecomSender } from './wecom-sender.js';

const PROVIDERS = [WecomSender, DingtalkSender, ChannelSenders, DeliverChannelMessage, SendChannelMessageHandler];

/** Posting deliveries to units' group robots (企业微信, 钉钉). Needs the global Config, Persistence and Queues modules. */
@Module({ providers: PROVIDERS, exports: PROVIDERS })
export class ChannelsModule {}
