import type { Page } from 'playwright-core';
import { pollUntil } from '../support/poll.js';
import {
  type BrowserSystem,
  type MatterBody,
  axeViolations,
  choose,
  openMatter,
  screenshot,
  signIn,
  startBrowserSystem,
} from '../support/browser.js';

/**
 * 三色督办单 in Chromium: the reform office issues a red supervision order on the matter page
 * (the colour and the requirement required on their fields); the leading unit's manager finds it
 * in the inbox tagged 红色督办单 and acknowledges it (签收); the office closes it (销号) from its
 * inbox; the card and the timeline say so.
 */
let b: BrowserSystem;
let matter: MatterBody;

const dialog = (page: Page) => page.getByRole('dialog');
const REQUIREMENT = '请于限期内完成首批试点并报送整改情况。';

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

describe('三色督办单 on the matter page', () => {
  it('the reform office issues a red order, each rule on its field', async () => {
    const page = await b.newPage();
    await signIn(page, 'office');
    await openMatter(page, matter);
    const card = page.getByRole('region', { name: '督办单' });
    await card.getByText('暂无督办单').waitFor();
    await card.getByRole('button', { name: '下发督办单' }).click();
    await page.waitForTimeout(600); // the drawer slides in
    await dialog(page).getByRole('button', { name: '下发督办单' }).click();
    await dialog(page).getByText('请选择督办单颜色').waitFor();
    await dialog(page).getByText('请填写督办要求').waitFor();
    await choose(page, '颜色', '红色督办单（已逾期）', dialog(page));
    await dialog(page).getByLabel('督办要求').fill(REQUIREMENT);
    await dialog(page).getByRole('button', { name: '下发督办单' }).click();
    const refused = dialog(page).getByRole('alert');
    await page.getByText('已办理：下发督办单').or(refused).first().waitFor();
    if (await refused.count()) throw new Error(`the order was refused: ${(await refused.allInnerTexts()).join(' | ')}`);
    await card.getByText(REQUIREMENT).waitFor();
    await card.getByText('红色督办单').first().waitFor();
    await card.getByText('待签收').waitFor();
    const now = await b.system.world.get('office', matter.id);
    expect(now.supervisionOrders).toEqual([expect.objectContaining({ colour: 'red', requirement: REQUIREMENT, dueGiven: false })]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'supervision-orders-card-office');
    await page.close();
  });

  it('the leading unit’s manager finds it in the inbox tagged red and acknowledges it', async () => {
    const page = await b.newPage();
    await signIn(page, 'sticManager');
    await page.goto('/inbox');
    const row = page.getByRole('row').filter({ hasText: '红色督办单' }).first();
    await row.getByRole('link', { name: '签收督办单' }).click();
    await dialog(page).getByText(REQUIREMENT).waitFor();
    await page.waitForTimeout(600);
    await dialog(page)
      .getByLabel(/回复|答复|说明/)
      .fill('已签收，正在整改。');
    await dialog(page).getByRole('button', { name: '签收督办单' }).click();
    const refused = dialog(page).getByRole('alert');
    await page.getByText('已办理：签收督办单').or(refused).first().waitFor();
    if (await refused.count()) throw new Error(`the acknowledgement was refused: ${(await refused.allInnerTexts()).join(' | ')}`);
    await pollUntil(
      () => b.system.world.get('office', matter.id),
      (m) => m.supervisionOrders[0]?.acknowledgedAt !== null,
      { what: 'the acknowledgement' },
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the office closes it from its inbox, and the matter says so', async () => {
    const page = await b.newPage();
    await signIn(page, 'office');
    await page.goto('/inbox');
    const row = page.getByRole('row').filter({ hasText: '待销号' }).first();
    await row.getByRole('link', { name: '督办单销号' }).click();
    await dialog(page).getByLabel('销号意见（选填）').waitFor();
    await page.waitForTimeout(600);
    await dialog(page).getByLabel('销号意见（选填）').fill('已整改到位，予以销号。');
    await dialog(page).getByRole('button', { name: '督办单销号' }).click();
    const refused = dialog(page).getByRole('alert');
    await page.getByText('已办理：督办单销号').or(refused).first().waitFor();
    if (await refused.count()) throw new Error(`the closing was refused: ${(await refused.allInnerTexts()).join(' | ')}`);
    const card = page.getByRole('region', { name: '督办单' });
    await card.getByText('已销号').waitFor();
    await card.getByText('已整改到位，予以销号。', { exact: false }).waitFor();
    await card.getByText('已签收，正在整改。', { exact: false }).waitFor();
    await page.getByRole('tab', { name: /办理记录/ }).click();
    await page.getByText('下发红色督办单', { exact: false }).waitFor();
    await page.getByText('对红色督办单予以销号', { exact: false }).waitFor();
    await page.close();
  });
});
