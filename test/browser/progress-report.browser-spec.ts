/**
 * The narrative progress report and the risk register in the browser, on a phone: the manager
 * follows the reminder's link (`?action=file_progress_report`), fills the report by keyboard,
 * sees an API field error on its field, files it and finds it listed with the action gone;
 * then raises the risk level through the register form, past a concurrent change (409).
 * The matter runs on the `reports-monthly` workflow (test/fixtures/workflows): a report a
 * month, every 14 days at high risk.
 */
import type { Page } from 'playwright-core';
import { pollUntil } from '../support/poll.js';
import { type BrowserSystem, PHONE, axeViolations, fitsWidth, screenshot, signIn, startBrowserSystem } from '../support/browser.js';
import type { MatterBody } from '../support/api-world.js';

let b: BrowserSystem;
let matter: MatterBody;

beforeAll(async () => {
  b = await startBrowserSystem();
  const { world } = b.system;
  const batch = await world.api.http
    .post('/api/v1/batches')
    .set({ Authorization: `Bearer ${world.token('office')}` })
    .send({ code: 'SZ-MONTHLY', title: { zh: '月报批次', en: 'Monthly batch' }, issuingAuthority: 'Test', workflow: 'reports-monthly' });
  if (batch.status !== 201) throw new Error(`batch: ${batch.status} ${JSON.stringify(batch.body)}`);
  let m = await world.draft({
    batchId: batch.body.id,
    code: 'SZ-REPORT-001',
    title: { zh: '新型研发机构市场化薪酬管理制度', en: 'Market salaries for new R&D institutions' },
  });
  for (const [who, action] of [
    ['office', 'submit'],
    ['sticApprover', 'approve'],
    ['sticManager', 'start-implementation'],
  ] as const) {
    const res = await world.act(who, m, action);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    m = res.body;
  }
  matter = m;
});
afterEach(async () => {
  const shots = await b.closePages(`left-open ${expect.getState().currentTestName ?? ''}`);
  if (shots.length) console.log(`pages left open (a failed step?): ${shots.join(', ')}`);
});
afterAll(() => b?.close());

const drawer = (page: Page) => page.getByRole('dialog');

