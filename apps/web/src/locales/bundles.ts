/**
 * The locale files of one language as one chunk: a page loads only the language it shows (the
 * other is fetched when the person switches). Namespace = file name: locales/<lng>/<ns>.json.
 */
import type { Lang } from '../api/hooks/types';

export type Bundle = Record<string, Record<string, unknown>>;

export const LANGS: Lang[] = ['zh-CN', 'en'];

const byFile = (files: Record<string, Record<string, unknown>>): Bundle =>
  Object.fromEntries(Object.entries(files).map(([path, content]) => [/([^/]+)\.json$/.exec(path)![1], content]));

const loaders: Record<Lang, () => Promise<Bundle>> = {
  'zh-CN': () => import('./zh-CN').then((m) => byFile(m.default)),
  en: () => import('./en').then((m) => byFile(m.default)),
};

const loaded = new Map<Lang, Promise<Bundle>>();

export function loadBundle(lng: Lang): Promise<Bundle> {
  let p = loaded.get(lng);
  if (!p) {
    p = loaders[lng]();
    loaded.set(lng, p);
  }
  return p;
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
