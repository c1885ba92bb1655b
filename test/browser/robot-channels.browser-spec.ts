import { type TestRobotServer, startRobotServer } from '../support/robot-server.js';
import { type BrowserSystem, axeViolations, choose, screenshot, signIn, startBrowserSystem } from '../support/browser.js';

/** 系统管理 → 单位 → 群机器人 in Chromium: the admin connects a unit's 企业微信 and 钉钉 groups and tries one. */
let b: BrowserSystem;
let robots: TestRobotServer;

beforeAll(async () => {
  robots = await startRobotServer();
  b = await startBrowserSystem({ env: { ROBOT_ALLOW_LOOPBACK_HTTP: 'true' } });
});
afterAll(async () => {
  await b?.close();
  await robots?.close();
});

describe('a unit’s group robots', () => {
  it('are set on the units page: refusals on their fields, the secret asked for, a test message delivered', async () => {
    const page = await b.newPage();
    await signIn(page, 'admin');
    await page.goto('/admin/units');
    await page.getByRole('heading', { name: '单位管理' }).waitFor();
    await page.getByRole('button', { name: '群机器人 深圳市科技创新局' }).click();
    const drawer = page.getByRole('dialog', { name: '群机器人：深圳市科技创新局' });
    const wecom = drawer.getByRole('region', { name: '企业微信群机器人' });
    await wecom.getByText('未配置').waitFor();

    // an address inside the network is refused on its field, in words
    await wecom.getByLabel('Webhook 地址').fill('http://intranet.example/cgi-bin/webhook/send?key=abc');
    await wecom.getByRole('button', { name: /保\s*存/ }).click();
    await wecom.getByText('须为 https:// 地址').waitFor();

    const url = robots.wecom('browser-stic-key-0001');
    await wecom.getByLabel('Webhook 地址').fill(url);
    await wecom.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存企业微信群机器人').waitFor();
    await wecom.getByText('已启用').waitFor();
    // the key is never shown again, only its last four characters
    await wecom.getByText(/key=\*{4}0001/).waitFor();
    expect(await drawer.textContent()).not.toContain('browser-stic-key-0001');

    // 钉钉 is signed: its secret is asked for before anything is sent
    const dingtalk = drawer.getByRole('region', { name: '钉钉群机器人' });
    await dingtalk.getByLabel('Webhook 地址').fill(robots.dingtalk('browser-stic-token', 'SECbrowser'));
    await dingtalk.getByRole('button', { name: /保\s*存/ }).click();
    await dingtalk.getByText('请填写加签密钥').waitFor();
    await dingtalk.getByLabel('加签密钥').fill('SECbrowser');
    await choose(page, '消息语言', 'English', dingtalk);
    await dingtalk.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存钉钉群机器人').waitFor();
    await dingtalk.getByText('已保存加签密钥').waitFor();
    // turned off and on again without typing the webhook a second time
    await wecom.getByRole('switch', { name: '启用' }).click();
    await wecom.getByRole('button', { name: /保\s*存/ }).click();
    await wecom.getByText('已停用').waitFor();
    await wecom.getByRole('switch', { name: '启用' }).click();
    await wecom.getByRole('button', { name: /保\s*存/ }).click();
    await wecom.getByText('已启用').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // a test message reaches the group, and the card says so
    await wecom.getByRole('button', { name: '发送测试消息' }).click();
    await wecom.getByText('已送达').waitFor();
    expect(
      robots.messages.filter((m) => m.robot === 'browser-stic-key-0001' && m.markdown.includes('深圳市科技创新局的通知')),
    ).toHaveLength(1);
    await dingtalk.getByRole('button', { name: '发送测试消息' }).click();
    await dingtalk.getByText('已送达').waitFor();
    expect(robots.messages.find((m) => m.robot === 'browser-stic-token')?.markdown).toContain('[Test] The group robot is connected');
    await screenshot(page, 'admin-unit-robots');

    const [row] = await b.system.api.sql<{ language: string; secret: string }>(
      `SELECT language, secret FROM unit_channels WHERE kind = 'dingtalk' AND unit_id = $1`,
      [b.system.world.units.stic],
    );
    expect(row).toEqual({ language: 'en', secret: 'SECbrowser' });
    await page.close();
  });
});
