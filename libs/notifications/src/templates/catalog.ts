import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '#domain';

/**
 * A locale catalog (`libs/notifications/locales/<locale>.json`): every word a mail shows,
 * nested by topic, read into a flat map of dotted keys (`mail.digest.lead`). A value is a
 * Handlebars string (`请于{{due}}前办理：{{what}}。`) or, where English needs a singular,
 * plural forms `{ "one": …, "other": … }` chosen by a `count` parameter.
 */
export interface PluralForms {
  one?: string;
  other: string;
}
export type CatalogEntry = string | PluralForms;
export type Catalog = ReadonlyMap<string, CatalogEntry>;

export class CatalogError extends Error {
  override name = 'CatalogError';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{ one?, other }` and nothing else: a leaf, not a group of keys. */
function isPluralForms(v: Record<string, unknown>): v is Record<string, unknown> & PluralForms {
  const keys = Object.keys(v);
  return typeof v.other === 'string' && keys.every((k) => (k === 'one' || k === 'other') && typeof v[k] === 'string');
}

export function parseCatalog(file: string, tree: unknown): Catalog {
  const entries = new Map<string, CatalogEntry>();
  const walk = (node: unknown, path: string[]): void => {
    const key = path.join('.');
    if (typeof node === 'string') entries.set(key, node);
    else if (isRecord(node) && isPluralForms(node)) entries.set(key, { ...node });
    else if (isRecord(node) && Object.keys(node).length > 0) for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
    else throw new CatalogError(`${file}: "${key || '(root)'}" must be a string, { "one", "other" } forms or a non-empty group`);
  };
  walk(tree, []);
  return entries;
}

export function loadCatalog(localesDir: string, locale: Locale): Catalog {
  const file = join(localesDir, `${locale}.json`);
  return parseCatalog(file, JSON.parse(readFileSync(file, 'utf8')) as unknown);
}

/** The form for `count`: `one` for exactly 1 when the catalog has it, `other` otherwise. */
export function pluralForm(entry: CatalogEntry, count: unknown): { form: 'one' | 'other'; text: string } {
  if (typeof entry === 'string') return { form: 'other', text: entry };
  return count === 1 && entry.one !== undefined ? { form: 'one', text: entry.one } : { form: 'other', text: entry.other };
}
