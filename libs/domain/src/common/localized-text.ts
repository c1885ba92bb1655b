/** Text kept in Chinese, English or both. At least one of the two is present. */
export interface LocalizedText {
  zh?: string;
  en?: string;
}

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** The text in the reader's language, falling back to the other one. */
export function textFor(text: LocalizedText, locale: Locale = DEFAULT_LOCALE): string {
  const preferred = locale === 'en' ? text.en : text.zh;
  return preferred ?? text.zh ?? text.en ?? '';
}

export function hasText(text: LocalizedText | undefined): boolean {
  return !!text && (!!text.zh?.trim() || !!text.en?.trim());
}
