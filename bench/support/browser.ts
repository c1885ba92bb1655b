/**
 * A cold browser for benchmarks: Debian's Chromium through playwright-core, a new
 * temporary profile per run (launch() makes one and removes it at close), the HTTP cache
 * disabled over CDP, and every response recorded (URL, type, bytes on the wire, when it
 * started and finished) so a slow page can be taken apart request by request.
 */
import { type Browser, type BrowserContext, type CDPSession, type Page, chromium } from 'playwright-core';
import { onCleanup } from './run.js';

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

export interface RequestRecord {
  url: string;
  type: string;
  status: number;
  /** Bytes on the wire (headers and encoded body). */
  encodedBytes: number;
  contentEncoding: string | null;
  /** ms since navigation start. */
  startMs: number;
  endMs: number;
}

export interface ColdPage {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  requests: RequestRecord[];
  close(): Promise<void>;
}

/**
 * A fresh browser and page, signed in by `signIn` (cookies only: what it loads is not
 * cached, the cache is off anyway), recording requests from the next navigation on.
 */
export async function coldPage(
  baseUrl: string,
  options: { viewport?: { width: number; height: number }; signIn?: (context: BrowserContext) => Promise<void> } = {},
): Promise<ColdPage> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, timeout: 60_000 });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await browser.close();
  };
  onCleanup('close chromium', close);
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: options.viewport ?? { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  if (options.signIn) await options.signIn(context);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const requests: RequestRecord[] = [];
  const open = new Map<string, Partial<RequestRecord> & { wall: number }>();
  let origin = 0; // the navigation's start, in CDP's monotonic seconds
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.type === 'Document' && origin === 0) origin = e.timestamp;
    open.set(e.requestId, { url: e.request.url, type: e.type ?? 'Other', startMs: e.timestamp, wall: e.wallTime });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = open.get(e.requestId);
    if (!r) return;
    r.status = e.response.status;
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    r.contentEncoding = headers['content-encoding'] ?? null;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = open.get(e.requestId);
    if (!r) return;
    open.delete(e.requestId);
    requests.push({
      url: r.url!,
      type: r.type!,
      status: r.status ?? 0,
      encodedBytes: e.encodedDataLength,
      contentEncoding: r.contentEncoding ?? null,
      startMs: (r.startMs! - origin) * 1000,
      endMs: (e.timestamp - origin) * 1000,
    });
  });
  return { browser, context, page, cdp, requests, close };
}

/**
 * Signs in once with the web app's cookie session (POST /api/v1/auth/session, as the
 * sign-in page does) and hands the session's cookies to every fresh browser: the api
 * throttles sign-in attempts per account, and a cold run is about the page, not argon2.
 */
export async function cookieSession(baseUrl: string, email: string, password: string): Promise<(context: BrowserContext) => Promise<void>> {
  const res = await fetch(`${baseUrl}/api/v1/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${email}: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((line) => {
    const [pair] = line.split(';');
    const i = pair.indexOf('=');
    return { name: pair.slice(0, i).trim(), value: pair.slice(i + 1).trim(), url: baseUrl };
  });
  return (context) => context.addCookies(cookies);
}

/** ms from the navigation's start to now, read in the page (performance.now() counts from timeOrigin). */
export async function sinceNavigationStart(page: Page): Promise<number> {
  return page.evaluate('performance.now()');
}

export interface CpuSummary {
  totalMs: number;
  byScript: Array<{ name: string; ms: number }>;
  byFunction: Array<{ name: string; script: string; ms: number }>;
}

interface ProfileNode {
  id: number;
  hitCount?: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Self time of a V8 CPU profile (CDP Profiler.stop), by script file and by function. */
export function summariseCpu(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }): CpuSummary {
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0) / 1000);
  const scripts = new Map<string, number>();
  const functions = new Map<string, { name: string; script: string; ms: number }>();
  let totalMs = 0;
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    if (!t) continue;
    totalMs += t;
    const f = node.callFrame;
    const script = f.url ? (f.url.split('/').pop() ?? f.url) : `(${f.functionName || 'native'})`;
    scripts.set(script, (scripts.get(script) ?? 0) + t);
    const key = `${script}:${f.functionName}:${f.lineNumber}`;
    const entry = functions.get(key) ?? { name: f.functionName || '(anonymous)', script, ms: 0 };
    entry.ms += t;
    functions.set(key, entry);
  }
  return {
    totalMs,
    byScript: [...scripts.entries()].map(([name, t]) => ({ name, ms: t })).sort((a, b) => b.ms - a.ms),
    byFunction: [...functions.values()].sort((a, b) => b.ms - a.ms),
  };
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

export interface TraceSummary {
  /** Wall time the renderer's main thread spent in each kind of work (self time: children subtracted), ms. */
  byEvent: Array<{ name: string; ms: number; count: number }>;
}

/**
 * Starts a Chrome trace of the page's renderer (the DevTools "Performance" categories). Its summary
 * names what a CPU profile lumps together as "(program)": style recalculation, layout, paint,
 * stylesheet parsing, script compilation.
 */
export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceSummary>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    events.push(...(e.value as unknown as TraceEvent[]));
  });
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'] },
  });
  return async () => {
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await done;
    // every renderer main thread: the navigation leaves about:blank's renderer for the site's own
    const mains = new Set(
      events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
    );
    const onMain = events
      .filter((e) => mains.has(`${e.pid}:${e.tid}`) && e.ph === 'X' && typeof e.dur === 'number')
      .sort((a, b) => a.pid - b.pid || a.tid - b.tid || a.ts - b.ts || b.dur! - a.dur!);
    const self = new Map<string, { ms: number; count: number }>();
    const stack: Array<{ e: TraceEvent; end: number; childUs: number }> = [];
    const close = (upTo: number) => {
      while (stack.length && stack[stack.length - 1].end <= upTo) {
        const top = stack.pop()!;
        const entry = self.get(top.e.name) ?? { ms: 0, count: 0 };
        entry.ms += Math.max(0, top.e.dur! - top.childUs) / 1000;
        entry.count++;
        self.set(top.e.name, entry);
      }
    };
    let thread = '';
    for (const e of onMain) {
      if (`${e.pid}:${e.tid}` !== thread) {
        close(Number.POSITIVE_INFINITY);
        thread = `${e.pid}:${e.tid}`;
      }
      close(e.ts);
      if (stack.length) stack[stack.length - 1].childUs += e.dur!;
      stack.push({ e, end: e.ts + e.dur!, childUs: 0 });
    }
    close(Number.POSITIVE_INFINITY);
    return { byEvent: [...self.entries()].map(([name, v]) => ({ name, ...v })).sort((a, b) => b.ms - a.ms) };
  };
}
