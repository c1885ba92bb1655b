/** Percentiles, the printed table, and the JSON each benchmark leaves in bench/results/. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR, say } from './run.js';

/** Nearest-rank percentile of unsorted values (copied and sorted here). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  let sum = 0;
  for (const v of sorted) sum += v;
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1], mean: sum / sorted.length };
}

export const fmt = (n: number, digits = 1): string =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 }) : '–';
export const ms = (n: number): string => (Number.isFinite(n) ? `${fmt(n, n < 10 ? 2 : 1)} ms` : '–');
export const pct = (ratio: number): string => (Number.isFinite(ratio) ? `${(ratio * 100).toFixed(1)} %` : '–');
export const bytes = (n: number): string => {
  if (!Number.isFinite(n)) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${fmt(v, v < 10 ? 2 : 1)} ${units[i]}`;
};

export type Row = [string, ...string[]];

/** A plain table with a header row, columns padded to fit (wide characters count once: labels here are ASCII). */
export function printTable(title: string, header: Row, rows: Row[]): void {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: Row) => `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  console.log('');
}

export interface Target {
  what: string;
  target: string;
  measured: string;
  met: boolean | null;
}

export function printTargets(targets: Target[]): void {
  printTable(
    'Targets',
    ['target', 'goal', 'measured', 'met'],
    targets.map((t) => [t.what, t.target, t.measured, t.met === null ? 'n/a' : t.met ? 'yes' : 'NO']),
  );
}

/** Writes bench/results/<name>.json (and a time-stamped copy) with the machine and the run's settings. */
export function writeResults(name: string, data: Record<string, unknown>): string {
  const at = new Date().toISOString();
  const body = JSON.stringify({ benchmark: name, at, node: process.version, ...data }, null, 2);
  const latest = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(latest, `${body}\n`);
  writeFileSync(join(RESULTS_DIR, `${name}-${at.replace(/[:.]/g, '-')}.json`), `${body}\n`);
  say(`results written to ${latest}`);
  return latest;
}
