/**
 * Reformflow in a real browser: the whole system (api + worker + real SMTP server + private
 * Redis, from startSystem) with the api listening on a loopback port and serving the built web
 * app (dist/web, `npm run build` writes it), driven by Debian's Chromium through playwright-core.
 * Tests act as a person does: roles and labels, never CSS classes.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import type { MatterBody, UserKey, Who } from './api-world.js';
import { ADMIN_PASSWORD, PASSWORD } from './config.js';
import { type System, startSystem } from './system.js';

// a browser run starts services, builds a world and waits for real mail: minutes, not seconds
jest.setTimeout(240_000);

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
export const WEB_DIST = process.env.WEB_DIST_DIR ?? 'dist/web';
export const SCREENSHOTS = 'out/screenshots/browser';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

export interface BrowserSystem {
  system: System;
  /** http://127.0.0.1:<port>, the api's origin and the web app's. */
  baseUrl: string;
  browser: Browser;
  /** A fresh browser profile (own cookies and storage): one per person signed in at once. */
  newContext(options?: { viewport?: { width: number; height: number }; locale?: 'zh-CN' | 'en' }): Promise<BrowserContext>;
  /** A page in a fresh context. */
  newPage(options?: { viewport?: { width: number; height: number }; locale?: 'zh-CN' | 'en' }): Promise<Page>;
  /** Screenshots of every page still open (a test that failed left its page open), then closes them. */
  closePages(label: string): Promise<string[]>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startBrowserSystem(options: { env?: Record<string, string> } = {}): Promise<BrowserSystem> {
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error(`${WEB_DIST}/index.html is missing: run "npm run build" first (npm run test:browser does)`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);
  // a private copy: a build started meanwhile (it empties dist/web first) must not pull the pages from under a test
  const web = mkdtempSync(join(tmpdir(), 'reformflow-web-'));
  cpSync(WEB_DIST, web, { recursive: true });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const system = await startSystem({ env: { PUBLIC_URL: baseUrl, WEB_DIST_DIR: web, ...options.env } });
  let browser: Browser | undefined;
  try {
    await system.api.app.listen(port, '127.0.0.1');
    await system.startWorker();
    // launch() gives every run a fresh temporary profile (user-data dir), removed at close
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, timeout: 60_000 });
  } catch (e) {
    await browser?.close();
    await system.close();
    rmSync(web, { recursive: true, force: true });
    throw e;
  }
  const b = browser;
  const contexts: BrowserContext[] = [];
  const newContext: BrowserSystem['newContext'] = async ({ viewport = DESKTOP, locale = 'zh-CN' } = {}) => {
    const context = await b.newContext({
      baseURL: baseUrl,
      viewport,
      locale,
      timezoneId: 'Asia/Shanghai',
      isMobile: viewport.width < 500,
      hasTouch: viewport.width < 500,
    });
    context.setDefaultTimeout(20_000);
    // an uncaught error in a page is a bug: say so in the test's output
    context.on('weberror', (e) => console.error(`page error: ${e.error().stack ?? String(e.error())}`));
    context.on('console', (m) => {
      if (m.type() === 'error') console.error(`console error at ${m.page()?.url() ?? ''}: ${m.text()}`);
    });
    contexts.push(context);
    return context;
  };
  return {
    system,
    baseUrl,
    browser: b,
    newContext,
    async newPage(opts) {
      return (await newContext(opts)).newPage();
    },
    async closePages(label) {
      const shots: string[] = [];
      for (const c of contexts.splice(0)) {
        for (const [i, p] of c.pages().entries())
          shots.push(await screenshot(p, `${label.replace(/[^\p{L}\p{N}]+/gu, '-')}-${i}`).catch(() => ''));
        await c.close().catch(() => undefined);
      }
      return shots.filter(Boolean);
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await b.close().catch(() => undefined);
      await system.close();
      rmSync(web, { recursive: true, force: true });
    },
  };
}

/** The sign-in email of a test user (api-world creates `<key>@reformflow.test`). */
export const emailOf = (who: Who): string => (who === 'admin' ? 'admin@reformflow.local' : `${who.toLowerCase()}@reformflow.test`);
const passwordOf = (who: Who): string => (who === 'admin' ? ADMIN_PASSWORD : PASSWORD);

/** Fills the sign-in form on the page it is on (or /login) and waits to leave it. */
export async function signIn(page: Page, who: Who, options: { goto?: boolean; password?: string } = {}): Promise<void> {
  if (options.goto !== false && !new URL(page.url(), 'http://x').pathname.startsWith('/login')) await page.goto('/login');
  await page.getByLabel(/邮箱|Email/).fill(emailOf(who));
  await page.getByLabel(/密码|Password/).fill(options.password ?? passwordOf(who));
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Signs out with the header's button. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /退出登录|Sign out/ }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

/** Opens a matter's page and waits for its title. */
export async function openMatter(page: Page, matter: { id: string }): Promise<void> {
  await page.goto(`/matters/${matter.id}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
}

/**
 * Chooses an option of the antd Select labelled `label` inside `scope` (a drawer, a modal, the
 * page). Options carry their label as title. Under load a click can land while the dropdown
 * is still sliding in and choose nothing, so this checks the choice shows in the field and
 * tries again (three times at most) before giving up.
 */
export async function choose(page: Page, label: string | RegExp, option: string | RegExp, scope = page.locator('body')): Promise<void> {
  const exact = typeof option === 'string';
  // the chosen option shows in the field with its title; the open dropdown lives outside `scope`
  // when scope is a drawer, so only the field can match there
  const labelled = scope.getByLabel(label, { exact: typeof label === 'string' });
  // `has` is matched inside each form item: a page-rooted locator, not one under `scope`
  const field = scope.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: typeof label === 'string' }) });
  const chosen = field.getByTitle(option, { exact });
  for (let attempt = 1; ; attempt += 1) {
    await labelled.click();
    // the option of the dropdown now open (under load it renders after the click returns)
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(option, { exact }).last().click();
    try {
      await chosen.first().waitFor({ timeout: 3_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/** The serious and critical axe-core violations of the page as it is now. */
export async function axeViolations(page: Page): Promise<Array<{ id: string; impact: string; help: string; targets: string[] }>> {
  // judge the page at rest: a button still fading from its hover or click colour (antd's transitions, slow
  // under CI load) has a contrast its settled state does not (#2e7ae6 mid-way, #0958d9 at rest)
  await page.mouse.move(0, 0);
  await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; animation: none !important; }' });
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
  // a popup closing just before (a date picker's panel, .ant-slide-up-leave) stays in the page until its leave
  // motion ends, and axe would judge it half-gone: wait for it to go (bounded; it is judged if it stays)
  await page
    .waitForFunction('document.querySelector(\'[class*="-leave"]\') === null', undefined, { timeout: 2_000 })
    .catch(() => undefined);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    }));
}

/** A full-page PNG under out/screenshots/browser (ignored by git), for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Whether the page is as wide as its content (nothing cut off sideways on a phone). */
export async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth + 1');
}

export type { MatterBody, UserKey, Who };
