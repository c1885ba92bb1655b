import type { HelperDelegate, HelperOptions } from 'handlebars';
import { DEADLINE_KINDS, ESCALATION_TARGETS, VERDICTS } from '#domain';
import {
  TemplateValueError,
  type Words,
  formatInstant,
  formatList,
  formatLocalDate,
  formatLocalized,
  formatOffset,
  isAtDueTime,
} from './formatters.js';

/** Where a render keeps its recipient's words and zone: `options.data.reformflow`, inherited by every partial and block. */
export const WORDS_KEY = 'reformflow';

type Handlebars = typeof import('handlebars');

function wordsOf(options: HelperOptions): Words {
  const words = (options.data as Record<string, unknown> | undefined)?.[WORDS_KEY];
  if (!words) throw new Error('a mail template helper ran outside renderTemplate');
  return words as Words;
}

/** Splits Handlebars' `(...params, options)` call. */
function split(args: unknown[]): { params: unknown[]; options: HelperOptions } {
  return { params: args.slice(0, -1), options: args[args.length - 1] as HelperOptions };
}

const where = (options: HelperOptions): string => {
  const loc = (options as HelperOptions & { loc?: { start: { line: number; column: number } } }).loc;
  return loc ? ` (line ${loc.start.line}, column ${loc.start.column + 1})` : '';
};

function oneOf<T extends string>(helper: string, allowed: readonly T[], value: unknown): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new TemplateValueError(`${helper}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(value) ?? 'undefined'}`);
}

/** A helper of one value, given the recipient's words; errors name the helper and the place in the template. */
function unary(name: string, format: (value: unknown, words: Words) => unknown): HelperDelegate {
  return (...args: unknown[]) => {
    const { params, options } = split(args);
    try {
      if (params.length !== 1)
        throw new TemplateValueError(
          `${name}: takes exactly one value, got ${params.length}${params.length === 0 ? ` (is a catalog parameter named "${name}"? helpers win over parameters: rename it)` : ''}`,
        );
      return format(params[0], wordsOf(options));
    } catch (e) {
      if (e instanceof TemplateValueError) e.message += where(options);
      throw e;
    }
  };
}

export function registerHelpers(hb: Handlebars): void {
  // Strict mode makes `{{a.b}}` throw when `b` is missing, but not a block helper's argument:
  // `{{#if comment}}` would quietly take a misspelt or absent field for "no". Here it throws
  // too; the contract sends null, never undefined, for an absent value.
  for (const name of ['if', 'unless', 'each', 'with']) {
    const builtin = hb.helpers[name];
    hb.registerHelper(name, function (this: unknown, ...args: unknown[]): unknown {
      const { params, options } = split(args);
      if (params[0] === undefined) throw new TemplateValueError(`{{#${name}}} got a missing field${where(options)}`);
      return (builtin as (...a: unknown[]) => unknown).apply(this, args);
    });
  }

  /** `{{t "mail.digest.lead" day=… count=…}}`: a catalog string with named parameters; extra positional parts extend the key (`{{t "mail.decision-made.next" decision}}`). */
  hb.registerHelper('t', (...args: unknown[]) => {
    const { params, options } = split(args);
    const parts = params.map((p) => {
      if (typeof p !== 'string' || p === '')
        throw new TemplateValueError(`t: key parts must be text, got ${JSON.stringify(p) ?? 'undefined'}${where(options)}`);
      return p;
    });
    const hash = options.hash as Record<string, unknown>;
    for (const [k, v] of Object.entries(hash))
      if (v === undefined || v === null)
        throw new TemplateValueError(`t "${parts.join('.')}": parameter ${k} is ${String(v)}${where(options)}`);
    return wordsOf(options).translate(parts.join('.'), hash);
  });

  hb.registerHelper('text', unary('text', formatLocalized));
  hb.registerHelper('time', unary('time', formatInstant));
  hb.registerHelper('date', unary('date', formatLocalDate));
  hb.registerHelper('duration', unary('duration', formatOffset));
  /** `{{#if (provisional deadline)}}`: the deadline's due time is an estimate on weekends alone (false when the data predates the flag). */
  hb.registerHelper(
    'provisional',
    unary('provisional', (v) => typeof v === 'object' && v !== null && (v as { provisional?: unknown }).provisional === true),
  );
  hb.registerHelper(
    'atDueTime',
    unary('atDueTime', (v) => isAtDueTime(v)),
  );
  hb.registerHelper(
    'verdict',
    unary('verdict', (v, w) => w.translate(`verdict.${oneOf('verdict', VERDICTS, v)}`)),
  );
  hb.registerHelper(
    'decision',
    unary('decision', (v, w) => w.translate(`decision.${oneOf('decision', ['approved', 'rejected', 'returned'], v)}`)),
  );
  hb.registerHelper(
    'deadlineKind',
    unary('deadlineKind', (v, w) => w.translate(`deadlineKind.${oneOf('deadlineKind', DEADLINE_KINDS, v)}`)),
  );
  hb.registerHelper(
    'escalationTargets',
    unary('escalationTargets', (v, w) => {
      if (!Array.isArray(v) || v.length === 0)
        throw new TemplateValueError(`escalationTargets: expected a non-empty list, got ${JSON.stringify(v)}`);
      return formatList(
        v.map((target) => w.translate(`escalationTarget.${oneOf('escalationTargets', ESCALATION_TARGETS, target)}`)),
        w,
      );
    }),
  );
  /** A template's name for people (`deadline-reminder` → 到期提醒); a name the catalog does not know is shown as it is. */
  hb.registerHelper(
    'templateLabel',
    unary('templateLabel', (v, w) => {
      if (typeof v !== 'string' || !v) throw new TemplateValueError(`templateLabel: expected a template name, got ${JSON.stringify(v)}`);
      return w.has(`templateName.${v}`) ? w.translate(`templateName.${v}`) : v;
    }),
  );
  /** HTML only: a person's text with its line breaks kept (escaped, then `<br>`). */
  hb.registerHelper(
    'multiline',
    unary('multiline', (v) => {
      if (typeof v !== 'string') throw new TemplateValueError(`multiline: expected text, got ${JSON.stringify(v) ?? 'undefined'}`);
      return new hb.SafeString(hb.escapeExpression(v).replace(/\r\n|\r|\n/g, '<br>'));
    }),
  );
  hb.registerHelper('eq', (...args: unknown[]) => {
    const { params, options } = split(args);
    if (params.length !== 2 || params.includes(undefined))
      throw new TemplateValueError(`eq: takes two values, got ${JSON.stringify(params)}${where(options)}`);
    return params[0] === params[1];
  });
}
