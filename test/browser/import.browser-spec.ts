import { readFileSync } from 'node:fs';
import { type BrowserSystem, type Who, axeViolations, screenshot, signIn, startBrowserSystem } from '../support/browser.js';

/**
 * 批量导入 in Chromium: a file with bad rows shows every row error in a table and writes
 * nothing; a good file shows the new batch and links to its draft matters.
 */
let b: BrowserSystem;

beforeAll(async () => {
  b = await startBrowserSystem();
});
afterAll(() => b?.close());

/** A fresh browser profile, signed in through the form. */
async function signedIn(who: Who) {
  const page = await b.newPage();
  await signIn(page, who);
  return page;
}

const FIXTURES = 'test/fixtures/import';

describe('batch import page', () => {
  it('shows the row errors of a bad CSV as a table (行, 字段, 规则, 说明) and writes nothing', async () => {
    const page = await signedIn('office');
    const before = await b.system.api.footprint();
    await page.goto('/import');
    await page.getByRole('heading', { name: '批量导入' }).waitFor();

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /点击或将批次文件拖到此处/ }).click();
    await (await chooser).setFiles(`${FIXTURES}/one-bad-row.csv`);
    await page.getByText('one-bad-row.csv').waitFor();
    await page.getByRole('button', { name: '开始导入' }).click();

    await page.getByRole('alert').filter({ hasText: '导入未通过校验，未写入任何数据' }).waitFor();
    const table = page.getByRole('table');
    for (const header of ['行', '字段', '规则', '说明']) await table.getByRole('columnheader', { name: header }).waitFor();
    const row = table.getByRole('row').filter({ hasText: 'riskLevel' });
    await row.getByRole('cell', { name: '3', exact: true }).waitFor();
    await row.getByText('取值不在允许范围内').waitFor();
    expect(await b.system.api.footprint()).toEqual(before);
    await screenshot(page, 'import-rejected');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('imports a good CSV and shows the batch with a link to each drafted matter', async () => {
    const page = await signedIn('office');
    await page.goto('/import');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /点击或将批次文件拖到此处/ }).click();
    await (
      await chooser
    ).setFiles({
      name: 'good.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(`${FIXTURES}/good.csv`),
    });
    await page.getByRole('button', { name: '开始导入' }).click();

    await page.getByText('导入成功').waitFor();
    await page.getByText('已新建批次 SZ-IMPORT-CSV，导入 3 个事项（均为草稿）').waitFor();
    for (const code of ['CSV-01', 'CSV-02', 'CSV-03']) await page.getByRole('link', { name: code, exact: true }).waitFor();
    await screenshot(page, 'import-done');
    const [batch] = await b.system.api.sql<{ id: string }>(`SELECT id FROM batches WHERE code = 'SZ-IMPORT-CSV'`);
    expect(batch).toBeDefined();

    await page.getByRole('link', { name: '在事项清单中查看本批次' }).click();
    await page.waitForURL((u) => u.pathname === '/matters' && u.searchParams.get('batchId') === batch.id);
    await page.getByRole('link', { name: 'CSV-02', exact: true }).waitFor();
    await page.close();
  });
});
