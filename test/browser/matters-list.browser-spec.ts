import { pollUntil } from '../support/poll.js';
import { type BrowserSystem, type Who, axeViolations, screenshot, signIn, startBrowserSystem } from '../support/browser.js';

/** 事项清单 in Chromium: filters and sort live in the URL, survive a reload, and the back button undoes them. */
let b: BrowserSystem;

beforeAll(async () => {
  b = await startBrowserSystem();
  const { world } = b.system;
  await world.draft({ title: { zh: '科技金融结合试点', en: 'Science and finance pilot' } });
  await world.draft({ title: { zh: '知识产权证券化试点', en: 'IP securitisation pilot' } });
  await world.draft({
    title: { zh: '跨境贸易便利化', en: 'Cross-border trade facilitation' },
    leadingUnitId: world.units.commerce,
    participatingUnitIds: [world.units.stic],
    managerId: world.users.commerceManager.id,
  });
  const m = await world.draft({ title: { zh: '知识产权快速维权中心', en: 'IP rapid protection centre' } });
  const res = await world.act('sticManager', m, 'submit');
  if (res.status !== 200) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
});
afterAll(() => b?.close());

/** A fresh browser profile, signed in through the form. */
async function signedIn(who: Who) {
  const page = await b.newPage();
  await signIn(page, who);
  return page;
}

const codes = async (page: import('playwright-core').Page) =>
  (
    await page
      .getByRole('row')
      .getByRole('link', { name: /^T-\d+$/ })
      .allInnerTexts()
  ).map((s) => s.trim());

describe('matters list', () => {
  it('keeps filters and sort in the URL: shared, reloaded and undone with the back button', async () => {
    const page = await signedIn('office');
    await page.goto('/matters');
    await page.getByRole('heading', { name: '事项清单' }).waitFor();
    await page.getByText('共 4 项').waitFor();

    // stage: 草拟 (typed and chosen by keyboard)
    await page.getByRole('combobox', { name: '阶段' }).fill('草拟');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => u.searchParams.get('stage') === 'draft');
    await page.getByText('共 3 项').waitFor();

    // free text
    await page.getByLabel('关键词').fill('知识产权');
    await page.getByLabel('关键词').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === '知识产权' && u.searchParams.get('stage') === 'draft');
    await page.getByText('共 1 项').waitFor();
    await page.getByRole('link', { name: '知识产权证券化试点' }).waitFor();

    // leading unit
    await page.getByLabel('关键词').fill('');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.waitForURL((u) => !u.searchParams.has('q'));
    await page.getByRole('combobox', { name: '牵头单位' }).fill('SZ-COMMERCE');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('leadingUnitId') === b.system.world.units.commerce);
    await page.getByText('共 1 项').waitFor();
    await page.getByRole('link', { name: '跨境贸易便利化' }).waitFor();
    await screenshot(page, 'matters-list-filtered');
    const shared = page.url();

    // the same URL in a fresh page shows the same list and the same filters
    const other = await signedIn('office');
    await other.goto(shared);
    await other.getByRole('link', { name: '跨境贸易便利化' }).waitFor();
    await other.getByText('共 1 项').waitFor();
    await other.close();

    // the back button undoes the last filter
    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('leadingUnitId') && u.searchParams.get('stage') === 'draft');
    await page.getByText('共 3 项').waitFor();

    // sort by code, both ways, kept across a reload
    await page.getByRole('columnheader', { name: /事项编号/ }).click();
    await page.waitForURL((u) => u.searchParams.get('sort') === 'code');
    const sorted = (list: string[]) => list.length === 3 && list.join() === [...list].sort().join();
    const ascending = await pollUntil(() => codes(page), sorted, { what: 'the rows in code order' });
    expect(ascending).toEqual(['T-001', 'T-002', 'T-003']);
    await page.getByRole('columnheader', { name: /事项编号/ }).click();
    await page.waitForURL((u) => u.searchParams.get('sort') === '-code');
    await page.reload();
    await page.getByText('共 3 项').waitFor();
    expect(
      await pollUntil(
        () => codes(page),
        (list) => list.length === 3,
        { what: 'the rows' },
      ),
    ).toEqual(['T-003', 'T-002', 'T-001']);
    expect(await axeViolations(page)).toEqual([]);

    // each row opens its matter
    await page.getByRole('link', { name: ascending[0], exact: true }).click();
    await page.waitForURL((u) => /^\/matters\/[0-9a-f-]{36}$/.test(u.pathname));
    await page.close();
  });

  it('offers the filtered list as CSV with the same filters', async () => {
    const page = await signedIn('office');
    await page.goto('/matters?stage=draft&q=%E7%9F%A5%E8%AF%86%E4%BA%A7%E6%9D%83');
    await page.getByText('共 1 项').waitFor();
    const href = await page.getByRole('link', { name: /导出 CSV/ }).getAttribute('href');
    expect(href).toContain('format=csv');
    expect(href).toContain('stage=draft');
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text).toContain('知识产权证券化试点');
    expect(text).not.toContain('跨境贸易便利化');
    await page.close();
  });
});
