import type { Page } from 'playwright-core';
import { pollUntil } from '../support/poll.js';
import {
  type BrowserSystem,
  type MatterBody,
  PHONE,
  choose,
  fitsWidth,
  openMatter,
  screenshot,
  signIn,
  startBrowserSystem,
} from '../support/browser.js';

/**
 * Work that changes hands, in Chromium: the reform office hands a matter to another manager
 * (移交负责人) from the matter page, and urges several overdue matters at once (批量催办)
 * from the matters list. The timers workflow makes a draft overdue after 3 seconds.
 */
let b: BrowserSystem;
let overdue: MatterBody[];
let approved: MatterBody;
let manager2Id: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dialog = (page: Page) => page.getByRole('dialog');

beforeAll(async () => {
  b = await startBrowserSystem();
  const { world } = b.system;
  manager2Id = (await world.addUser('chenjing@reformflow.test', 'stic', ['manager'], '陈静')).id;
  overdue = [
    await world.draft({ title: { zh: '科技金融结合试点', en: 'Science and finance pilot' }, milestones: [] }),
    await world.draft({ title: { zh: '知识产权证券化试点', en: 'IP securitisation pilot' }, milestones: [] }),
  ];
  let m = await world.draft({ title: { zh: '新型研发机构薪酬改革', en: 'Salary reform for R&D institutions' } });
  m = (await world.act('office', m, 'submit')).body;
  approved = (await world.act('sticApprover', m, 'approve')).body;
  await sleep(3_300); // the two drafts are overdue now
});
afterEach(async () => {
  const shots = await b.closePages(`left-open ${expect.getState().currentTestName ?? ''}`);
  if (shots.length) console.log(`pages left open (a failed step?): ${shots.join(', ')}`);
});
afterAll(() => b?.close());

describe('批量催办 from the matters list', () => {
  it('selects two overdue matters, asks for the message on its field, and sends one notice to each', async () => {
    const page = await b.newPage();
    await signIn(page, 'office');
    await page.goto('/matters?overdue=true');
    await page.getByRole('heading', { name: '事项清单' }).waitFor();
    await page.getByText('共 2 项').waitFor();
    const button = page.getByRole('button', { name: /批量催办/ });
    expect(await button.isDisabled()).toBe(true);
    for (const m of overdue) await page.getByRole('checkbox', { name: m.code, exact: true }).check();
    await page.getByRole('button', { name: '批量催办（2）' }).click();
    await dialog(page).getByText(`${overdue[0].code}、${overdue[1].code}`).waitFor();
    // no message: the rule shows on the field, nothing is sent
    await dialog(page).getByRole('button', { name: '发送 2 份催办' }).click();
    await dialog(page).getByText('请填写催办内容').waitFor();
    await dialog(page).getByLabel('催办内容').fill('请于本周五前报送延误原因和整改措施。');
    await dialog(page).getByRole('button', { name: '发送 2 份催办' }).click();
    await page.getByText('已向 2 个事项发出催办').waitFor();
    for (const m of overdue) {
      const now = await b.system.world.get('office', m.id);
      expect(now.urgeNotices.map((n: { message: string }) => n.message)).toEqual(['请于本周五前报送延误原因和整改措施。']);
    }
    await page.close();
  });

  it('names the matter that could not be urged and sends none', async () => {
    const page = await b.newPage();
    await signIn(page, 'office');
    await page.goto('/matters?overdue=true');
    await page.getByText('共 2 项').waitFor();
    for (const m of overdue) await page.getByRole('checkbox', { name: m.code, exact: true }).check();
    // meanwhile someone else changes the second matter
    const second = await b.system.world.get('office', overdue[1].id);
    expect((await b.system.world.act('office', second, 'urge-notices', { message: '另行催办' })).status).toBe(201);
    const before = (await b.system.world.get('office', overdue[0].id)).urgeNotices.length;
    await page.getByRole('button', { name: '批量催办（2）' }).click();
    await dialog(page).getByLabel('催办内容').fill('请加快推进。');
    await dialog(page).getByRole('button', { name: '发送 2 份催办' }).click();
    await dialog(page)
      .getByText(new RegExp(`${overdue[1].code}:`))
      .waitFor();
    await dialog(page).getByText('未发送任何催办').waitFor();
    expect((await b.system.world.get('office', overdue[0].id)).urgeNotices.length).toBe(before);
    await page.close();
  });
});

describe('移交负责人 on the matter page', () => {
  it('hands the matter to another manager of its leading unit, with a reason, and the timeline says so', async () => {
    const page = await b.newPage();
    await signIn(page, 'office');
    await openMatter(page, approved);
    await page.getByRole('button', { name: '移交负责人' }).click();
    await page.waitForTimeout(600); // the drawer slides in
    // the reason is required
    await dialog(page).getByRole('button', { name: '移交负责人' }).click();
    await dialog(page).getByText('请选择新负责人').waitFor();
    await dialog(page).getByText('请填写原因').waitFor();
    await choose(page, '新负责人', '陈静', dialog(page));
    await dialog(page).getByLabel('移交原因').fill('王磊同志工作调整');
    // the rules are met: their messages go (antd lets them fade out)
    await dialog(page).getByText('请选择新负责人').waitFor({ state: 'detached' });
    await dialog(page).getByText('请填写原因').waitFor({ state: 'detached' });
    await dialog(page).getByRole('button', { name: '移交负责人' }).click();
    // done, or a refusal in the drawer (a field's rule, a problem from the API): say which
    const refused = dialog(page).getByRole('alert');
    await page.getByText('已办理：移交负责人').or(refused).first().waitFor();
    if (await refused.count()) throw new Error(`the handover was refused: ${(await refused.allInnerTexts()).join(' | ')}`);
    await pollUntil(
      () => b.system.world.get('office', approved.id),
      (m) => m.managerId === manager2Id,
      { what: 'the new manager' },
    );
    await page.getByRole('tab', { name: /办理记录/ }).click();
    await page.getByText('将事项由 sticManager 移交给 陈静 负责').waitFor();
    await page.getByText('王磊同志工作调整').waitFor();
    await page.close();
  });
});

describe('on a phone', () => {
  it('the 批量催办 modal and the 移交负责人 drawer fit the screen, nothing cut off sideways', async () => {
    const page = await b.newPage({ viewport: PHONE });
    await signIn(page, 'office');
    // the dashboard's link preselects the overdue matters
    await page.goto('/matters?overdue=true&select=overdue');
    await page.getByRole('button', { name: /^批量催办（\d+）$/ }).click();
    await dialog(page).getByLabel('催办内容').waitFor();
    await page.waitForTimeout(400); // the modal zooms in
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'bulk-urge-phone');
    await dialog(page)
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await dialog(page).waitFor({ state: 'hidden' });

    await openMatter(page, approved);
    await page.getByRole('button', { name: '移交负责人' }).click();
    await dialog(page).getByLabel('移交原因').waitFor();
    await page.waitForTimeout(600); // the drawer slides in
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'handover-drawer-phone');
    await page.close();
  });
});
