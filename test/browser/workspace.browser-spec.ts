/**
 * The workspace around one matter in implementation: the urge-notice link from a real mail,
 * followed signed out on a phone; another unit's manager refused with a clear page; a concurrent
 * change answered with the 409 notice while the form keeps what was typed; the language switch;
 * phone width; axe-core on the sign-in page, the inbox and the matter page.
 */
import type { Page } from 'playwright-core';
import { deciderOf, type MatterBody } from '../support/api-world.js';
import {
  type BrowserSystem,
  PHONE,
  axeViolations,
  emailOf,
  fitsWidth,
  openMatter,
  screenshot,
  signIn,
  startBrowserSystem,
} from '../support/browser.js';

let b: BrowserSystem;
let matter: MatterBody;

/** A matter of the science and technology commission (manager sticManager), approved and in implementation, over the API. */
async function matterInImplementation(): Promise<MatterBody> {
  const w = b.system.world;
  // its milestone falls due two seconds after drafting: overdue by the time the reform office urges
  let m = await w.draft({
    title: { zh: '科研经费“包干制”改革试点', en: 'Lump-sum research funding pilot' },
    milestones: [{ title: { zh: '制定经费包干实施细则', en: 'Implementing rules issued' }, dueIn: 'PT2S' }],
  });
  let res = await w.act('office', m, 'submit');
  m = res.body;
  while (m.stage === 'in_approval') {
    res = await w.act(deciderOf(w, m.currentStep), m, 'approve', {});
    m = res.body;
  }
  res = await w.act('sticManager', m, 'start-implementation');
  expect(res.status).toBe(200);
  await new Promise((r) => setTimeout(r, 2500));
  return w.get('office', m.id);
}

beforeAll(async () => {
  b = await startBrowserSystem();
  matter = await matterInImplementation();
});
afterEach(async () => {
  const shots = await b.closePages(`left-open ${expect.getState().currentTestName ?? ''}`);
  if (shots.length) console.log(`pages left open (a failed step?): ${shots.join(', ')}`);
});
afterAll(() => b?.close());

const drawer = (page: Page) => page.getByRole('dialog');

