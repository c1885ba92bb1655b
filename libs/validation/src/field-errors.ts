import type { z } from 'zod';

/** One broken rule, named so a person can find and fix it: `milestones[0].due`, `max_length`. */
export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

/** `['b', 0, 'c']` → `b[0].c`; the root is `$`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '$';
}

/**
 * Parses `input`; on failure, every broken rule as a field error. The one way every
 * edge validates, so a missing field always reads "required" and a wrong-typed one
 * "type": that distinction needs the input reported on each issue.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldError[] } {
  const parsed = schema.safeParse(input, { reportInput: true });
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

/** Zod's issues as field errors with stable rule names (one per unknown key). */
export function fieldErrors(error: z.ZodError): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ field: fieldPath([...issue.path, key]), rule: 'unknown_field', message: `"${key}" is not a field here` });
      }
      continue;
    }
    out.push({ field: fieldPath(issue.path), rule: ruleOf(issue), message: messageOf(issue) });
  }
  return out;
}

function ruleOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required' : 'type';
    case 'too_big':
      return issue.origin === 'string' ? 'max_length' : issue.origin === 'array' ? 'max_items' : 'max';
    case 'too_small':
      return issue.origin === 'string' ? (issue.minimum === 1 ? 'required' : 'min_length') : issue.origin === 'array' ? 'min_items' : 'min';
    case 'invalid_format':
      return issue.format === 'regex' ? 'pattern' : issue.format;
    case 'invalid_value':
      return issue.input === undefined ? 'required' : 'one_of';
    case 'invalid_union':
      return 'one_of_shapes';
    case 'custom':
      return typeof issue.params?.rule === 'string' ? issue.params.rule : 'invalid';
    default:
      return issue.code;
  }
}

function messageOf(issue: z.core.$ZodIssue): string {
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) return 'is required';
  if (issue.code === 'invalid_value') return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return issue.message;
}
