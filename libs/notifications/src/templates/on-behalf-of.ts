import type { TemplateData, TemplateName } from './template-data.js';

/** The web pages of a matter a mail links to: the matter itself and the urge notice's answer. */
const LINK_KEYS: ReadonlySet<string> = new Set(['url', 'acknowledgeUrl']);

/** `url` with `onBehalfOf=<id>` added to its query, its other parameters and hash kept; a URL naming someone already is left alone. */
export function withOnBehalfOf(url: string, userId: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (!/\/matters\/[^/]+$/.test(u.pathname) || u.searchParams.has('onBehalfOf')) return url;
  u.searchParams.set('onBehalfOf', userId);
  return u.toString();
}

/**
 * 委托代理: a mail's data as the deputy receives it, every link to a matter's page carrying
 * `?onBehalfOf=<absent person>`, so it opens the page acting for them (as the inbox's links do).
 * Links to other pages (reports, settings) are left as they are. Returns a copy.
 */
export function linksOnBehalfOf<N extends TemplateName>(data: TemplateData[N], userId: string): TemplateData[N] {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, LINK_KEYS.has(k) && typeof x === 'string' ? withOnBehalfOf(x, userId) : walk(x)]),
    );
  };
  return walk(data) as TemplateData[N];
}
