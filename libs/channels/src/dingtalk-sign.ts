import { createHmac } from 'node:crypto';

/**
 * DingTalk's signed webhook (自定义机器人 安全设置 → 加签), as its documentation states it
 * (open.dingtalk.com "自定义机器人安全设置", mirrored on apifox doc-3550006): the string to sign is
 * `timestamp + "\n" + secret`, signed with HmacSHA256 keyed by the secret (UTF-8), Base64-encoded,
 * then URL-encoded into `&timestamp=…&sign=…`. The timestamp is in milliseconds and must be
 * within one hour of DingTalk's clock, so it is taken at each attempt, never stored.
 */
export function dingtalkSignature(secret: string, timestampMs: number): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The webhook with this attempt's `timestamp` and `sign` (URLSearchParams does the URL-encoding). */
export function signedDingtalkUrl(webhookUrl: string, secret: string, timestampMs: number): string {
  const u = new URL(webhookUrl);
  u.searchParams.set('timestamp', String(timestampMs));
  u.searchParams.set('sign', dingtalkSignature(secret, timestampMs));
  return u.toString();
}
