import { webhookProblem } from './webhook-url.js';

const production = { webhookHosts: ['qyapi.weixin.qq.com', 'oapi.dingtalk.com'], allowLoopbackHttp: false, timeoutMs: 10_000 };
const tests = { ...production, allowLoopbackHttp: true };
const rule = (url: string, kind: 'wecom' | 'dingtalk', robots = production) => webhookProblem(url, kind, robots)?.rule ?? null;

describe(webhookProblem.name, () => {
  it("takes each service's own https webhook with its credential", () => {
    expect(rule('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx', 'wecom')).toBeNull();
    expect(rule('https://oapi.dingtalk.com/robot/send?access_token=abc123', 'dingtalk')).toBeNull();
  });

  it('refuses plain http, other hosts, and a webhook without its key or token', () => {
    expect(rule('http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', 'wecom')).toBe('https_required');
    expect(rule('https://intranet.example/cgi-bin/webhook/send?key=k', 'wecom')).toBe('host_not_allowed');
    expect(rule('https://qyapi.weixin.qq.com/cgi-bin/webhook/send', 'wecom')).toBe('credential_missing');
    expect(rule('https://oapi.dingtalk.com/robot/send?key=abc', 'dingtalk')).toBe('credential_missing');
    expect(rule('ftp://oapi.dingtalk.com/robot/send?access_token=a', 'dingtalk')).toBe('https_required');
    expect(rule('not a url', 'wecom')).toBe('url');
  });

  it('takes http to loopback only where the deployment allows it (tests, development)', () => {
    expect(rule('http://127.0.0.1:4010/cgi-bin/webhook/send?key=k', 'wecom')).toBe('https_required');
    expect(rule('http://127.0.0.1:4010/cgi-bin/webhook/send?key=k', 'wecom', tests)).toBeNull();
    expect(rule('http://10.0.0.5/cgi-bin/webhook/send?key=k', 'wecom', tests)).toBe('https_required');
  });
});
