import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from './api/hooks/types';
import { LANGS, loadBundle, storeLang, storedLang } from './locales/bundles';

export { LANGS, storedLang };

/** Adds a language's strings once they have loaded (the bundle is cached, so this is cheap the second time). */
async function ensureLang(lng: Lang): Promise<void> {
  const bundle = await loadBundle(lng);
  for (const [ns, content] of Object.entries(bundle)) {
    if (!i18n.hasResourceBundle(lng, ns)) i18n.addResourceBundle(lng, ns, content, true, false);
  }
}

/** Shows the app in `lng`: remembered in the browser; the strings load first, so no key ever shows. */
export function applyLang(lng: Lang): void {
  storeLang(lng);
  document.documentElement.lang = lng;
  void ensureLang(lng).then(() => {
    if (i18n.language !== lng) void i18n.changeLanguage(lng);
  });
}

/** Starts i18next in the stored language, with its strings loaded (main.tsx waits for it before the first render). */
export async function startI18n(): Promise<void> {
  const lng = storedLang();
  const bundle = await loadBundle(lng);
  await i18n.use(initReactI18next).init({
    resources: { [lng]: bundle },
    lng,
    fallbackLng: false,
    supportedLngs: LANGS,
    ns: Object.keys(bundle),
    defaultNS: 'common',
    fallbackNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
}

export default i18n;