/** Moves the focus forward with Tab until the element labelled `label` has it (at most 40 presses). */
async function tabTo(page: Page, label: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    // the label of the focused field: its <label for>, else its aria-label (the test has no DOM types)
    const focused = await page.evaluate<string>(`(() => {
      const el = document.activeElement;
      if (!el) return '';
      const byFor = el.id ? document.querySelector('label[for="' + el.id + '"]')?.textContent : null;
      return (byFor ?? el.getAttribute('aria-label') ?? '').trim();
    })()`);
    if (focused === label) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached “${label}”`);
}

describe('the narrative progress report on a phone', () => {
  it('opens from the reminder link, takes the report by keyboard, puts an API field error on its field, and lists the report filed', async () => {
    const page = await b.newPage({ viewport: PHONE });
    await signIn(page, 'sticManager');
    await page.goto(`/matters/${matter.id}?action=file_progress_report`);
    const d = drawer(page);
    await d.getByText('第 1 期进展报告').waitFor();
    expect(await fitsWidth(page)).toBe(true);

    // by keyboard: the first field has the focus after a click in it, Tab moves on
    await d.getByLabel('本期完成情况').focus();
    await page.keyboard.type('印发实施方案，完成首批十家机构薪酬方案备案');
    await tabTo(page, '存在问题（选填）');
    await page.keyboard.type('部分机构薪酬总量核定口径不一');
    await tabTo(page, '下一步工作（选填）');
    await page.keyboard.type('统一核定口径，开展第二批备案');
    await tabTo(page, '佐证链接 1');
    // the browser takes ftp:// as an address; the API accepts only http(s) and says so on this field
    await page.keyboard.type('ftp://kjcxw.sz.gov.cn/notice/2026-01.pdf');
    await d.getByRole('button', { name: '添加佐证链接' }).click();
    await d.getByRole('textbox', { name: '佐证链接 2', exact: true }).fill('https://kjcxw.sz.gov.cn/notice/2026-02');
    await d.getByLabel('试点机构数（家）').fill('10');
    await screenshot(page, 'progress-report-phone-zh');
    expect(await fitsWidth(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await d.getByRole('button', { name: '报送进展报告' }).focus();
    await page.keyboard.press('Enter');
    await pollUntil(
      () => d.getByRole('textbox', { name: '佐证链接 1', exact: true }).getAttribute('aria-invalid'),
      (v) => v === 'true',
      { what: 'the API error on the first link' },
    );
    // what was typed is kept
    expect(await d.getByLabel('本期完成情况').inputValue()).toBe('印发实施方案，完成首批十家机构薪酬方案备案');
    await screenshot(page, 'progress-report-field-error-zh');

    await d.getByRole('textbox', { name: '佐证链接 1', exact: true }).fill('https://kjcxw.sz.gov.cn/notice/2026-01');
    await d.getByRole('button', { name: '报送进展报告' }).click();
    await page.getByText('已办理：报送进展报告').waitFor();
    await d.waitFor({ state: 'detached' });
    expect(new URL(page.url()).search).toBe('');

    const report = page.getByRole('article', { name: '第 1 期进展报告' });
    await report.getByText('按期报送').waitFor();
    await report.getByText('印发实施方案，完成首批十家机构薪酬方案备案').waitFor();
    await report.getByText('统一核定口径，开展第二批备案').waitFor();
    await report.getByRole('link', { name: 'https://kjcxw.sz.gov.cn/notice/2026-02' }).waitFor();
    await report.getByText(/试点机构数：10 家/).waitFor();
    await page.getByText(/第 2 期报送期/).waitFor();
    await pollUntil(
      () => page.getByRole('button', { name: '报送进展报告' }).count(),
      (n) => n === 0,
      { what: 'the action to go' },
    );
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'progress-report-listed-phone-zh');

    const stored = await b.system.world.get('office', matter.id);
    expect(stored.progressReports).toHaveLength(1);
    expect(stored.progressReports[0]).toMatchObject({
      evidenceLinks: ['https://kjcxw.sz.gov.cn/notice/2026-01', 'https://kjcxw.sz.gov.cn/notice/2026-02'],
      values: [{ targetId: matter.targets[0].id, value: 10 }],
      late: false,
    });
    await page.close();
  });

  it('says so when the link’s action is no longer offered (the report of this period is in)', async () => {
    const page = await b.newPage({ viewport: PHONE });
    await signIn(page, 'sticManager');
    await page.goto(`/matters/${matter.id}?action=file_progress_report`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByText(/该操作已办理/).waitFor();
    expect(await drawer(page).count()).toBe(0);
    await page.close();
  });
});

describe('the risk register on a phone', () => {
  it('raises the level to high past a concurrent change, keeping what was typed, and the reform office is mailed', async () => {
    const page = await b.newPage({ viewport: PHONE });
    await signIn(page, 'sticManager');
    await page.goto(`/matters/${matter.id}`);
    await page.getByRole('button', { name: '更新风险台账' }).click();
    const d = drawer(page);
    await d.getByLabel('风险等级').click();
    await page.getByTitle('高', { exact: true }).last().click();
    await d.getByRole('button', { name: '添加风险' }).click();
    await d.getByRole('textbox', { name: /风险描述 2$/ }).fill('试点机构薪酬数据跨境传输合规风险');
    await d
      .getByRole('textbox', { name: /应对措施$/ })
      .last()
      .fill('数据出境前开展合规评估');
    await d.getByLabel('调整说明（选填）').fill('数据出境新规出台，风险上调');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'risk-register-phone-zh');

    // meanwhile someone else changes the matter
    const fresh = await b.system.world.get('sticManager', matter.id);
    const other = await b.system.world.act('sticManager', fresh, 'progress', {
      targetId: matter.targets[0].id,
      value: 11,
      asOf: '2026-12-01',
    });
    expect(other.status).toBe(201);
    await d.getByRole('button', { name: '更新风险台账' }).click();
    await d.getByText('该事项已被他人修改').waitFor();
    expect(await d.getByLabel('调整说明（选填）').inputValue()).toBe('数据出境新规出台，风险上调');
    expect(await d.getByRole('textbox', { name: /风险描述 2$/ }).inputValue()).toBe('试点机构薪酬数据跨境传输合规风险');
    await screenshot(page, 'risk-register-conflict-phone-zh');

    await d.getByRole('button', { name: '更新风险台账' }).click();
    await page.getByText('已办理：更新风险台账').waitFor();
    await d.waitFor({ state: 'detached' });
    await page.getByText('试点机构薪酬数据跨境传输合规风险').waitFor();
    const stored = await b.system.world.get('office', matter.id);
    expect(stored.riskLevel).toBe('high');
    expect(stored.risks.map((r: { description: string }) => r.description)).toEqual([
      matter.risks[0].description,
      '试点机构薪酬数据跨境传输合规风险',
    ]);
    await pollUntil(
      () => b.system.smtp.messages.filter((x) => x.subject.startsWith(`【风险等级上调】${matter.code}`)),
      (x) => x.length === 1,
      { what: 'the risk-raised mail' },
    );
    expect(await fitsWidth(page)).toBe(true);
    await page.close();
  });
});

describe('missing progress reports on the scorecard and the dashboard', () => {
  it('lists a report that was not filed by its due time under its unit, at phone width', async () => {
    const { world } = b.system;
    const office = { Authorization: `Bearer ${world.token('office')}` };
    // the `reports` workflow's period is 8 s: a matter started now misses its first report within seconds
    const batch = await world.api.http
      .post('/api/v1/batches')
      .set(office)
      .send({ code: 'SZ-FAST', title: { zh: '短周期批次' }, issuingAuthority: 'Test', workflow: 'reports' });
    expect(batch.status).toBe(201);
    let m = await world.draft({ batchId: batch.body.id, code: 'SZ-LATE-001', targets: [], title: { zh: '跨境贸易便利化改革' } });
    for (const [who, action] of [
      ['office', 'submit'],
      ['sticApprover', 'approve'],
      ['sticManager', 'start-implementation'],
    ] as const) {
      const res = await world.act(who, m, action);
      expect(res.status).toBe(200);
      m = res.body;
    }
    await pollUntil(
      async () => (await world.api.http.get('/api/v1/reports/scorecard').set(office)).body.missingReports ?? [],
      (groups: Array<{ reports: Array<{ matter: { code: string } }> }>) =>
        groups.some((g) => g.reports.some((r) => r.matter.code === 'SZ-LATE-001')),
      { timeoutMs: 20_000, what: 'the missed report on the scorecard' },
    );

    const page = await b.newPage({ viewport: PHONE });
    await signIn(page, 'office');
    await page.goto('/scorecard');
    const card = page.getByRole('region', { name: '深圳市科技创新局' });
    await card.getByRole('link', { name: /SZ-LATE-001 跨境贸易便利化改革/ }).waitFor();
    await card.getByText(/报送第1期进展报告/).waitFor();
    await card.getByText(/仍未报送/).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'scorecard-missing-reports-phone-zh');
    await page.goto('/dashboard');
    await page
      .getByRole('region', { name: '深圳市科技创新局' })
      .getByRole('link', { name: /SZ-LATE-001/ })
      .waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await page.close();
  });
});