describe('the workspace', () => {
  it('axe-core finds no serious or critical violation on the sign-in page', async () => {
    const page = await b.newPage();
    await page.goto('/login');
    await page.getByRole('button', { name: '登录' }).waitFor();
    await screenshot(page, 'login-zh');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('a manager follows the urge-notice link from a real mail signed out, on a phone, signs in and acknowledges', async () => {
    const res = await b.system.world.act('office', matter, 'urge-notices', { message: '请于本周内报送试点进展，并说明经费拨付情况。' });
    expect(res.status).toBe(201);
    matter = res.body;
    const link = await (async () => {
      for (let i = 0; i < 60; i++) {
        const mail = b.system.smtp.messages.find(
          (m) => m.to.includes(emailOf('sticManager')) && m.text.includes('action=acknowledge_urge_notice'),
        );
        const url = mail?.text.match(/https?:\/\/\S+action=acknowledge_urge_notice\S*/)?.[0];
        if (url) return url.replace(/[)）>.,，。]+$/, '');
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`no urge-notice mail to sticManager among ${b.system.smtp.messages.length} messages`);
    })();
    expect(link.startsWith(b.baseUrl)).toBe(true);

    const page = await b.newPage({ viewport: PHONE });
    await page.goto(link);
    await page.waitForURL(/\/login\?next=/);
    await screenshot(page, 'login-phone-zh');
    await signIn(page, 'sticManager', { goto: false });
    await page.waitForURL((u) => u.pathname === `/matters/${matter.id}`);
    const d = drawer(page);
    await d.getByText('请于本周内报送试点进展，并说明经费拨付情况。').waitFor();
    await d.getByLabel('回复（选填）').fill('收到，本周五前报送。');
    await screenshot(page, 'acknowledge-phone-zh');
    expect(await fitsWidth(page)).toBe(true);
    await d.getByRole('button', { name: '确认收到催办' }).click();
    await page.getByText('已办理：确认收到催办').waitFor();
    await d.waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: '确认收到催办' }).count()).toBe(0);
    await screenshot(page, 'matter-phone-zh');
    expect(await fitsWidth(page)).toBe(true);
  });

  it('another unit’s manager gets a clear no-access page', async () => {
    const page = await b.newPage();
    await signIn(page, 'justiceManager');
    await page.goto(`/matters/${matter.id}`);
    await page.getByRole('heading', { name: '无权访问' }).waitFor();
    await page.getByText('该事项不属于您所在单位').waitFor();
    await page.getByRole('button', { name: '返回我的待办' }).waitFor();
    expect(await page.getByText('科研经费“包干制”改革试点').count()).toBe(0);
    await screenshot(page, 'no-access-zh');
    await page.goto('/no-such-page');
    await page.getByRole('heading', { name: '页面不存在' }).waitFor();
  });

  it('a concurrent change shows the 409 notice, names it, and keeps what was typed', async () => {
    const page = await b.newPage();
    await signIn(page, 'sticManager');
    await openMatter(page, matter);
    await page.getByRole('button', { name: '新增节点' }).click();
    await drawer(page).getByLabel('节点名称（中文）').fill('出台经费包干管理办法');
    await drawer(page)
      .getByRole('textbox', { name: /截止时间/ })
      .fill('2027-09-30 18:00');
    await drawer(page)
      .getByRole('textbox', { name: /截止时间/ })
      .press('Tab');
    // meanwhile someone else changes the matter
    const fresh = await b.system.world.get('sticManager', matter.id);
    const other = await b.system.world.api.http
      .post(`/api/v1/matters/${matter.id}/milestones`)
      .set({ Authorization: `Bearer ${b.system.world.token('sticManager')}`, 'If-Match': `"${fresh.version}"` })
      .send({ title: { zh: '开展中期评估' }, dueAt: '2027-06-30' });
    expect(other.status).toBe(201);
    await drawer(page).getByRole('button', { name: '新增节点' }).click();
    await drawer(page).getByText('该事项已被他人修改').waitFor();
    await drawer(page)
      .getByText(/发生变化的内容：.*节点/)
      .waitFor();
    expect(await drawer(page).getByLabel('节点名称（中文）').inputValue()).toBe('出台经费包干管理办法');
    await screenshot(page, 'conflict-zh');
    // having seen the change, the second try is made against the latest version and goes through
    await drawer(page).getByRole('button', { name: '新增节点' }).click();
    await page.getByText('已办理：新增节点').waitFor();
    await page.getByRole('cell', { name: '出台经费包干管理办法', exact: true }).waitFor();
  });

  it('switches the language to English and back, remembered on the account', async () => {
    const page = await b.newPage();
    await signIn(page, 'sticManager');
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '切换为英文界面' }).click();
    await page.getByRole('heading', { name: 'My tasks' }).waitFor();
    await screenshot(page, 'inbox-en');
    await page.reload();
    await page.getByRole('heading', { name: 'My tasks' }).waitFor();
    await openMatter(page, matter);
    await page.getByRole('heading', { name: 'Lump-sum research funding pilot' }).waitFor();
    await page.getByText('In implementation').first().waitFor();
    await screenshot(page, 'matter-en');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByRole('heading', { name: '科研经费“包干制”改革试点' }).waitFor();
  });

  it('works at phone width: the inbox as cards, the matter page without sideways scrolling', async () => {
    const page = await b.newPage({ viewport: PHONE });
    await signIn(page, 'sticManager');
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    await page.getByRole('button', { name: '打开导航菜单' }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'inbox-phone-zh');
    await openMatter(page, matter);
    expect(await fitsWidth(page)).toBe(true);
    await page.getByRole('button', { name: '切换为英文界面' }).click();
    await page.getByRole('heading', { name: 'Lump-sum research funding pilot' }).waitFor();
    await screenshot(page, 'matter-phone-en');
    expect(await fitsWidth(page)).toBe(true);
    await page.goto('/inbox');
    await page.getByRole('heading', { name: 'My tasks' }).waitFor();
    await screenshot(page, 'inbox-phone-en');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
  });
});
