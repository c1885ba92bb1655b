import { App, Form, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldError } from '../api/client';
import { useFieldErrorText } from './problemText';

export type NamePath = (string | number)[];

/** `milestones[0].dueIn` → ['milestones', 0, 'dueIn']. */
export function parseFieldPath(field: string): NamePath {
  const out: NamePath = [];
  for (const part of field.split('.')) {
    const re = /([^[\]]+)|\[(\d+)\]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(part))) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  }
  return out;
}

const samePath = (a: NamePath, b: NamePath) => a.length === b.length && a.every((x, i) => String(x) === String(b[i]));

export interface ApiFormOptions {
  /** Server field → form field, where the form names it differently (`title.zh` → ['titleZh']). Null drops it. */
  mapField?: (path: NamePath, error: FieldError) => NamePath | null;
}

/**
 * An antd Form wired to problem+json: `handleError(e)` puts each `errors[].field` message on the
 * form field it names, keeps what was typed, and returns the problem for the caller to show
 * what landed on no field (a 409, a 403, a rule about the whole matter).
 */
export function useApiForm<T = Record<string, unknown>>(options: ApiFormOptions = {}) {
  const [form] = Form.useForm<T>();
  const { t } = useTranslation('common');
  const { message } = App.useApp();
  const fieldText = useFieldErrorText();
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  /** Field errors the form has no field for, shown above the buttons. */
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);

  const handleError = useCallback(
    (e: unknown): ApiProblem => {
      const p = e instanceof ApiProblem ? e : new ApiProblem(0, { code: 'client', detail: (e as Error)?.message ?? String(e) });
      setProblem(p);
      const registered = (form as FormInstance).getFieldsError().map((f) => f.name);
      const left: FieldError[] = [];
      const fields: Array<{ name: NamePath; errors: string[] }> = [];
      for (const fe of p.errors) {
        const raw = parseFieldPath(fe.field);
        let name = options.mapField ? options.mapField(raw, fe) : raw;
        // a form that asks for one language has the text's field, not its zh/en part
        if (name && !registered.some((r) => samePath(r, name!)) && (name.at(-1) === 'zh' || name.at(-1) === 'en')) name = name.slice(0, -1);
        if (name && registered.some((r) => samePath(r, name))) {
          const existing = fields.find((f) => samePath(f.name, name));
          if (existing) existing.errors.push(fieldText(fe));
          else fields.push({ name, errors: [fieldText(fe)] });
        } else left.push({ ...fe, message: fieldText(fe) });
      }
      (form as FormInstance).setFields(fields);
      setUnplaced(left);
      if (fields.length) {
        void message.error(t('error.validation'));
        (form as FormInstance).scrollToField(fields[0].name, { block: 'center' });
      }
      return p;
    },
    [form, message, options, t, fieldText],
  );

  const clear = useCallback(() => {
    setProblem(null);
    setUnplaced([]);
  }, []);

  return { form, problem, unplaced, handleError, clear, setProblem };
}

export { useProblemText } from './problemText';
