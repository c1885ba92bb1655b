import { useTranslation } from 'react-i18next';
import type { Lang, LocalizedText as Text } from '../api/hooks/types';

/** `zh` in Chinese, `en` in English, each falling back to the other. */
export function pickText(text: Text | null | undefined, lang: string): string {
  if (!text) return '';
  const zh = text.zh?.trim();
  const en = text.en?.trim();
  return (lang.startsWith('zh') ? zh || en : en || zh) ?? '';
}

/** The reader's language, as the API spells it. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** Picks a localized text by the reader's language. */
export function useLocalized(): (text: Text | null | undefined) => string {
  const lang = useLang();
  return (text) => pickText(text, lang);
}

export function LocalizedText({ value, fallback = '' }: { value: Text | null | undefined; fallback?: string }) {
  const pick = useLocalized();
  return <>{pick(value) || fallback}</>;
}
