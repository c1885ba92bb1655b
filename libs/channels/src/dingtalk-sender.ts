import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import {
  type ChannelAddress,
  type ChannelMessage,
  type ChannelSendHooks,
  type ChannelSender,
  ChannelSendError,
  readErrcodeAnswer,
} from './channel-sender.js';
import { signedDingtalkUrl } from './dingtalk-sign.js';
import { postJson } from './http-post.js';
import { truncateUtf8 } from './wecom-sender.js';

/**
 * 钉钉 custom group robot (自定义机器人), as its documentation describes it (open.dingtalk.com
 * "自定义机器人发送群消息" and "自定义机器人安全设置"): `POST https://oapi.dingtalk.com/robot/send?
 * access_token=…&timestamp=…&sign=…` (the signed form, dingtalk-sign.ts) with `{"msgtype":
 * "markdown","markdown":{"title":"…","text":"…"}}`; the answer is HTTP 200 with `{errcode,
 * errmsg}`, 0 meaning sent. A robot takes 20 messages a minute; beyond that it answers 130101
 * ("send too fast, exceed 20 times per minute"; 410100 in the newer table) and the robot is
 * throttled for ten minutes, so these are retried with the queue's backoff, as -1 (busy) is.
 * 310000 (sign not match, keywords not in content, ip not in whitelist) and 300001 (token is not
 * exist) never succeed by trying again.
 */
export const DINGTALK_TRANSIENT = new Set([-1, 130101, 410100]);

@Injectable()
export class DingtalkSender implements ChannelSender {
  readonly kind = 'dingtalk';
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async send(to: ChannelAddress, message: ChannelMessage, hooks: ChannelSendHooks = {}): Promise<{ response: string }> {
    if (!to.secret) throw new ChannelSendError('permanent', '钉钉 robot has no signing secret (加签) configured');
    const url = signedDingtalkUrl(to.webhookUrl, to.secret, Date.now());
    const body = { msgtype: 'markdown', markdown: { title: message.title.slice(0, 100), text: truncateUtf8(message.markdown, 5000) } };
    let answer;
    try {
      answer = await postJson(url, body, { timeoutMs: this.config.robots.timeoutMs, ...hooks });
    } catch (e) {
      throw new ChannelSendError('transient', `钉钉 could not be reached: ${(e as Error).message}`, null, { cause: e });
    }
    return readErrcodeAnswer('钉钉', answer, DINGTALK_TRANSIENT);
  }
}
