import { type BrowserSystem, type Who, axeViolations, screenshot, signIn, startBrowserSystem } from '../support/browser.js';

/** 系统管理 in Chromium: the administrator creates an account, then disables one. */
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

describe('administration pages', () => {
  it('lets the admin create a user in a unit with a role, and disable an account', async () => {
    const page = await signedIn('admin');
    await page.goto('/admin/users');
    await page.getByRole('heading', { name: '用户管理' }).waitFor();

    await page.getByRole('button', { name: '新增用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新增用户' });
    await dialog.getByLabel('姓名').fill('周敏（市商务局·项目负责人）');
    await dialog.getByLabel('电子邮箱').fill('zhou.min@commerce.example.gov.cn');
    await dialog.getByLabel('初始密码').fill('初始密码-2026-commerce');
    await dialog.getByLabel('角色').fill('责任人');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await dialog.getByLabel('所属单位').fill('SZ-COMMERCE');
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();

    const row = page.getByRole('row').filter({ hasText: 'zhou.min@commerce.example.gov.cn' });
    await row.getByText('责任人').waitFor();
    await row.getByText('深圳市商务局').waitFor();
    await row.getByText('启用').waitFor();
    const [created] = await b.system.api.sql<{ roles: string[]; active: boolean }>(
      `SELECT roles, active FROM users WHERE email = 'zhou.min@commerce.example.gov.cn'`,
    );
    expect(created).toMatchObject({ roles: ['manager'], active: true });
    expect(await axeViolations(page)).toEqual([]);

    await row.getByRole('button', { name: '停用 周敏（市商务局·项目负责人）' }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /停\s*用/ })
      .click();
    await row.getByText('已停用').waitFor();
    await screenshot(page, 'admin-users');
    const [disabled] = await b.system.api.sql<{ active: boolean }>(
      `SELECT active FROM users WHERE email = 'zhou.min@commerce.example.gov.cn'`,
    );
    expect(disabled.active).toBe(false);
    const refused = await page.request.post('/api/v1/auth/session', {
      data: { email: 'zhou.min@commerce.example.gov.cn', password: '初始密码-2026-commerce' },
    });
    expect(refused.status()).toBe(401);
    await page.close();
  });

  it('shows the units as a tree by parent and adds a unit under a parent', async () => {
    const page = await signedIn('admin');
    await page.goto('/admin/units');
    await page.getByRole('heading', { name: '单位管理' }).waitFor();
    await page.getByRole('cell', { name: '深圳市科技创新局', exact: false }).first().waitFor();

    await page.getByRole('button', { name: '新增单位' }).click();
    const dialog = page.getByRole('dialog', { name: '新增单位' });
    await dialog.getByLabel('单位编码').fill('SZ-STIC-LAB');
    await dialog.getByLabel('中文名称').fill('深圳市科技创新局重点实验室管理处');
    await dialog.getByLabel('英文名称').fill('Key laboratories division');
    await dialog.getByLabel('上级单位').fill('SZ-STIC');
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已新增单位 深圳市科技创新局重点实验室管理处').waitFor();
    const [unit] = await b.system.api.sql<{ parent: string }>(
      `SELECT p.code AS parent FROM units u JOIN units p ON p.id = u.parent_id WHERE u.code = 'SZ-STIC-LAB'`,
    );
    expect(unit.parent).toBe('SZ-STIC');
    await page.close();
  });
});
