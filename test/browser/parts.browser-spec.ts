import type { Page } from 'playwright-core';
import { pollUntil } from '../support/poll.js';
import {
  type BrowserSystem,
  type MatterBody,
  PHONE,
  axeViolations,
  choose,
  fitsWidth,
  openMatter,
  screenshot,
  signIn,
  startBrowserSystem,
} from '../support/browser.js';

/**
 * 配合单位分工 in Chromium: the reform office gives the participating unit its part from the
 * matter's plan tab; that unit's manager finds it in their inbox, reports on it and marks it
 * done; the leading unit sees the part's state and the report on the matter.
 */
let b: BrowserSystem;
let matter: MatterBody;

const dialog = (page: Page) => page.getByRole('dialog');

beforeAll(async () => {
  b = await startBrowserSystem();
  const { world } = b.system;
  let m = await world.draft({ title: { zh: '新型研发机构薪酬改革', en: 'Salary reform for R&D institutions' } });
  m = (await world.act('office', m, 'submit')).body;
  matter = (await world.act('sticApprover', m, 'approve')).body;
});
afterEach(async () => {
  const shots = await b.closePages(`left-open ${expect.getState().currentTestName ?? ''}`);
  if (shots.length) console.log(`pages left open (a failed step?): ${shots.join(', ')}`);
});
afterAll(() => b?.close());

describe('配合单位分工 on the matter page', () => {
  it('the reform office gives the participating unit its part, each rule on its field', async () => {
    const page = await b.newPage();
    await signIn(page, 'office');
    await openMatter(page, matter);
    const card = page.getByRole('region', { name: '配合单位分工' });
    await card.getByText('尚未向配合单位分配分工').waitFor();
    await card.getByRole('button', { name: '分配分工' }).click();
    await page.waitForTimeout(600); // the drawer slides in
    await dialog(page).getByRole('button', { name: '分配分工' }).click();
    await dialog(page).getByText('请填写分工任务').waitFor();
    await dialog(page).getByText('请选择截止时间').waitFor();
    // the one participating unit is chosen already; the contact is one of its people
    await dialog(page).getByText('深圳市商务局').first().waitFor();
    await dialog(page).getByLabel('分工任务（中文）').fill('制定新型研发机构人才引进配套政策');
    const due = dialog(page).getByRole('textbox', { name: /截止时间/ });
    await due.click();
    await due.fill('2027-06-30 18:00');
    await due.press('Tab');
    await choose(page, '联系人', 'commerceApprover', dialog(page));
    await dialog(page).getByRole('button', { name: '分配分工' }).click();
    const refused = dialog(page).getByRole('alert');
    await page.getByText('已办理：分配分工').or(refused).first().waitFor();
    if (await refused.count()) throw new Error(`the part was refused: ${(await refused.allInnerTexts()).join(' | ')}`);
    await card.getByText('制定新型研发机构人才引进配套政策').waitFor();
    await card.getByText('commerceApprover').waitFor();
    await card.getByText('尚未报送').waitFor();
    const now = await b.system.world.get('office', matter.id);
    expect(now.parts).toEqual([
      expect.objectContaining({
        unitId: b.system.world.units.commerce,
        contactId: b.system.world.users.commerceApprover.id,
        dueAt: '2027-06-30T10:00:00.000Z',
      }),
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'parts-card-office');
    await page.close();
  });

  it("the unit's contact reports on the part from the inbox and marks it done; the matter shows it", async () => {
    const page = await b.newPage();
    await signIn(page, 'commerceApprover');
    await page.goto('/inbox');
    const row = page.getByRole('row').filter({ hasText: '制定新型研发机构人才引进配套政策' });
    await row.getByText('分工', { exact: true }).waitFor();
    await row.getByRole('link', { name: '报送分工落实情况' }).click();
    await dialog(page).getByLabel('落实情况').waitFor();
    await page.waitForTimeout(600);
    // a report without its words is refused on its field
    await dialog(page).getByRole('button', { name: '报送分工落实情况' }).click();
    await dialog(page).getByText('请填写落实情况').waitFor();
    await dialog(page).getByLabel('落实情况').fill('已起草配套政策初稿，完成征求意见并报市政府常务会议审议通过。');
    await dialog(page).getByRole('textbox', { name: '佐证链接' }).fill('https://www.sz.gov.cn/policy/2027-06');
    await dialog(page).getByRole('checkbox', { name: '分工任务已完成' }).check();
    await dialog(page).getByRole('button', { name: '报送分工落实情况' }).click();
    const refused = dialog(page).getByRole('alert');
    await page.getByText('已办理：报送分工落实情况').or(refused).first().waitFor();
    if (await refused.count()) throw new Error(`the report was refused: ${(await refused.allInnerTexts()).join(' | ')}`);
    await pollUntil(
      () => b.system.world.get('office', matter.id),
      (m) => m.parts[0]?.completedAt !== null,
      { what: 'the part marked done' },
    );
    await page.close();

    const office = await b.newPage();
    await signIn(office, 'office');
    await openMatter(office, matter);
    const card = office.getByRole('region', { name: '配合单位分工' });
    await card.getByText('已完成').waitFor();
    await card.getByText('已起草配套政策初稿', { exact: false }).waitFor();
    await card.getByRole('link', { name: 'https://www.sz.gov.cn/policy/2027-06' }).waitFor();
    await office.getByRole('tab', { name: /办理记录/ }).click();
    await office.getByText('commerceApprover 报送分工“制定新型研发机构人才引进配套政策”已完成').waitFor();
    await office.close();
  });

  it('reads in English on a phone for the participating unit, nothing cut off sideways', async () => {
    const page = await b.newPage({ viewport: PHONE, locale: 'en' });
    await signIn(page, 'commerceManager'); // an English-speaking manager of the participating unit
    await openMatter(page, matter);
    const card = page.getByRole('region', { name: "Participating units' parts" });
    await card.getByText('Completed', { exact: true }).waitFor();
    await card.getByText('Shenzhen Municipal Commerce Bureau').waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'parts-card-phone-en');
    await page.close();
  });
});
