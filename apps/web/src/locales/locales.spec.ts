/// <reference types="node" />
/// <reference types="jest" />
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every string of the web app exists in zh-CN and en with the same keys (plural forms count as one key). */
const dir = fileURLToPath(new URL('.', import.meta.url));
const LANGS = ['zh-CN', 'en'];
const PLURAL = /_(zero|one|two|few|many|other)$/;

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}
const read = (lng: string, ns: string): unknown => JSON.parse(readFileSync(join(dir, lng, `${ns}.json`), 'utf8'));
const namespaces = (lng: string) =>
  readdirSync(join(dir, lng))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();

describe('web app locales', () => {
  it('has the same namespaces in every language', () => {
    expect(namespaces('en')).toEqual(namespaces('zh-CN'));
    expect(namespaces('zh-CN')).toEqual(expect.arrayContaining(['common', 'auth', 'inbox', 'matter', 'settings']));
  });

  for (const ns of namespaces('zh-CN')) {
    it(`${ns}: zh-CN and en have the same keys`, () => {
      const [zh, en] = LANGS.map((lng) => [...new Set(keys(read(lng, ns)).map((k) => k.replace(PLURAL, '')))].sort());
      expect({ ns, missingInEn: zh.filter((k) => !en.includes(k)), missingInZh: en.filter((k) => !zh.includes(k)) }).toEqual({
        ns,
        missingInEn: [],
        missingInZh: [],
      });
    });

    it(`${ns}: no empty strings`, () => {
      for (const lng of LANGS) {
        const empty: string[] = [];
        const walk = (v: unknown, p: string) => {
          if (typeof v === 'string') {
            if (!v.trim()) empty.push(p);
          } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, p ? `${p}.${k}` : k);
        };
        walk(read(lng, ns), '');
        expect({ lng, ns, empty }).toEqual({ lng, ns, empty: [] });
      }
    });
  }

  it('labels every enum the API sends', () => {
    const common = read('zh-CN', 'common') as Record<string, Record<string, unknown>>;
    expect(Object.keys(common.stage)).toEqual([
      'draft',
      'in_approval',
      'approved',
      'in_implementation',
      'in_evaluation',
      'closed',
      'withdrawn',
      'terminated',
    ]);
    expect(Object.keys(common.taskKind).sort()).toEqual(
      [
        'approval_step',
        'milestone',
        'progress_report',
        'stage',
        'urge_notice',
        'evaluation',
        'evaluator_needed',
        'overdue_deadline',
        'delivery_failed',
        'authorization_expiry',
        'part',
        'instruction',
        'order',
        'acceptance',
      ].sort(),
    );
    expect(Object.keys(common.verdict)).toEqual(['replicable', 'needs_adjustment', 'ineffective']);
    expect(Object.keys(common.role).sort()).toEqual(['admin', 'approver', 'evaluator', 'manager', 'reform_office']);
  });
});
