import type { MatterBody } from '../support/api-world.js';
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
 * 工作台 in Chromium: the figures of the progress report, each a link to the filtered list
 * behind it; a manager sees the same for their own unit only.
 */
let b: BrowserSystem;
let submitted: MatterBody;

beforeAll(async () => {
  b = await startBrowserSystem();
  const { world } = b.system;
  await world.draft({ title: { zh: '科技金融结合试点', en: 'Science and finance pilot' } });
  await world.draft({
    title: { zh: '跨境贸易便利化', en: 'Cross-border trade facilitation' },
    leadingUnitId: world.units.commerce,
    participatingUnitIds: [world.units.stic],
    managerId: world.users.commerceManager.id,
  });
  const m = await world.draft({ title: { zh: '新型研发机构市场化薪酬', en: 'Salary management, new-type R&D institutions' } });
  const res = await world.act('sticManager', m, 'submit');
  if (res.status !== 200) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  submitted = res.body;
});
afterAll(() => b?.close());

/** A fresh browser profile, signed in through the form. */
async function signedIn(who: Who) {
  const page = await b.newPage();
  await signIn(page, who);
  return page;
}

describe('dashboard', () => {
  it('shows the seeded figures by stage, and a click on one opens the list behind it', async () => {
    const page = await signedIn('office');
    await page.goto('/dashboard');
    await page.getByRole('heading', { name: '工作台' }).waitFor();

    await page.getByRole('link', { name: '事项总数 3' }).waitFor();
    await page.getByRole('link', { name: '草拟 2' }).waitFor();
    // delivery status in words (and icons), not colour alone, each a link to the list filtered on it
    for (const word of ['正常推进', '存在风险', '进度滞后'])
      await page
        .getByRole('link', { name: new RegExp(`^${word} \\d+$`) })
        .first()
        .waitFor();
    await page.getByRole('heading', { name: '各牵头单位按期完成率' }).waitFor();
    await screenshot(page, 'dashboard-office-zh');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: '审批中 1' }).click();
    await page.waitForURL((u) => u.pathname === '/matters' && u.searchParams.get('stage') === 'in_approval');
    await page.getByRole('heading', { name: '事项清单' }).waitFor();
    await page.getByRole('link', { name: submitted.code, exact: true }).waitFor();
    await page.getByText('共 1 项').waitFor();

    // the on-track figure opens the list filtered on that status (the seconds-long drafts may have turned
    // off track meanwhile: the submitted matter, due in an hour, stays on track)
    await page.goBack();
    await page
      .getByRole('link', { name: /^正常推进 \d+$/ })
      .first()
      .click();
    await page.waitForURL((u) => u.pathname === '/matters' && u.searchParams.get('deliveryStatus') === 'on_track');
    await page.getByRole('link', { name: submitted.code, exact: true }).waitFor();
    // the page shows what the API's filter gives at this moment
    const api = (await (await page.request.get('/api/v1/matters?deliveryStatus=on_track')).json()) as { total: number };
    await page.getByText(`共 ${api.total} 项`).waitFor();
    expect(await page.getByRole('combobox', { name: '推进状态' }).count()).toBe(1);

    // a leading unit's row opens that unit's matters
    await page.goBack();
    await page.getByRole('link', { name: '深圳市商务局', exact: true }).first().click();
    await page.waitForURL((u) => u.searchParams.get('leadingUnitId') === b.system.world.units.commerce);
    await page.getByText('跨境贸易便利化').waitFor();
    await page.getByText('共 1 项').waitFor();
    await page.close();
  });

  it("gives a manager the figures of their own unit's matters only", async () => {
    const page = await signedIn('sticManager');
    await page.goto('/dashboard');
    await page.getByText('深圳市科技创新局牵头事项推进情况').waitFor();
    await page.getByRole('link', { name: '事项总数 2' }).waitFor();
    await page.getByRole('link', { name: '事项总数 2' }).click();
    await page.waitForURL((u) => u.searchParams.get('leadingUnitId') === b.system.world.units.stic);
    await page.getByText('共 2 项').waitFor();
    await page.close();
  });

  it('reads in English on a phone, nothing cut off sideways', async () => {
    const page = await b.newPage({ viewport: PHONE, locale: 'en' });
    await signIn(page, 'commerceManager'); // an English-speaking manager
    await page.goto('/dashboard');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByText('Progress of the matters Shenzhen Municipal Commerce Bureau leads').waitFor();
    await page.getByRole('link', { name: 'Matters 1', exact: true }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'dashboard-manager-en-phone');
    await page.close();
  });
});
