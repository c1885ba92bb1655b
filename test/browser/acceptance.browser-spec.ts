import type { Page } from 'playwright-core';
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
 * 签收 in Chromium, on the `acceptance` workflow (test/fixtures/workflows/acceptance.yaml: a
 * unit accepts within 6 s). The reform office has started the matter, so the leading unit's
 * manager finds 签收 in the inbox and accepts; the commerce bureau's manager (who reads
 * English) returns its part, the reason required on its field; the office resolves the return
 * from the matter page, giving the part to the justice bureau, its answer required.
 */
let b: BrowserSystem;
let matter: MatterBody;

const dialog = (page: Page) => page.getByRole('dialog');

beforeAll(async () => {
  b = await startBrowserSystem();
  const { world } = b.system;
  const batch = await b.system.api.http
    .post('/api/v1/batches')
    .set({ Authorization: `Bearer ${world.token('office')}` })
    .send({ code: 'SZ-ACCEPT-WEB', title: { zh: '签收测试批次' }, issuingAuthority: 'Test authority', workflow: 'acceptance' });
  expect(batch.status).toBe(201);
  let m = await world.draft({
    batchId: batch.body.id,
    title: { zh: '新型研发机构薪酬改革', en: 'Salary reform for R&D institutions' },
    participatingUnitIds: [world.units.commerce, world.units.justice],
    parts: [{ unitId: world.units.commerce, deliverable: { zh: '制定配套人才政策', en: 'Draft the talent measures' }, dueIn: 'P30D' }],
  });
  m = (await world.act('office', m, 'submit')).body;
  m = (await world.act('sticApprover', m, 'approve')).body;
  matter = (await world.act('office', m, 'start-implementation')).body;
});
afterEach(async () => {
  const shots = await b.closePages(`left-open ${expect.getState().currentTestName ?? ''}`);
  if (shots.length) console.log(`pages left open (a failed step?): ${shots.join(', ')}`);
});
afterAll(() => b?.close());

async function submitted(page: Page, done: string): Promise<void> {
  const refused = dialog(page).getByRole('alert');
  await page.getByText(done).or(refused).first().waitFor();
  if (await refused.count()) throw new Error(`refused: ${(await refused.allInnerTexts()).join(' | ')}`);
}

describe('签收 on the inbox and the matter page', () => {
  it('the leading unit’s manager finds 签收 in the inbox and accepts the matter with their words', async () => {
    const page = await b.newPage();
    await signIn(page, 'sticManager');
    await page.goto('/inbox');
    const row = page.getByRole('row').filter({ has: page.getByText('签收', { exact: true }) });
    await row.first().getByRole('link', { name: '签收' }).click();
    await dialog(page).getByLabel('签收意见').waitFor();
    await dialog(page).getByText('本事项（牵头单位）').waitFor();
    await page.waitForTimeout(600); // the drawer slides in
    await dialog(page).getByLabel('签收意见').fill('已签收，按计划推进。');
    await dialog(page).getByRole('button', { name: '签收', exact: true }).click();
    await submitted(page, '已办理：签收');
    const card = page.getByRole('region', { name: '签收' });
    await card.getByText('已签收', { exact: true }).waitFor();
    await card.getByText('已签收，按计划推进。', { exact: false }).waitFor();
    const now = await b.system.world.get('office', matter.id);
    expect(now.acceptance).toMatchObject({ acceptedBy: b.system.world.users.sticManager.id, comment: '已签收，按计划推进。' });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the participating unit’s manager returns its part, the reason required on its field', async () => {
    const page = await b.newPage();
    await signIn(page, 'commerceManager');
    await openMatter(page, matter);
    const card = page.getByRole('region', { name: 'Acceptance (签收)' });
    await card.getByText('Draft the talent measures').waitFor();
    await card.getByRole('button', { name: /^Return/ }).click();
    await page.waitForTimeout(600);
    await dialog(page).getByRole('button', { name: 'Return', exact: true }).click();
    await dialog(page).getByText("Say why it goes back, for example that it is not your unit's to do").waitFor();
    await dialog(page).getByLabel('Reason for returning').fill('该项属司法局职责');
    await dialog(page).getByRole('button', { name: 'Return', exact: true }).click();
    await submitted(page, 'Done: Return');
    await card.getByText('Returned, awaiting the office').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the reform office gives the returned part to the justice bureau, its answer required, and the timeline says so', async () => {
    const page = await b.newPage();
    await signIn(page, 'office');
    await openMatter(page, matter);
    const card = page.getByRole('region', { name: '签收' });
    await card.getByText('已退回，待改革办处理').waitFor();
    await card.getByText('该项属司法局职责', { exact: false }).waitFor();
    await card.getByRole('button', { name: /^处理退回/ }).click();
    await page.waitForTimeout(600);
    await dialog(page).getByText('改由其他单位承办').click();
    await dialog(page).getByRole('button', { name: '处理退回', exact: true }).click();
    await dialog(page).getByText('请选择承办单位').waitFor();
    await dialog(page).getByText('请填写给单位的处理意见').waitFor();
    await choose(page, '改由单位', '深圳市司法局', dialog(page));
    await dialog(page).getByLabel('处理意见').fill('经研究，改由司法局承担。');
    await screenshot(page, 'acceptance-resolve-office');
    await dialog(page).getByRole('button', { name: '处理退回', exact: true }).click();
    await submitted(page, '已办理：处理退回');
    await card.getByText('深圳市司法局', { exact: false }).first().waitFor();
    // judged once the drawer is closed: an antd dropdown that has been open leaves its option list unnamed in the page
    expect(await axeViolations(page)).toEqual([]);
    const now = await b.system.world.get('office', matter.id);
    expect(now.parts[0]).toMatchObject({
      unitId: b.system.world.units.justice,
      acceptance: { unitId: b.system.world.units.justice, acceptedAt: null },
    });
    await page.getByRole('tab', { name: /办理记录/ }).click();
    await page.getByText('退回改革办', { exact: false }).first().waitFor();
    await page.getByText('经研究，改由司法局承担。').waitFor();
    await page.close();
  });
});
