/**
 * `npm run screenshots`: the README's pictures of the web app, made from a running demo.
 *
 * Starts `npm run demo` as a child (its own database `reformflow_demo_screenshots`, queue
 * prefix and output folder, so a person's own demo is left alone), waits until it keeps
 * serving, signs in to the web app in Chromium (Debian's /usr/bin/chromium through
 * playwright-core, zh-CN, Beijing time) as demo users, and saves under docs/images/:
 *
 *   inbox.png         a manager's 我的待办 (刘洋, 市商务局: milestones, an urge notice to acknowledge), 1440×900
 *   matter.png        a matter waiting at the provincial approval, its approval steps, as the approver sees it
 *   matter-timeline.png  the same matter's audit timeline
 *   dashboard.png     the reform office's 工作台
 *   inbox-phone.png   the manager's inbox at 390 px
 *
 * Then stops the browser and the demo. `--out DIR` writes elsewhere; CHROMIUM_PATH names
 * another browser.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Browser, type Page, chromium } from 'playwright-core';

const { values: args } = parseArgs({ options: { out: { type: 'string' } } });
const outDir = resolve(args.out ?? 'docs/images');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
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
const PASSWORD = 'reformflow-demo-2025';
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const say = (line: string): void => console.log(`[screenshots] ${line}`);

let demo: ChildProcess | null = null;
let browser: Browser | null = null;
const demoOut = mkdtempSync(join(tmpdir(), 'reformflow-screenshots-'));

async function stop(): Promise<void> {
  await browser?.close().catch(() => undefined);
  if (demo && demo.exitCode === null && demo.signalCode === null) {
    const exited = new Promise<void>((done) => demo!.once('exit', () => done()));
    demo.kill('SIGTERM');
    const kill = setTimeout(() => demo?.kill('SIGKILL'), 40_000);
    await exited;
    clearTimeout(kill);
  }
  rmSync(demoOut, { recursive: true, force: true });
}

/** Starts the demo and resolves with the web address once it says it keeps running. */
function startDemo(): Promise<string> {
  return new Promise((done, fail) => {
    const output: string[] = [];
    let url: string | null = null;
    demo = spawn(
      process.execPath,
      ['dist/apps/launcher/src/demo.js', '--out', demoOut, '--database', process.env.DEMO_DATABASE ?? 'reformflow_demo_screenshots'],
      {
        env: { ...process.env, NODE_OPTIONS: '', DEMO_QUEUE_PREFIX: `rf-shots-${process.pid}`, SMTP_HOST: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const timer = setTimeout(
      () => fail(new Error(`the demo did not reach "keeps running" in 5 minutes:\n${output.join('').slice(-3000)}`)),
      300_000,
    );
    const read = (d: Buffer) => {
      const text = d.toString();
      output.push(text);
      url ??= /web app\s+(http:\/\/\S+?)\/?\s/.exec(output.join(''))?.[1] ?? null;
      if (/keeps running/.test(text)) {
        clearTimeout(timer);
        if (url) done(url);
        else fail(new Error('the demo keeps running but printed no web address'));
      }
    };
    demo.stdout!.on('data', read);
    demo.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    demo.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`the demo stopped (${signal ?? `exit code ${code}`}):\n${output.join('').slice(-3000)}`));
    });
  });
}

async function signedIn(base: string, email: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser!.newContext({
    baseURL: base,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel(/邮箱/).fill(email);
  await page.getByLabel(/密码/).fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
  return page;
}

/** Waits for the page to settle: no request in flight for a moment, fonts loaded, animations done. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => undefined);
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.waitForTimeout(600);
}

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  await settled(page);
  const file = join(outDir, name);
  await page.screenshot({ path: file, fullPage });
  say(`${file} (${Math.round(statSync(file).size / 1024)} kB)`);
}

async function matterId(page: Page, code: string): Promise<string> {
  const res = await page.request.get(`/api/v1/matters?q=${encodeURIComponent(code)}&pageSize=20`);
  const body = (await res.json()) as { items: Array<{ id: string; code: string }> };
  const hit = body.items.find((m) => m.code === code);
  if (!hit) throw new Error(`no matter ${code} in the demo`);
  return hit.id;
}

process.on('SIGINT', () => void stop().then(() => process.exit(130)));
process.on('SIGTERM', () => void stop().then(() => process.exit(143)));

try {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);
  if (!existsSync('dist/web/index.html')) throw new Error('dist/web/index.html is missing: run `npm run build` first');
  mkdirSync(outDir, { recursive: true });
  say('starting the demo (its own database and output folder) and waiting until it keeps serving');
  const base = await startDemo();
  say(`demo serving ${base}/`);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: 60_000 });

  // a manager's inbox: milestones, progress reports and an urge notice to acknowledge
  const manager = await signedIn(base, 'commerce.manager@demo.reformflow.local', DESKTOP);
  await manager.goto('/inbox');
  await manager
    .getByRole('link', { name: /确认收到/ })
    .first()
    .waitFor({ timeout: 20_000 });
  await shoot(manager, 'inbox.png');

  const phone = await signedIn(base, 'commerce.manager@demo.reformflow.local', PHONE);
  await phone.goto('/inbox');
  await phone
    .getByRole('link', { name: /确认收到/ })
    .first()
    .waitFor({ timeout: 20_000 });
  await shoot(phone, 'inbox-phone.png', true);

  // a matter at the provincial approval, as its approver sees it: steps done, current, and the decision buttons
  const approver = await signedIn(base, 'gd.approver@demo.reformflow.local', DESKTOP);
  const id = await matterId(approver, 'OP24-04-01');
  await approver.goto(`/matters/${id}?tab=approval`);
  await approver.getByRole('heading', { level: 1 }).waitFor({ timeout: 20_000 });
  await approver
    .getByRole('button', { name: /同\s*意/ })
    .first()
    .waitFor({ timeout: 20_000 });
  await shoot(approver, 'matter.png', true);
  await approver.getByRole('tab', { name: /办理记录/ }).click();
  await shoot(approver, 'matter-timeline.png', true);

  // the reform office's 工作台
  const office = await signedIn(base, 'cro.li@demo.reformflow.local', DESKTOP);
  await office.goto('/dashboard');
  await office.getByRole('heading', { level: 1 }).waitFor({ timeout: 20_000 });
  await office
    .locator('canvas, svg')
    .first()
    .waitFor({ timeout: 20_000 })
    .catch(() => undefined);
  await shoot(office, 'dashboard.png', true);

  await stop();
  say('done');
  process.exit(0);
} catch (e) {
  console.error(`[screenshots] ${(e as Error).stack ?? String(e)}`);
  await stop();
  process.exit(1);
}
