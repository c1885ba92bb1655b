import { loadAppConfig } from '#config';
import { type TestRobotServer, startRobotServer } from '../../../test/support/robot-server.js';
import { ChannelSendError } from './channel-sender.js';
import { DingtalkSender } from './dingtalk-sender.js';
import { WecomSender } from './wecom-sender.js';

// the senders against a local server that answers as the two services document (test/support/robot-server.ts)
let robots: TestRobotServer;
beforeAll(async () => {
  robots = await startRobotServer();
});
afterAll(() => robots.close());

const config = loadAppConfig({ ROBOT_TIMEOUT: 'PT5S' });
const message = { title: '【到期提醒】OP-1 测试', markdown: '#### 【到期提醒】OP-1 测试\n\n> 事项：OP-1' };
const failure = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ChannelSendError);
  return e as ChannelSendError;
};

describe(WecomSender.name, () => {
  const sender = new WecomSender(config);

  it('posts markdown to the key and reads errcode 0 as sent, calling back once the request is written', async () => {
    const url = robots.wecom('wk-ok');
    let written = 0;
    const { response } = await sender.send({ webhookUrl: url, secret: null }, message, { onRequestWritten: () => written++ });
    expect(JSON.parse(response)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(written).toBe(1);
    expect(robots.messages.at(-1)).toMatchObject({
      kind: 'wecom',
      robot: 'wk-ok',
      body: { msgtype: 'markdown' },
      markdown: message.markdown,
    });
  });

  it('takes 45009 (rate limit) and HTTP 500 as worth retrying, an unknown key (93000) as never', async () => {
    const url = robots.wecom('wk-busy');
    robots.refuseNext('wk-busy', 1, 'rate_limit');
    robots.refuseNext('wk-busy', 1, 'http_500');
    expect((await failure(sender.send({ webhookUrl: url, secret: null }, message))).kind).toBe('transient');
    expect((await failure(sender.send({ webhookUrl: url, secret: null }, message))).kind).toBe('transient');
    const bad = await failure(sender.send({ webhookUrl: url.replace('wk-busy', 'wk-unknown'), secret: null }, message));
    expect(bad.kind).toBe('permanent');
    expect(bad.answer).toContain('93000');
  });
});

describe(DingtalkSender.name, () => {
  const sender = new DingtalkSender(config);

  it('signs each request (timestamp, sign) and posts markdown with its title', async () => {
    const url = robots.dingtalk('dt-ok', 'SECgood');
    await sender.send({ webhookUrl: url, secret: 'SECgood' }, message);
    expect(robots.messages.at(-1)).toMatchObject({ kind: 'dingtalk', robot: 'dt-ok', body: { markdown: { title: message.title } } });
  });

  it('takes a wrong secret (310000 sign not match) and an unknown token (300001) as never succeeding, 130101 as retried', async () => {
    const url = robots.dingtalk('dt-x', 'SECright');
    const wrong = await failure(sender.send({ webhookUrl: url, secret: 'SECwrong' }, message));
    expect(wrong).toMatchObject({ kind: 'permanent' });
    expect(wrong.answer).toContain('sign not match');
    expect((await failure(sender.send({ webhookUrl: url.replace('dt-x', 'dt-none'), secret: 'SECright' }, message))).kind).toBe(
      'permanent',
    );
    robots.refuseNext('dt-x', 1, 'rate_limit');
    const limited = await failure(sender.send({ webhookUrl: url, secret: 'SECright' }, message));
    expect(limited.kind).toBe('transient');
    expect(limited.answer).toContain('130101');
  });

  it('answers transient when the robot cannot be reached', async () => {
    const e = await failure(sender.send({ webhookUrl: 'http://127.0.0.1:1/robot/send?access_token=a', secret: 's' }, message));
    expect(e.kind).toBe('transient');
  });
});
