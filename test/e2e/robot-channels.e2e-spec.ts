/**
 * Reminders where people read them: a unit's 企业微信 / 钉钉 group robot receives its
 * notifications over the real api and worker, against a local server that answers as the two
 * services document (test/support/robot-server.ts): once per reason and robot, in the group's
 * language, with the page's link; a rate-limited try retried and delivered once; a wrong
 * signature recorded as failed and told to the reform office; the credentials never answered.
 */
import { pollUntil } from '../support/poll.js';
import { type TestRobotServer, startRobotServer } from '../support/robot-server.js';
import { type System, startSystem } from '../support/system.js';

let sys: System;
let robots: TestRobotServer;

beforeAll(async () => {
  robots = await startRobotServer();
  sys = await startSystem({ env: { ROBOT_ALLOW_LOOPBACK_HTTP: 'true' } });
  await sys.startWorker();
});
afterAll(async () => {
  await sys?.close();
  await robots?.close();
});

const auth = (who: Parameters<System['world']['token']>[0]) => ({ Authorization: `Bearer ${sys.world.token(who)}` });
const channels = (unitId: string) => `/api/v1/units/${unitId}/channels`;

async function deadlineOf(matterId: string, key: string) {
  const [d] = await sys.api.sql<{ id: string }>(`SELECT id FROM deadlines WHERE matter_id = $1 AND key LIKE $2`, [matterId, key]);
  return d;
}
const rowsFor = (keyPrefix: string) =>
  sys.api.sql<{
    id: string;
    state: string;
    attempts: number;
    channel: string;
    locale: string;
    last_error: string | null;
    smtp_response: string | null;
  }>(
    `SELECT id, state, attempts, channel, locale, last_error, smtp_response FROM deliveries WHERE delivery_key LIKE $1 AND channel <> 'mail'`,
    [`${keyPrefix}%`],
  );

