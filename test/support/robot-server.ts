import { createHmac, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP peer that speaks both group robots' documented webhooks, for tests: 企业微信
 * (`POST /cgi-bin/webhook/send?key=…`, body `{msgtype, markdown|text}`) and 钉钉 (`POST
 * /robot/send?access_token=…&timestamp=…&sign=…`, the signed form checked as DingTalk does:
 * `base64(HmacSHA256(secret, timestamp + "\n" + secret))`, timestamp in ms within an hour).
 * Both answer HTTP 200 `{errcode, errmsg}` as the services do, including their refusals:
 * 企业微信 93000 (invalid webhook url), 40008 (invalid message type), 45009 (api freq out of
 * limit, past 20 a minute per robot); 钉钉 300001 (token is not exist), 310000 (sign not match /
 * invalid timestamp), 130101 (send too fast, exceed 20 times per minute). A robot can be told to
 * refuse its next N requests with a rate limit or an HTTP 500 first.
 */
export type RobotKind = 'wecom' | 'dingtalk';

export interface ReceivedRobotMessage {
  kind: RobotKind;
  /** The key (企业微信) or access token (钉钉) it came to. */
  robot: string;
  body: { msgtype?: string; markdown?: { content?: string; title?: string; text?: string }; text?: { content?: string } };
  /** The Markdown shown in the group, whichever robot. */
  markdown: string;
  at: number;
}

export interface RefusedRobotRequest {
  kind: RobotKind;
  robot: string;
  status: number;
  answer: { errcode: number; errmsg: string } | string;
}

type Scripted = 'rate_limit' | 'http_500' | { errcode: number; errmsg: string };

export interface TestRobotServer {
  port: number;
  /** Messages the robots accepted (errcode 0), in order. */
  messages: ReceivedRobotMessage[];
  refused: RefusedRobotRequest[];
  /** Registers a 企业微信 robot and answers its webhook URL. */
  wecom(key: string): string;
  /** Registers a 钉钉 robot with its signing secret and answers its webhook URL. */
  dingtalk(accessToken: string, secret: string): string;
  /** The robot's next `n` requests are refused this way before it accepts again. */
  refuseNext(robot: string, n: number, how: Scripted): void;
  /** The robot's next `n` accepted messages are recorded at once but answered only after `ms` (a slow service). */
  holdNext(robot: string, n: number, ms: number): void;
  close(): Promise<void>;
}

const PER_MINUTE = 20;
const HOUR_MS = 3600_000;

export async function startRobotServer(): Promise<TestRobotServer> {
  const wecomKeys = new Set<string>();
  const dingtalkSecrets = new Map<string, string>();
  const scripts = new Map<string, Scripted[]>();
  const recent = new Map<string, number[]>();
  const holds = new Map<string, number[]>();
  const timers = new Set<NodeJS.Timeout>();
  /** Accepted: recorded now, answered now or after the robot's next hold. */
  const accept = (res: ServerResponse, message: ReceivedRobotMessage) => {
    messages.push(message);
    const hold = holds.get(message.robot)?.shift();
    if (!hold) return reply(res, message.kind, message.robot, 200, { errcode: 0, errmsg: 'ok' });
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) reply(res, message.kind, message.robot, 200, { errcode: 0, errmsg: 'ok' });
    }, hold);
    timers.add(timer);
  };
  const messages: ReceivedRobotMessage[] = [];
  const refused: RefusedRobotRequest[] = [];

  const reply = (res: ServerResponse, kind: RobotKind, robot: string, status: number, answer: { errcode: number; errmsg: string }) => {
    if (status !== 200 || answer.errcode !== 0) refused.push({ kind, robot, status, answer });
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer));
  };
  /** A scripted refusal or the real 20-a-minute limit; null when the request may go on. */
  const gate = (
    robot: string,
    rateLimit: { errcode: number; errmsg: string },
  ): { status: number; answer: { errcode: number; errmsg: string } } | null => {
    const script = scripts.get(robot);
    const next = script?.shift();
    if (next === 'http_500') return { status: 500, answer: { errcode: -1, errmsg: 'internal server error' } };
    if (next === 'rate_limit') return { status: 200, answer: rateLimit };
    if (next) return { status: 200, answer: next };
    const now = Date.now();
    const times = (recent.get(robot) ?? []).filter((t) => now - t < 60_000);
    if (times.length >= PER_MINUTE) return { status: 200, answer: rateLimit };
    times.push(now);
    recent.set(robot, times);
    return null;
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body: ReceivedRobotMessage['body'];
    try {
      body = JSON.parse(raw) as ReceivedRobotMessage['body'];
    } catch {
      body = {};
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/webhook/send') {
      const key = url.searchParams.get('key') ?? '';
      if (!wecomKeys.has(key)) return reply(res, 'wecom', key, 200, { errcode: 93000, errmsg: 'invalid webhook url, hint: [test]' });
      const content = body.msgtype === 'markdown' ? body.markdown?.content : body.msgtype === 'text' ? body.text?.content : undefined;
      if (typeof content !== 'string' || content === '')
        return reply(res, 'wecom', key, 200, { errcode: 40008, errmsg: 'invalid message type' });
      if (Buffer.byteLength(content, 'utf8') > 4096)
        return reply(res, 'wecom', key, 200, { errcode: 40058, errmsg: 'markdown.content exceed max length 4096' });
      const refusal = gate(key, { errcode: 45009, errmsg: 'api freq out of limit' });
      if (refusal) return reply(res, 'wecom', key, refusal.status, refusal.answer);
      return accept(res, { kind: 'wecom', robot: key, body, markdown: content, at: Date.now() });
    }
    if (req.method === 'POST' && url.pathname === '/robot/send') {
      const token = url.searchParams.get('access_token') ?? '';
      const secret = dingtalkSecrets.get(token);
      if (secret === undefined) return reply(res, 'dingtalk', token, 200, { errcode: 300001, errmsg: 'token is not exist' });
      const timestamp = Number(url.searchParams.get('timestamp'));
      if (!Number.isFinite(timestamp) || Math.abs(Date.now() - timestamp) > HOUR_MS)
        return reply(res, 'dingtalk', token, 200, { errcode: 310000, errmsg: 'invalid timestamp' });
      const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest();
      const given = Buffer.from(url.searchParams.get('sign') ?? '', 'base64');
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return reply(res, 'dingtalk', token, 200, { errcode: 310000, errmsg: 'sign not match' });
      const text = body.msgtype === 'markdown' ? body.markdown?.text : body.msgtype === 'text' ? body.text?.content : undefined;
      if (typeof text !== 'string' || (body.msgtype === 'markdown' && !body.markdown?.title))
        return reply(res, 'dingtalk', token, 200, { errcode: 40035, errmsg: '缺少参数 json' });
      const refusal = gate(token, { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' });
      if (refusal) return reply(res, 'dingtalk', token, refusal.status, refusal.answer);
      return accept(res, { kind: 'dingtalk', robot: token, body, markdown: text, at: Date.now() });
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    port,
    messages,
    refused,
    wecom(key) {
      wecomKeys.add(key);
      return `${base}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`;
    },
    dingtalk(token, secret) {
      dingtalkSecrets.set(token, secret);
      return `${base}/robot/send?access_token=${encodeURIComponent(token)}`;
    },
    refuseNext(robot, n, how) {
      scripts.set(robot, [...(scripts.get(robot) ?? []), ...Array.from({ length: n }, () => how)]);
    },
    holdNext(robot, n, ms) {
      holds.set(robot, [...(holds.get(robot) ?? []), ...Array.from({ length: n }, () => ms)]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
