/**
 * A matter's whole life in the browser, each person in their own browser profile: the reform
 * office drafts and submits it; each approver decides it from their inbox; the manager starts
 * implementation and completes the milestone; the reform office assigns an evaluator, who logs
 * a verdict through the rubric form.
 */
import type { Page } from 'playwright-core';
import { type BrowserSystem, axeViolations, choose, screenshot, signIn, startBrowserSystem } from '../support/browser.js';

let b: BrowserSystem;
beforeAll(async () => {
  b = await startBrowserSystem();
});
afterEach(async () => {
  const shots = await b.closePages(`left-open ${expect.getState().currentTestName ?? ''}`);
  if (shots.length) console.log(`pages left open (a failed step?): ${shots.join(', ')}`);
});
afterAll(() => b?.close());

/** Types a date (and time) into an antd DatePicker labelled `label` and commits it with Enter. */
async function typeDate(page: Page, label: string | RegExp, value: string) {
  const input = page.getByRole('textbox', { name: label });
  await input.click();
  await input.fill(value);
  // the picker takes typed text on blur (Enter would also submit the form)
  await input.press('Tab');
}

const drawer = (page: Page) => page.getByRole('dialog');

let matterUrl = '';

describe('a matter from draft to verdict', () => {
  it('the reform office drafts a matter and submits it', async () => {
    const page = await b.newPage();
    await signIn(page, 'office');
    await page.getByRole('menuitem', { name: '新建事项' }).click();
    await page.getByRole('heading', { name: '新建事项' }).waitFor();
    await choose(page, '所属批次', '测试批次');
    await page.getByLabel('事项编号').fill('SZ-WEB-001');
    await page.getByLabel('中文名称').fill('跨境数据流动安全管理试点');
    await page.getByLabel('英文名称').fill('Pilot of secure cross-border data flows');
    await choose(page, '事项类型', '创新试验');
    await choose(page, '政策领域', '数据要素');
    await choose(page, '风险等级', '中');
    await page.getByRole('switch', { name: '需法律授权' }).click();
    // 003 item (14): what it adjusts (this test's workflow has the national authority decide the legal step)
    await choose(page, '需调整的法律法规', '行政法规');
    await page.getByLabel('法律法规名称').fill('《数据出境安全评估办法》');
    await choose(page, '牵头单位', '深圳市科技创新局');
    await choose(page, '责任人', 'sticManager');
    await page.getByRole('button', { name: '添加指标' }).click();
    await page.getByRole('textbox', { name: /指标名称 1/ }).fill('数据出境评估平均办理天数');
    await page.getByLabel('计量单位').fill('天');
    await choose(page, '达标条件', '不高于');
    await page.getByLabel('基期值').fill('45');
    await page.getByLabel('目标值').fill('20');
    await typeDate(page, '完成时限', '2027-12-31');
    await page.getByRole('button', { name: '添加节点' }).click();
    await page.getByRole('textbox', { name: /节点名称 1/ }).fill('出台数据出境管理细则');
    await typeDate(page, /截止时间/, '2027-06-30 18:00');
    await screenshot(page, 'draft-form-filled');
    await page.getByRole('button', { name: '保存并提交审批' }).click();
    await page.waitForURL(/\/matters\/[0-9a-f-]{36}$/);
    matterUrl = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: '跨境数据流动安全管理试点' }).waitFor();
    await screenshot(page, 'matter-submitted-zh');
    await page.getByText('审批中').first().waitFor();
    await page.close();
  });

  for (const approver of ['sticApprover', 'nationApprover'] as const) {
    it(`${approver} decides the step from their inbox`, async () => {
      const page = await b.newPage();
      await signIn(page, approver);
      await page.getByRole('heading', { name: '我的待办' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: '跨境数据流动安全管理试点' });
      await row.getByText('审批', { exact: true }).waitFor();
      await screenshot(page, `inbox-${approver}-zh`);
      await row.getByRole('link', { name: '同意' }).click();
      if (approver === 'nationApprover') {
        // the legal step: the authorizing instrument is recorded with the decision
        await drawer(page).getByText('本环节为法律法规调整授权').waitFor();
        await drawer(page).getByLabel('文件标题').fill('国务院关于在深圳暂时调整实施有关行政法规规定的决定');
        await drawer(page).getByLabel('文号').fill('国函〔2026〕12号');
        await typeDate(page, '印发日期', '2026-11-30');
        await drawer(page).getByLabel('授权范围').fill('深圳市跨境数据流动安全管理试点');
      }
      await drawer(page).getByLabel('审批意见（选填）').fill('同意开展试点。');
      await drawer(page).getByRole('button', { name: '同意' }).click();
      await page.getByText('已办理：同意').waitFor();
      if (approver === 'nationApprover') {
        const m = (await (await page.request.get(`/api/v1${matterUrl}`)).json()) as {
          legalAdjustment: unknown;
          authorizationInstrument: { documentNumber: string; scope: string } | null;
        };
        expect(m.legalAdjustment).toEqual({ level: 'administrative_regulation', name: '《数据出境安全评估办法》' });
        expect(m.authorizationInstrument).toMatchObject({ documentNumber: '国函〔2026〕12号', scope: '深圳市跨境数据流动安全管理试点' });
      }
      await page.goto('/inbox?tab=done');
      await page.getByRole('cell', { name: '同意审批' }).first().waitFor();
      await page.close();
    });
  }

  it('the manager starts implementation and completes the milestone', async () => {
    const page = await b.newPage();
    await signIn(page, 'sticManager');
    await page.goto(matterUrl);
    await page.getByText('已批准').first().waitFor();
    await page.getByRole('button', { name: '启动实施' }).click();
    await drawer(page).getByRole('button', { name: '启动实施' }).click();
    await page.getByText('实施中').first().waitFor();
    await page.getByRole('button', { name: /完成节点/ }).click();
    await drawer(page).getByLabel('说明（选填）').fill('细则已印发。');
    await drawer(page).getByRole('button', { name: '完成节点' }).click();
    await page.getByText('已办理：完成节点').waitFor();
    await page.getByText('评估中').first().waitFor();
    await page.getByRole('tab', { name: '办理记录' }).click();
    await page.getByText('sticManager 完成节点“出台数据出境管理细则”').waitFor();
    await page.getByText('已验证').first().waitFor();
    await screenshot(page, 'matter-timeline-zh');
    await page.close();
  });

  it('the reform office assigns an evaluator from its inbox', async () => {
    const page = await b.newPage();
    await signIn(page, 'office');
    const row = page.getByRole('row').filter({ hasText: '跨境数据流动安全管理试点' }).filter({ hasText: '待指派评估人' });
    await row.getByRole('link', { name: '指派评估人' }).click();
    // the drawer slides in; pick once it stands still, and check the choice took
    await page.waitForTimeout(600);
    await choose(page, '评估人', /justiceEvaluator/, drawer(page));
    await drawer(page).getByRole('button', { name: '指派评估人' }).click();
    await page.getByText('已办理：指派评估人').waitFor();
    await page.close();
  });

  it('the evaluator logs a verdict through the rubric form', async () => {
    const page = await b.newPage();
    await signIn(page, 'justiceEvaluator');
    const row = page.getByRole('row').filter({ hasText: '跨境数据流动安全管理试点' });
    await row.getByRole('link', { name: '录入评估结论' }).click();
    const d = drawer(page);
    for (const [criterion, score] of [
      ['实施成效', '4'],
      ['制度创新', '5'],
      ['可复制推广性', '4'],
      ['风险防控', '3'],
    ] as const) {
      await d.getByLabel(new RegExp(`^${criterion}（`)).fill(score);
    }
    await d.getByLabel('实际值：数据出境评估平均办理天数').fill('18');
    await d.getByLabel('佐证材料：数据出境评估平均办理天数').fill('市网信办 2027 年第四季度统计');
    await d.getByText('可复制推广', { exact: true }).click();
    await d.getByLabel('评估意见').fill('办理时限显著压缩，风险可控。');
    await d.getByLabel('经验名称').fill('数据出境“白名单”管理');
    await d.getByLabel('主要做法').fill('对低风险数据实行白名单管理，备案即出境。');
    await d.getByLabel('复制推广条件').fill('具备数据分类分级基础。');
    await d.getByLabel(/适宜推广地区/).fill('粤港澳大湾区');
    await d.getByLabel(/适宜推广地区/).press('Enter');
    await d.getByLabel(/适宜推广领域/).fill('数据要素');
    await d.getByLabel(/适宜推广领域/).press('Enter');
    await screenshot(page, 'evaluation-form-zh');
    await d.getByRole('button', { name: '录入评估结论' }).click();
    await page.getByText('已办理：录入评估结论').waitFor();
    await page.getByText('已结项').first().waitFor();
    await drawer(page).waitFor({ state: 'detached' });
    await screenshot(page, 'matter-closed-zh');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
