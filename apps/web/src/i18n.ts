import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import i18n, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from './api/hooks/types';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Every namespace of every language, bundled: src/locales/<lng>/<ns>.json, one namespace per area
 * (common, auth, inbox, matter, settings, and W2's matters, dashboard, reports, import, admin).
 */
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });

export const LANGS: Lang[] = ['zh-CN', 'en'];
const resources: Resource = {};
for (const [path, content] of Object.entries(files)) {
  const m = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (!m) continue;
  (resources[m[1]] ??= {})[m[2]] = content;
}
export const NAMESPACES = [...new Set(Object.keys(files).map((p) => /([^/]+)\.json$/.exec(p)?.[1] ?? 'common'))];

const STORAGE_KEY = 'rf_lang';
export function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'zh-CN' || v === 'en') return v;
  } catch {
    /* no storage: Chinese */
  }
  return 'zh-CN';
}

export function applyLang(lng: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    /* not remembered, still applied */
  }
  dayjs.locale(lng === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = lng;
  if (i18n.language !== lng) void i18n.changeLanguage(lng);
}

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLang(),
  fallbackLng: 'zh-CN',
  supportedLngs: LANGS,
  ns: NAMESPACES,
  defaultNS: 'common',
  fallbackNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyLang(storedLang());

export default i18n;
