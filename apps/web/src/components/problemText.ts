/**
 * A problem+json answer in the reader's words. Kept apart from useApiForm so that pages without
 * a form (and the error page on the first load) do not pull antd's Form into their chunks.
 */
import { useTranslation } from 'react-i18next';
import type { ApiProblem, FieldError } from '../api/client';

/** Rules whose sentence names a bound ("at most 200 characters"): the number is read from the API's text. */
const BOUNDED = new Set(['max_length', 'min_length', 'max', 'min', 'max_items', 'min_items']);

/**
 * A field error's message in the reader's language: the API names the rule (`required`,
 * `max_length`, `duration`, …) and writes its message in English; a known rule is said from the
 * locale files (`common:rule.<rule>`), an unknown one keeps the API's text.
 */
export function useFieldErrorText(): (e: Pick<FieldError, 'rule' | 'message'>) => string {
  const { t, i18n } = useTranslation('common');
  return (e) => {
    if (!e.rule) return e.message;
    const key = `rule.${e.rule}`;
    if (!i18n.exists(key, { ns: 'common' })) return e.message;
    if (BOUNDED.has(e.rule)) {
      const limit = /(\d+)/.exec(e.message)?.[1];
      return limit ? t(key, { limit }) : e.message;
    }
    return t(key);
  };
}

/** A problem's words for a person: its detail, else a generic sentence for its status. */
export function useProblemText(): (p: ApiProblem | null | undefined) => string {
  const { t } = useTranslation('common');
  return (p) => {
    if (!p) return '';
    if (p.status === 0) return t('error.network');
    if (p.code === 'auth.csrf') return t('error.csrf');
    if (p.status === 403) return p.detail || t('error.forbidden');
    if (p.status === 404) return t('error.notFound');
    if (p.status >= 500) return t('error.server');
    if ((p.status === 400 || p.status === 422) && p.errors.length && !p.detail) return t('error.validation');
    return p.detail || p.title || t('error.generic', { detail: p.code });
  };
}
