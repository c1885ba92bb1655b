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
import { postJson } from './http-post.js';

/**
 * 企业微信 group robot (群机器人), as its documentation describes it (developer.work.weixin.qq.com
 * document path 91770 "群机器人配置说明"; the global codes, path 90313): `POST
 * https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…` with `{"msgtype":"markdown","markdown":
 * {"content":"…"}}`, content at most 4096 bytes of UTF-8; the answer is HTTP 200 with `{errcode,
 * errmsg}`, 0 meaning sent. Each robot takes at most 20 messages a minute, and more are refused
 * with 45009 (接口调用超过限制); -1 is "system busy, retry". Both are worth trying again; every
 * other code (93000 invalid webhook url, 40008 bad msgtype, …) is not.
 */
export const WECOM_TRANSIENT = new Set([-1, 45009]);
export const WECOM_MARKDOWN_MAX_BYTES = 4096;

@Injectable()
export class WecomSender implements ChannelSender {
  readonly kind = 'wecom';
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async send(to: ChannelAddress, message: ChannelMessage, hooks: ChannelSendHooks = {}): Promise<{ response: string }> {
    const body = { msgtype: 'markdown', markdown: { content: truncateUtf8(message.markdown, WECOM_MARKDOWN_MAX_BYTES) } };
    let answer;
    try {
      answer = await postJson(to.webhookUrl, body, { timeoutMs: this.config.robots.timeoutMs, ...hooks });
    } catch (e) {
      throw new ChannelSendError('transient', `企业微信 could not be reached: ${(e as Error).message}`, null, { cause: e });
    }
    return readErrcodeAnswer('企业微信', answer, WECOM_TRANSIENT);
  }
}

/** At most `max` bytes of UTF-8, cut at a character boundary, with … when cut. */
export function truncateUtf8(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > max - 3) break;
    out += ch;
    bytes += n;
  }
  return `${out}…`;
}
