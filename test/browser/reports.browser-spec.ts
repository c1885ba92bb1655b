import { replicated } from '../support/api-world.js';
import { type BrowserSystem, type Who, axeViolations, screenshot, signIn, startBrowserSystem } from '../support/browser.js';

/**
 * 复制推广 in Chromium: the reform office reads the draft of the next batch, issues it after
 * a confirmation that names its number, lands on the issued report and downloads its PDF.
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

/** A matter taken over the API through approval, implementation and a replicable verdict. */
const replicable = (overrides: Record<string, unknown>) => replicated(b.system.world, overrides);

describe('replication reports page', () => {
  it('lets the reform office issue batch 1 after a confirmation naming it, then download its PDF', async () => {
    await replicable({
      policyArea: 'science_technology',
      title: { zh: '科技成果转化收益分配改革', en: 'Sharing the gains of technology transfer' },
    });
    await replicable({ policyArea: 'finance', title: { zh: '跨境金融数据流动试点', en: 'Cross-border financial data pilot' } });

    const page = await signedIn('office');
    await page.goto('/reports');
    await page.getByRole('heading', { name: '待签发经验（第 1 批草稿）' }).waitFor();
    // grouped by policy area, each experience with its evidence
    await page.getByRole('heading', { name: /科技创新/ }).waitFor();
    await page.getByRole('heading', { name: /金融/ }).waitFor();
    await page.getByText('共 2 条经验，涉及 2 个政策领域').waitFor();
    await page.getByText('尚未签发任何批次').waitFor();
    await screenshot(page, 'replication-draft');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: '签发第 1 批' }).click();
    const dialog = page.getByRole('dialog', { name: '签发第 1 批复制推广经验清单？' });
    await dialog.getByText(/将签发以下 2 条经验，签发后编号为第 1 批/).waitFor();
    await screenshot(page, 'replication-confirm');
    await dialog.getByRole('button', { name: '确认签发' }).click();

    await page.waitForURL((u) => u.pathname === '/reports/1');
    await page.getByText('已签发第 1 批').waitFor();
    await page.getByRole('heading', { level: 1 }).waitFor();
    const [{ n }] = await b.system.api.sql<{ n: string }>('SELECT count(*) AS n FROM replication_reports');
    expect(Number(n)).toBe(1);
    await screenshot(page, 'replication-issued');

    const pdfLink = page.getByRole('link', { name: '下载 第 1 批 PDF' });
    const href = await pdfLink.getAttribute('href');
    expect(href).toBe('/api/v1/replication-reports/1?format=pdf&lang=zh-CN');
    // the same request the link makes, with the page's cookie session
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toMatch(/^application\/pdf/);
    const body = await pdf.body();
    expect(body.length).toBeGreaterThan(1000);
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');

    // the list shows the issued batch, and the draft is empty again
    await page.getByRole('link', { name: '返回复制推广' }).first().click();
    await page.getByRole('link', { name: '第 1 批', exact: true }).waitFor();
    await page.getByText('暂无待签发的可复制推广经验').waitFor();
    await page.close();
  });

  it("lets the reform office record that the NDRC promoted an issued experience in the NDRC's own batch, with a field error first", async () => {
    await replicable({
      policyArea: 'science_technology',
      title: { zh: '科研仪器通关便利化', en: 'Faster customs for research equipment' },
    });
    const page = await signedIn('office');
    await page.goto('/reports');
    await page.getByRole('button', { name: /^签发第 \d+ 批$/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认签发' }).click();
    await page.waitForURL((u) => /^\/reports\/\d+$/.test(u.pathname));

    const card = page.locator('.ant-card', { hasText: '科研仪器通关便利化' }).last();
    await card.getByRole('button', { name: '记录上级采纳' }).click();
    const dialog = page.getByRole('dialog', { name: /记录上级采纳推广/ });
    // nothing chosen: the form says which fields it needs, on the fields
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('请填写上级机关', { exact: true }).waitFor();
    await dialog.getByLabel('上级机关', { exact: true }).click();
    await page.getByTitle('国家发展和改革委员会', { exact: true }).last().click();
    await dialog.getByLabel('上级机关批次').fill('3');
    await dialog.getByLabel('文号').fill('发改地区〔2026〕9号');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已记录上级采纳推广').waitFor();
    await card.getByText('国家发展和改革委员会 第3批 复制推广').waitFor();
    await page.getByText('“上级采纳推广”为印发后的记录，不属于印发原文，不计入校验值。').waitFor();
    const [row] = await b.system.api.sql<{ number: number; document_number: string }>(
      `SELECT b.number, b.document_number FROM authority_batches b JOIN units u ON u.id = b.authority_unit_id WHERE u.code = 'NDRC'`,
    );
    expect(row).toEqual({ number: 3, document_number: '发改地区〔2026〕9号' });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
