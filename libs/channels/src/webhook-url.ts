import type { AppConfig } from '#config';
import type { RobotKind } from '#persistence';

/** Which query parameter carries each robot's credential in its webhook (see the senders' references). */
export const CREDENTIAL_PARAM: Readonly<Record<RobotKind, string>> = { wecom: 'key', dingtalk: 'access_token' };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Why a webhook URL cannot be a unit's robot, as a rule name and a sentence for the field; null
 * when it can. https to one of the configured hosts (企业微信's and 钉钉's own by default), or
 * http to loopback when the deployment allows it for tests: anything else would let whoever
 * configures a unit make the worker post to an arbitrary address inside the network.
 */
export function webhookProblem(url: string, kind: RobotKind, robots: AppConfig['robots']): { rule: string; message: string } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { rule: 'url', message: 'must be a full URL, such as https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…' };
  }
  const loopback = LOOPBACK.has(u.hostname);
  if (u.protocol === 'http:' && !(loopback && robots.allowLoopbackHttp))
    return { rule: 'https_required', message: 'must be an https:// URL' };
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { rule: 'https_required', message: 'must be an https:// URL' };
  if (u.username || u.password) return { rule: 'url', message: 'must not carry a user name or password' };
  if (!(loopback && robots.allowLoopbackHttp) && !robots.webhookHosts.includes(u.hostname))
    return { rule: 'host_not_allowed', message: `must point at ${robots.webhookHosts.join(' or ')} (ROBOT_WEBHOOK_HOSTS)` };
  const param = CREDENTIAL_PARAM[kind];
  if (!u.searchParams.get(param))
    return { rule: 'credential_missing', message: `must carry the robot's ${param}=… as its webhook address does` };
  return null;
}
