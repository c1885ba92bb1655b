import type { Page } from 'playwright-core';
import { pollUntil } from '../support/poll.js';
import {
  type BrowserSystem,
  type MatterBody,
  axeViolations,
  openMatter,
  screenshot,
  signIn,
  startBrowserSystem,
} from '../support/browser.js';

/**
 * 领导批示 in Chromium: the reform office records a leader's instruction on the matter page; the
 * leading unit's manager finds it first in the inbox and reports how it was carried out; the
 * office finds the 销号 first in its inbox and closes it; the card and the timeline say so.
 */
let b: BrowserSystem;
let matter: MatterBody;

const dialog = (page: Page) => page.getByRole('dialog');
const TEXT = '请科技局牵头抓紧推进薪酬制度改革，月底前报送落实情况。';

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

describe('领导批示 on the matter page', () => {
  it('the reform office records a leader’s instruction, each rule on its field', async () => {
    const page = await b.newPage();
    await signIn(page, 'office');
    await openMatter(page, matter);
    const card = page.getByRole('region', { name: '领导批示' });
    await card.getByText('暂无领导批示').waitFor();
    await card.getByRole('button', { name: '登记领导批示' }).click();
    await page.waitForTimeout(600); // the drawer slides in
    await dialog(page).getByRole('button', { name: '登记领导批示' }).click();
    await dialog(page).getByText('请填写领导姓名').waitFor();
    await dialog(page).getByText('请填写批示内容').waitFor();
    await dialog(page).getByLabel('领导姓名').fill('张明');
    await dialog(page).getByLabel('领导职务（选填）').fill('市委书记');
    await dialog(page).getByLabel('批示内容').fill(TEXT);
    await dialog(page).getByRole('button', { name: '登记领导批示' }).click();
    const refused = dialog(page).getByRole('alert');
    await page.getByText('已办理：登记领导批示').or(refused).first().waitFor();
    if (await refused.count()) throw new Error(`the instruction was refused: ${(await refused.allInnerTexts()).join(' | ')}`);
    await card.getByText(TEXT).waitFor();
    await card.getByText('张明（市委书记）', { exact: false }).first().waitFor();
    await card.getByText('尚未报送').waitFor();
    const now = await b.system.world.get('office', matter.id);
    expect(now.instructions).toEqual([
      expect.objectContaining({ leaderName: '张明', leaderTitle: '市委书记', text: TEXT, dueGiven: false }),
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'instructions-card-office');
    await page.close();
  });

  it('the leading unit’s manager finds it first in the inbox and reports how it was carried out', async () => {
    const page = await b.newPage();
    await signIn(page, 'sticManager');
    await page.goto('/inbox');
    const first = page.getByRole('row').nth(1);
    await first.getByText('批示', { exact: true }).waitFor();
    await first.getByRole('link', { name: '报送批示落实情况' }).click();
    await dialog(page).getByLabel('落实情况').waitFor();
    await dialog(page).getByText(TEXT).waitFor();
    await page.waitForTimeout(600);
    await dialog(page).getByRole('button', { name: '报送批示落实情况' }).click();
    await dialog(page).getByText('请填写落实情况').waitFor();
    await dialog(page).getByLabel('落实情况').fill('已召开专题会议研究部署，形成薪酬制度改革工作方案。');
    await dialog(page).getByRole('textbox', { name: '佐证链接' }).fill('https://www.sz.gov.cn/plan/2026-12');
    await dialog(page).getByRole('button', { name: '报送批示落实情况' }).click();
    const refused = dialog(page).getByRole('alert');
    await page.getByText('已办理：报送批示落实情况').or(refused).first().waitFor();
    if (await refused.count()) throw new Error(`the report was refused: ${(await refused.allInnerTexts()).join(' | ')}`);
    await pollUntil(
      () => b.system.world.get('office', matter.id),
      (m) => m.instructions[0]?.reports.length === 1,
      { what: 'the report on the instruction' },
    );
    await page.close();
  });

  it('the office finds the 销号 first in its inbox, closes it, and the matter says so', async () => {
    const page = await b.newPage();
    await signIn(page, 'office');
    await page.goto('/inbox');
    const first = page.getByRole('row').nth(1);
    await first.getByText('批示', { exact: true }).waitFor();
    await first.getByRole('link', { name: '批示销号' }).click();
    await dialog(page).getByLabel('销号意见（选填）').waitFor();
    await page.waitForTimeout(600);
    await dialog(page).getByLabel('销号意见（选填）').fill('落实到位，予以销号。');
    await dialog(page).getByRole('button', { name: '批示销号' }).click();
    const refused = dialog(page).getByRole('alert');
    await page.getByText('已办理：批示销号').or(refused).first().waitFor();
    if (await refused.count()) throw new Error(`the closing was refused: ${(await refused.allInnerTexts()).join(' | ')}`);
    const card = page.getByRole('region', { name: '领导批示' });
    await card.getByText('已销号').waitFor();
    await card.getByText('落实到位，予以销号。', { exact: false }).waitFor();
    await card.getByRole('link', { name: 'https://www.sz.gov.cn/plan/2026-12' }).waitFor();
    await page.getByRole('tab', { name: /办理记录/ }).click();
    await page.getByText('对张明（市委书记）批示予以销号', { exact: false }).waitFor();
    await page.getByText('登记张明（市委书记）批示', { exact: false }).waitFor();
    await page.close();
  });
});
