import { expectStatus } from '../support/api-world.js';
import {
  type BrowserSystem,
  PHONE,
  type Who,
  axeViolations,
  fitsWidth,
  screenshot,
  signIn,
  startBrowserSystem,
} from '../support/browser.js';

/**
 * 情况通报 in Chromium: the reform office reads the draft of a period with a unit named for an
 * overdue milestone, issues it after a confirmation naming its number, lands on the issued
 * bulletin; the named unit's manager reads it from the menu, on a phone too.
 */
let b: BrowserSystem;

beforeAll(async () => {
  b = await startBrowserSystem();
});
afterAll(() => b?.close());

async function signedIn(who: Who, options: Parameters<BrowserSystem['newPage']>[0] = {}) {
  const page = await b.newPage(options);
  await signIn(page, who);
  return page;
}

describe('bulletins page (情况通报)', () => {
  it('lets the reform office issue a bulletin naming the unit behind, which its manager then reads', async () => {
    const w = b.system.world;
    let m = await w.draft({
      title: { zh: '科研项目经费包干制试点', en: 'Lump-sum research funding pilot' },
      milestones: [{ title: { zh: '出台包干制实施细则', en: 'Issue the lump-sum rules' }, dueIn: 'PT1S' }],
    });
    m = expectStatus(await w.act('sticManager', m, 'submit'));
    while (m.stage === 'in_approval') m = expectStatus(await w.act('sticApprover', m, 'approve', {}));
    expectStatus(await w.act('sticManager', m, 'start-implementation'));
    await new Promise((r) => setTimeout(r, 1_500));

    const page = await signedIn('office');
    // today in Beijing, the report zone (late in the UTC day it is already tomorrow there)
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await page.goto(`/bulletins?from=2020-01-01&to=${today}`);
    const draft = page.getByRole('region', { name: '下一期通报（草稿）' });
    const named = draft.getByRole('region', { name: '存在逾期节点的单位' });
    await named.getByText('出台包干制实施细则').waitFor();
    await named.getByRole('link', { name: '科研项目经费包干制试点' }).waitFor();
    await page.getByText('尚未印发情况通报').waitFor();
    await screenshot(page, 'bulletin-draft');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: '印发第 1 期通报' }).click();
    const dialog = page.getByRole('dialog', { name: '印发第 1 期情况通报' });
    await dialog.getByText(/编为第 1 期印发，点名通报 1 个存在逾期节点的单位/).waitFor();
    await dialog.getByRole('button', { name: '确认印发' }).click();
    await page.waitForURL((u) => u.pathname === '/bulletins/1');
    await page.getByText('第 1 期情况通报已印发').waitFor();
    await page.getByRole('heading', { level: 1, name: '深圳综合改革试点推进情况通报（第1期）' }).waitFor();
    const pdf = await page.request.get('/api/v1/bulletins/1?format=pdf&lang=zh-CN');
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await page.getByRole('link', { name: '下载 第 1 期 PDF' }).getAttribute('href')).toBe(
      '/api/v1/bulletins/1?format=pdf&lang=zh-CN',
    );
    await page.close();

    // the named unit's manager, on a phone: from the menu to the issued bulletin, the unit named in it
    const phone = await signedIn('sticManager', { viewport: PHONE });
    await phone.goto('/bulletins');
    await phone.getByRole('link', { name: '第 1 期', exact: true }).click();
    await phone.waitForURL((u) => u.pathname === '/bulletins/1');
    const region = phone.getByRole('region', { name: '存在逾期节点的单位' });
    await region.getByText('点名').first().waitFor();
    await region.getByText('出台包干制实施细则').waitFor();
    // a manager drafts and issues nothing
    expect(await phone.getByRole('button', { name: /印发/ }).count()).toBe(0);
    expect(await fitsWidth(phone)).toBe(true);
    await screenshot(phone, 'bulletin-issued-phone');
    await phone.close();
  });
});
