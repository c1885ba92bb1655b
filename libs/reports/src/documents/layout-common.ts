import type { Instant } from '#domain';
import type { MatterRef } from '../model.js';
import type { ReportFormat } from './format.js';
import type { Block, Inline, Rich } from './outline.js';

export const code = (text: string): Inline => ({ kind: 'code', text });
export const strong = (text: string): Inline => ({ kind: 'strong', text });

/** Links only to the web and mail: anything else (`javascript:`, `file:`) is shown as text, not made a link. */
export function link(href: string, text = href): Inline {
  return /^(https?:\/\/|mailto:)/i.test(href.trim()) ? { kind: 'link', href: href.trim(), text } : text;
}

export const heading = (level: 2 | 3 | 4, text: string | Rich, anchor?: string): Block => ({
  kind: 'heading',
  level,
  text: typeof text === 'string' ? [text] : text,
  ...(anchor ? { anchor } : {}),
});
export const paragraph = (text: string | Rich): Block => ({ kind: 'paragraph', text: typeof text === 'string' ? [text] : text });
export const note = (text: string): Block => ({ kind: 'note', text });

/** The lines every report's title block ends with: when it was generated, the zone its times are in, its checksum. */
export function closingMeta(r: { generatedAt: Instant; checksum: string }, f: ReportFormat): Array<{ label: string; value: Rich }> {
  const m = f.labels.meta;
  return [
    { label: m.generatedAt, value: [f.time(r.generatedAt, 'generatedAt')] },
    { label: m.timeZone, value: [f.zoneName()] },
    { label: m.checksum, value: [code(f.plain(r.checksum))] },
  ];
}

/** Sorts by a code the way the builders do: by code point, so every run of a report lists the same order. */
export const byCode =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };

export const matterCode = (m: MatterRef): Inline => code(m.code);
