/**
 * The locale files, loaded as the pages need them: a page loads only the language it shows (the
 * other is fetched when the person switches), and of it the namespaces every signed-in page uses
 * (CORE: one chunk, with the app's first script) and then its own (one small chunk each, loaded
 * beside the page's code: see routes.tsx). Namespace = file name: locales/<lng>/<ns>.json.
 */
import type { Lang } from '../api/hooks/types';

type Strings = Record<string, unknown>;
export type Bundle = Record<string, Strings>;

export const LANGS: Lang[] = ['zh-CN', 'en'];

/** In the first chunk: the layout and its components, sign-in, and the inbox most people open first. */
export const CORE_NAMESPACES: readonly string[] = Object.freeze(['common', 'auth', 'inbox']);

const byFile = (files: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(files).map(([path, content]) => [/([^/]+)\.json$/.exec(path)![1], content]));

const core: Record<Lang, () => Promise<Bundle>> = {
  'zh-CN': () => import('./zh-CN').then((m) => byFile(m.default) as Bundle),
  en: () => import('./en').then((m) => byFile(m.default) as Bundle),
};

// every other namespace its own chunk (the core files are excluded, so none is bundled twice)
const pageFiles: Record<Lang, Record<string, () => Promise<Strings>>> = {
  'zh-CN': byFile(import.meta.glob<Strings>(['./zh-CN/*.json', '!./zh-CN/{common,auth,inbox}.json'], { import: 'default' })) as Record<
    string,
    () => Promise<Strings>
  >,
  en: byFile(import.meta.glob<Strings>(['./en/*.json', '!./en/{common,auth,inbox}.json'], { import: 'default' })) as Record<
    string,
    () => Promise<Strings>
  >,
};

const loaded = new Map<string, Promise<unknown>>();
function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = loaded.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    loaded.set(key, p);
    // a failed fetch (the network went away) is tried again the next time, not remembered
    p.catch(() => loaded.delete(key));
  }
  return p;
}

/** The core namespaces of a language (cached: boot.ts starts this before the app's code arrives). */
export function loadCore(lng: Lang): Promise<Bundle> {
  return once(`${lng} core`, core[lng]);
}

/** One namespace of a language, from the core chunk or its own. */
export function loadNamespace(lng: Lang, ns: string): Promise<Strings> {
  if (CORE_NAMESPACES.includes(ns)) return loadCore(lng).then((b) => b[ns]);
  const file = pageFiles[lng]?.[ns];
  if (!file) return Promise.reject(new Error(`no locale namespace ${lng}/${ns}`));
  return once(`${lng} ${ns}`, file);
}

const STORAGE_KEY = 'rf_lang';

/** The language this browser last showed; Chinese when it never chose. */
export function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'zh-CN' || v === 'en') return v;
  } catch {
    /* no storage: Chinese */
  }
  return 'zh-CN';
}

export function storeLang(lng: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    /* not remembered, still applied */
  }
}
