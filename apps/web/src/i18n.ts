import i18n from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import type { Lang } from './api/hooks/types';
import { CORE_NAMESPACES, LANGS, loadCore, loadNamespace, storeLang, storedLang } from './locales/bundles';

export { LANGS, storedLang };

/**
 * Shows the app in `lng`, remembered in the browser. i18next fetches every namespace loaded so far
 * in the new language before it switches, so no key ever shows.
 */
export function applyLang(lng: Lang): void {
  storeLang(lng);
  void i18n.changeLanguage(lng).then(() => {
    document.documentElement.lang = lng;
  });
}

/** A page's namespaces, fetched beside its code (routes.tsx), so it renders once, with its strings. */
export function loadNamespaces(ns: readonly string[]): Promise<void> {
  return ns.length ? i18n.loadNamespaces([...ns]) : Promise.resolve();
}

/** Starts i18next in the stored language, with its core strings (main.tsx waits for it before the first render). */
export async function startI18n(): Promise<void> {
  const lng = storedLang();
  const bundle = await loadCore(lng);
  await i18n
    // a namespace not yet here (another page's, or any in the other language) comes from its chunk
    .use(resourcesToBackend((language: string, ns: string) => loadNamespace(language as Lang, ns)))
    .use(initReactI18next)
    .init({
      resources: { [lng]: bundle },
      partialBundledLanguages: true,
      lng,
      fallbackLng: false,
      supportedLngs: LANGS,
      // a copy: i18next adds every namespace it loads to this array
      ns: [...CORE_NAMESPACES],
      defaultNS: 'common',
      fallbackNS: 'common',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  document.documentElement.lang = lng;
}

export default i18n;
