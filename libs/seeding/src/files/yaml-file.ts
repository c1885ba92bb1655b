import { LineCounter, parseDocument } from 'yaml';
import type { RowProblem } from './problems.js';

/** A parsed YAML file that can say on which line any path in it sits. */
export interface YamlFile {
  value: unknown;
  /** The line of the node at `path`, or of its nearest ancestor that exists; 1 when none does. */
  lineOf: (path: ReadonlyArray<string | number>) => number;
}

/** Parses YAML text; returns its syntax errors (duplicate keys included) as problems with their line. */
export function parseYaml(text: string): { ok: true; file: YamlFile } | { ok: false; problems: RowProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        row: e.linePos?.[0].line ?? 1,
        field: '$',
        rule: e.code === 'DUPLICATE_KEY' ? 'duplicate_key' : 'yaml_syntax',
        message: e.message.split('\n')[0],
      })),
    };
  }
  return {
    ok: true,
    file: {
      value: doc.toJS({ maxAliasCount: 100 }),
      lineOf(path) {
        for (let n = path.length; n >= 0; n--) {
          const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
          if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
        }
        return 1;
      },
    },
  };
}
