/**
 * 委托代理 (issue 13 item 2) in Chromium: a manager going on leave names a colleague of the
 * same unit and role as deputy on the settings page (an overlapping second period is refused on
 * its field); the deputy finds the manager's milestone in their inbox marked 代 … 办理, follows
 * its link to the matter page, which says 您正在代 … 办理 and sends the command with
 * On-Behalf-Of, and the timeline names both. A manager's milestone, not an approval step: a
 * step is addressed to the unit and role, which the deputy holds too, so it is theirs already
 * and their inbox lists it as their own (test/e2e/deputies.e2e-spec.ts). Last, an admin names
 * a deputy for an approver from the users page (POST /users/:id/deputies) and ends it early.
 */
import type { Locator, Page } from 'playwright-core';
import { PASSWORD } from '../support/config.js';
import { pollUntil } from '../support/poll.js';
import { type BrowserSystem, type MatterBody, axeViolations, choose, signIn, startBrowserSystem } from '../support/browser.js';

let b: BrowserSystem;
let matter: MatterBody;
let deputy: { id: string; email: string; token: string };
let approver2: { id: string; email: string; token: string };

const MILESTONE = '首批机构遴选';

beforeAll(async () => {
  b = await startBrowserSystem();
  const { world } = b.system;
  deputy = await world.addUser('chenjing@reformflow.test', 'stic', ['manager'], '陈静');
  approver2 = await world.addUser('liuyang@reformflow.test', 'stic', ['approver'], '刘洋');
  let m = await world.draft({
    title: { zh: '新型研发机构薪酬改革', en: 'Salary reform for R&D institutions' },
    milestones: [{ title: { zh: MILESTONE, en: 'First institutions selected' }, dueIn: 'P30D' }],
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

/** An instant as the wall clock of Beijing (the test profile's zone and the users' default), as the pickers take it. */
function beijing(d: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000);

/** Types a date and time into the antd DatePicker labelled `label`; it takes typed text on blur. */
async function typeDate(scope: Locator, label: RegExp, value: string) {
  const input = scope.getByRole('textbox', { name: label });
  await input.click();
  await input.fill(value);
  await input.press('Tab');
}

/** Fills and sends the naming form inside `scope` (the page holds one, or a card for each person). */
async function nameDeputy(page: Page, from: Date, until: Date, reason: string, who = '陈静', scope = page.locator('body')) {
  await choose(page, '代理人', who, scope);
  await typeDate(scope, /开始时间/, beijing(from));
  await typeDate(scope, /结束时间/, beijing(until));
  await scope.getByLabel('事由').fill(reason);
  await scope.getByRole('button', { name: '指定代理人' }).click();
}

describe('委托代理 in the browser', () => {
  it('the manager names a deputy in settings; an overlapping second period is refused on its field', async () => {
    const page = await b.newPage();
    await signIn(page, 'sticManager');
    await page.goto('/settings');
    await page.getByRole('heading', { name: '委托代理' }).waitFor();
    const mine = page.getByRole('table', { name: '我的代理人' });
    await mine.getByText('暂无代理安排').waitFor();

    await nameDeputy(page, new Date(Date.now() - 5 * 60_000), inHours(48), '休假');
    await page.getByText('已指定 陈静 为代理人').waitFor();
    const row = mine.getByRole('row').filter({ hasText: '陈静' });
    await row.getByText('代理中').waitFor();
    await row.getByText('休假').waitFor();
    await row.getByRole('button', { name: '提前结束 陈静 的代理' }).waitFor();

    // the same deputy again for part of that period: the API's 422 names startsAt, shown on its field
    await nameDeputy(page, inHours(24), inHours(72), '出差');
    await page.getByText('此期间已有代理安排，时间重叠').waitFor();
    expect(await page.getByRole('textbox', { name: /开始时间/ }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('事由').inputValue()).toBe('出差'); // what was typed stays
    expect(await mine.getByRole('row').filter({ hasText: '陈静' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the deputy sees the manager’s milestone marked as theirs, completes it on their behalf, and the timeline names both', async () => {
    const manager = b.system.world.users.sticManager;
    const page = await b.newPage();
    await page.goto('/login');
    await page.getByLabel(/邮箱|Email/).fill(deputy.email);
    await page.getByLabel(/密码|Password/).fill(PASSWORD);
    await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/inbox'));

    // 我代理的: the deputy's own settings list the period
    await page.goto('/settings');
    await page.getByRole('table', { name: '我代理的' }).getByRole('row').filter({ hasText: 'sticManager' }).getByText('代理中').waitFor();

    await page.goto('/inbox');
    const task = page.getByRole('row').filter({ hasText: `节点：${MILESTONE}` });
    await task.getByText('代 sticManager 办理').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await task.getByRole('link', { name: '完成节点' }).click();
    await page.waitForURL((url) => url.searchParams.get('onBehalfOf') === manager.id);
    await page.getByText('您正在代 sticManager 办理').waitFor();

    // the link opened the milestone's form: the command goes with On-Behalf-Of
    const drawer = page.getByRole('dialog');
    await drawer.getByText(MILESTONE).waitFor();
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().includes(`/matters/${matter.id}/milestones/`));
    await drawer.getByLabel('说明').fill('首批十家机构已遴选（代办）');
    await drawer.getByRole('button', { name: '完成节点' }).click();
    expect((await sent).headers()['on-behalf-of']).toBe(manager.id);
    const refused = drawer.getByRole('alert');
    await page.getByText('已办理：完成节点').or(refused).first().waitFor();
    if (await refused.count()) throw new Error(`the milestone was refused: ${(await refused.allInnerTexts()).join(' | ')}`);

    // the tabs keep the page on the manager's behalf; the timeline names the deputy and the manager
    await page.getByRole('tab', { name: /办理记录/ }).click();
    expect(new URL(page.url()).searchParams.get('onBehalfOf')).toBe(manager.id);
    await page.getByText(`陈静（代 sticManager） 完成节点“${MILESTONE}”`).waitFor();
    await page.getByText('您正在代 sticManager 办理').waitFor();

    const timeline = await pollUntil(
      async () =>
        (
          await b.system.world.api.http
            .get(`/api/v1/matters/${matter.id}/timeline`)
            .set({ Authorization: `Bearer ${b.system.world.token('office')}` })
        ).body as Array<{ type: string; actor: { id: string } | null; payload: Record<string, unknown> }>,
      (es) => es.some((e) => e.type === 'milestone.completed'),
      { what: 'the milestone completed' },
    );
    const done = timeline.find((e) => e.type === 'milestone.completed')!;
    expect(done.actor?.id).toBe(deputy.id);
    expect(done.payload.onBehalfOf).toBe(manager.id);
    await page.close();
  });

  it('an admin names a deputy for an approver from the users page, and ends it early', async () => {
    const approver = b.system.world.users.sticApprover;
    const page = await b.newPage();
    await signIn(page, 'admin');
    await page.goto('/admin/users');
    await page.getByRole('button', { name: '委托代理 sticApprover' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('sticApprover 的委托代理').waitFor();
    await page.waitForTimeout(600); // the drawer slides in
    await nameDeputy(page, new Date(Date.now() - 60_000), inHours(8), '学习培训', '刘洋');
    await page.getByText('已指定 刘洋 为代理人').waitFor();
    const row = drawer.getByRole('table', { name: '我的代理人' }).getByRole('row').filter({ hasText: '刘洋' });
    await row.getByText('代理中').waitFor();
    const listed = await b.system.world.api.http
      .get(`/api/v1/users/${approver.id}/deputies`)
      .set({ Authorization: `Bearer ${b.system.world.token('admin')}` });
    expect(listed.body).toEqual([expect.objectContaining({ deputyId: approver2.id, reason: '学习培训', inForce: true, keepCopy: true })]);
    expect(await axeViolations(page)).toEqual([]);

    await row.getByRole('button', { name: '提前结束 刘洋 的代理' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '提前结束' }).click();
    await page.getByText('代理已结束').waitFor();
    await row.getByText('已结束').waitFor();
    await page.close();
  });

  it('the reform office arranges a deputy for someone from its own settings page', async () => {
    const approver = b.system.world.users.sticApprover;
    const page = await b.newPage();
    await signIn(page, 'office');
    await page.goto('/settings');
    await page.getByRole('heading', { name: '为他人安排委托代理' }).waitFor();
    // everyone is listed: type to find the person, then pick them
    await page.getByLabel('委托人', { exact: true }).click();
    await page.keyboard.type('sticApprover');
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByTitle(/^sticApprover/)
      .first()
      .click();
    const card = page.getByRole('region', { name: '为 sticApprover 指定代理人' });
    await nameDeputy(page, inHours(24), inHours(48), '因病住院', '刘洋', card);
    await page.getByText('已指定 刘洋 为代理人').waitFor();
    const listed = await b.system.world.api.http
      .get(`/api/v1/users/${approver.id}/deputies`)
      .set({ Authorization: `Bearer ${b.system.world.token('office')}` });
    expect(listed.body).toContainEqual(
      expect.objectContaining({ deputyId: approver2.id, reason: '因病住院', createdBy: b.system.world.users.office.id }),
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