describe('configuring a unit’s robot', () => {
  it('is the reform office’s and the admin’s; bad input is answered on its field and rule; credentials never come back', async () => {
    const unit = sys.world.units.justice;
    const refused = await sys.api.http
      .put(`${channels(unit)}/wecom`)
      .set(auth('justiceManager'))
      .send({ webhookUrl: robots.wecom('k') });
    expect(refused.status).toBe(403);

    const cases: Array<[string, object, number, string, string]> = [
      ['wecom', { webhookUrl: 'http://qyapi.example/cgi-bin/webhook/send?key=k' }, 400, 'webhookUrl', 'channel.https_required'],
      ['wecom', { webhookUrl: 'https://intranet.example/cgi-bin/webhook/send?key=k' }, 400, 'webhookUrl', 'channel.host_not_allowed'],
      ['wecom', { webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' }, 400, 'webhookUrl', 'channel.credential_missing'],
      ['wecom', { webhookUrl: 'not a url' }, 400, 'webhookUrl', 'url'],
      ['dingtalk', { webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=t' }, 422, 'secret', 'channel.secret_required'],
      ['wecom', { webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', language: 'fr' }, 400, 'language', 'one_of'],
      ['wecom', { webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', colour: 'red' }, 400, 'colour', 'unknown_field'],
      ['sms', { webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' }, 400, 'kind', 'one_of'],
    ];
    for (const [kind, body, status, field, rule] of cases) {
      const res = await sys.api.http
        .put(`${channels(unit)}/${kind}`)
        .set(auth('office'))
        .send(body);
      expect({ kind, body, status: res.status, type: res.type }).toEqual({ kind, body, status, type: 'application/problem+json' });
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule: expect.stringContaining(rule) })]));
    }
    expect((await sys.api.http.get(channels(sys.world.users.office.id)).set(auth('office'))).status).toBe(404);

    const secret = 'SECjustice-secret-0123456789';
    const set = await sys.api.http
      .put(`${channels(unit)}/dingtalk`)
      .set(auth('admin'))
      .send({ webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=tok-justice-0123456789', secret, language: 'en' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ kind: 'dingtalk', hasSecret: true, language: 'en', enabled: true });
    const listed = await sys.api.http.get(channels(unit)).set(auth('office'));
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('tok-justice-0123456789');
    expect(listed.body[0].webhookUrl).toBe('https://oapi.dingtalk.com/robot/send?access_token=****6789');
    // nor in the unit's audit trail
    const audit = await sys.api.sql<{ payload: unknown }>(`SELECT payload FROM audit_events WHERE aggregate_id = $1`, [unit]);
    expect(JSON.stringify(audit)).not.toContain(secret);

    // the language or the switch changes alone; the webhook and the secret stay
    const off = await sys.api.http
      .put(`${channels(unit)}/dingtalk`)
      .set(auth('office'))
      .send({ enabled: false, language: 'zh-CN' });
    expect(off.body).toMatchObject({ enabled: false, language: 'zh-CN', hasSecret: true, webhookUrl: listed.body[0].webhookUrl });
    const none = await sys.api.http
      .put(`${channels(unit)}/wecom`)
      .set(auth('office'))
      .send({ enabled: false });
    expect(none.status).toBe(422);
    expect(none.body.errors).toEqual([expect.objectContaining({ field: 'webhookUrl', rule: 'channel.webhook_required' })]);

    const removed = await sys.api.http.delete(`${channels(unit)}/dingtalk`).set(auth('office'));
    expect(removed.status).toBe(204);
    expect((await sys.api.http.delete(`${channels(unit)}/dingtalk`).set(auth('office'))).status).toBe(404);
  });
});

describe('a deadline reminder', () => {
  it('reaches the unit’s 企业微信 group once, in Chinese, with the matter and the link to its page', async () => {
    const put = await sys.api.http
      .put(`${channels(sys.world.units.stic)}/wecom`)
      .set(auth('office'))
      .send({ webhookUrl: robots.wecom('stic-1') });
    expect(put.status).toBe(200);
    const channelId = put.body.id as string;
    const m = await sys.world.draft({ milestones: [] }); // the draft stage is due in PT3S, reminded PT2S before
    const d = await deadlineOf(m.id, 'stage:draft:%');
    const key = `t.${d.id}.v1.r-PT2S.ch.${channelId}`;
    const [row] = await pollUntil(
      () => rowsFor(key),
      (r) => r[0]?.state === 'sent' && robots.messages.some((x) => x.robot === 'stic-1'),
      { timeoutMs: 15_000, what: 'the reminder posted to the group' },
    );
    expect(row).toMatchObject({ channel: 'wecom', locale: 'zh-CN', attempts: 1 });
    const posted = robots.messages.filter(
      (x) => x.robot === 'stic-1' && x.markdown.includes(m.code) && x.markdown.includes('【到期提醒】'),
    );
    expect(posted.length).toBeGreaterThanOrEqual(1);
    const first = posted[0];
    expect(first.body.msgtype).toBe('markdown');
    expect(first.markdown).toContain(`/matters/${m.id}?action=submit`);
    expect(first.markdown).not.toContain('/api/');

    // the matter's delivery log shows it beside the mail, with the robot's answer
    const log = await sys.api.http.get(`/api/v1/matters/${m.id}/deliveries`).set(auth('office'));
    const entry = log.body.items.find((i: { id: string }) => i.id === row.id);
    expect(entry).toMatchObject({ channel: 'wecom', channelId, recipient: { id: null, email: null }, state: 'sent' });
    expect(JSON.parse(entry.smtpResponse)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(log.body.items.some((i: { channel: string }) => i.channel === 'mail')).toBe(true);

    // one group message per reason, not one per person: every timer of the deadline posted once
    await pollUntil(
      () => rowsFor(`t.${d.id}.`),
      (r) => r.length >= 6 && r.every((x) => x.state === 'sent'),
      { timeoutMs: 20_000, what: 'all six reminders and escalations posted' },
    );
    const all = await rowsFor(`t.${d.id}.`);
    expect(all).toHaveLength(6);
    const rendered = await sys.api.sql<{ text_body: string }>(`SELECT text_body FROM deliveries WHERE id = ANY($1::uuid[])`, [
      all.map((r) => r.id),
    ]);
    for (const { text_body } of rendered) expect(robots.messages.filter((x) => x.markdown === text_body)).toHaveLength(1);
  });

  it('refused for its rate (45009) is retried with the backoff and reaches the group once', async () => {
    const put = await sys.api.http
      .put(`${channels(sys.world.units.stic)}/wecom`)
      .set(auth('office'))
      .send({ webhookUrl: robots.wecom('stic-2') });
    const channelId = put.body.id as string;
    robots.refuseNext('stic-2', 1, 'rate_limit');
    robots.refuseNext('stic-2', 1, 'http_500');
    const m = await sys.world.draft({ milestones: [] });
    const d = await deadlineOf(m.id, 'stage:draft:%');
    const key = `t.${d.id}.v1.r-PT2S.ch.${channelId}`;
    // 'sent' is committed when the request is in the socket and taken back on a refusal, so a row can read
    // 'sent' for a moment while an attempt is refused: delivered means the robot accepted it, too
    const { row } = await pollUntil(
      async () => {
        const [r] = await rowsFor(key);
        if (!r) return { row: r, accepted: false };
        const [{ text_body }] = await sys.api.sql<{ text_body: string }>(`SELECT text_body FROM deliveries WHERE id = $1`, [r.id]);
        return { row: r, accepted: robots.messages.some((x) => x.robot === 'stic-2' && x.markdown === text_body) };
      },
      (x) => x.row?.state === 'sent' && x.accepted,
      { timeoutMs: 40_000, what: 'the rate-limited reminder delivered' },
    );
    const refusals = robots.refused.filter((r) => r.robot === 'stic-2');
    expect(refusals.map((r) => r.status)).toEqual([200, 500]);
    expect(refusals[0].answer).toEqual({ errcode: 45009, errmsg: 'api freq out of limit' });
    const [{ text_body }] = await sys.api.sql<{ text_body: string }>(`SELECT text_body FROM deliveries WHERE id = $1`, [row.id]);
    expect(robots.messages.filter((x) => x.robot === 'stic-2' && x.markdown === text_body)).toHaveLength(1);
    expect(row.attempts).toBeGreaterThanOrEqual(2);
  });
});

describe('a 钉钉 robot', () => {
  it('signs every message, and posts in English to a group that reads English', async () => {
    const url = robots.dingtalk('tok-commerce', 'SECcommerce-right');
    const put = await sys.api.http
      .put(`${channels(sys.world.units.commerce)}/dingtalk`)
      .set(auth('office'))
      .send({ webhookUrl: url, secret: 'SECcommerce-right', language: 'en' });
    expect(put.status).toBe(200);
    const m = await sys.world.draft({
      milestones: [],
      leadingUnitId: sys.world.units.commerce,
      managerId: sys.world.users.commerceManager.id,
      participatingUnitIds: [],
      title: { zh: '国际贸易单一窗口', en: 'International trade single window' },
    });
    const d = await deadlineOf(m.id, 'stage:draft:%');
    await pollUntil(
      () => rowsFor(`t.${d.id}.v1.r-PT2S.ch.${put.body.id}`),
      (r) => r[0]?.state === 'sent' && robots.messages.some((x) => x.robot === 'tok-commerce' && x.markdown.includes(m.code)),
      { timeoutMs: 15_000, what: 'the English reminder posted' },
    );
    const posted = robots.messages.find((x) => x.robot === 'tok-commerce' && x.markdown.includes(m.code));
    expect(posted?.body.markdown?.title).toContain('International trade single window');
    expect(posted?.markdown).toContain('Open the matter in Reformflow');
    expect(posted?.markdown).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('with a wrong secret is refused (310000 sign not match): the delivery fails, saying why, and the reform office is told', async () => {
    const unit = sys.world.units.justice;
    const url = robots.dingtalk('tok-justice', 'SECjustice-right');
    await sys.api.http
      .put(`${channels(unit)}/dingtalk`)
      .set(auth('office'))
      .send({ webhookUrl: url, secret: 'SECjustice-wrong' });
    const test = await sys.api.http.post(`${channels(unit)}/dingtalk/test`).set(auth('office'));
    expect(test.status).toBe(202);
    const [row] = await pollUntil(
      () =>
        sys.api.sql<{ state: string; attempts: number; last_error: string; smtp_response: string }>(
          `SELECT state, attempts, last_error, smtp_response FROM deliveries WHERE id = $1`,
          [test.body.deliveryId],
        ),
      (r) => r[0]?.state === 'failed',
      { timeoutMs: 15_000, what: 'the test message failed' },
    );
    expect(row.attempts).toBe(1); // a wrong signature never succeeds by trying again
    expect(row.last_error).toContain('310000');
    expect(JSON.parse(row.smtp_response)).toEqual({ errcode: 310000, errmsg: 'sign not match' });
    const log = await sys.api.http.get(`${channels(unit)}/dingtalk/deliveries`).set(auth('office'));
    expect(log.body.items[0]).toMatchObject({ id: test.body.deliveryId, channel: 'dingtalk', state: 'failed', template: 'channel-test' });
    await pollUntil(
      () => sys.smtp.messages.filter((x) => x.deliveryKey === `dfail.${test.body.deliveryId}.${sys.world.users.office.id}`),
      (x) => x.length === 1,
      { timeoutMs: 15_000, what: 'the reform office told of the failure' },
    );

    // set right, the test message goes
    await sys.api.http
      .put(`${channels(unit)}/dingtalk`)
      .set(auth('office'))
      .send({ webhookUrl: url, secret: 'SECjustice-right' });
    const again = await sys.api.http.post(`${channels(unit)}/dingtalk/test`).set(auth('office'));
    await pollUntil(
      () => sys.api.sql<{ state: string }>(`SELECT state FROM deliveries WHERE id = $1`, [again.body.deliveryId]),
      (r) => r[0]?.state === 'sent' && robots.messages.some((x) => x.robot === 'tok-justice'),
      { timeoutMs: 15_000, what: 'the corrected test message sent' },
    );
    expect(robots.messages.filter((x) => x.robot === 'tok-justice')).toHaveLength(1);
  });
});
