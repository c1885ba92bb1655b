/**
 * Where a process spent its CPU: a V8 CPU profile (node --cpu-prof) summed by self time,
 * per area (a package in node_modules, a lib or app of ours, Node internals, GC) and per
 * function. Run a benchmark with `--profile` to get one for the api or the worker.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Row, fmt, printTable } from './report.js';
import { LOGS_DIR } from './run.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export const PROFILES_DIR = join(LOGS_DIR, 'profiles');

/** Node flags that write a profile of the process to PROFILES_DIR when it exits. */
export function profileArgs(name: string): string[] {
  return ['--cpu-prof', `--cpu-prof-dir=${PROFILES_DIR}`, `--cpu-prof-name=${name}.cpuprofile`];
}

function areaOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  const ours = /\/(apps|libs)\/([^/]+)\/src\/(.*)$/.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  if (url.startsWith('node:')) return 'node internals';
  return url.replace(/^file:\/\//, '');
}

export interface ProfileSummary {
  totalMs: number;
  areas: Array<{ area: string; ms: number; share: number }>;
  functions: Array<{ fn: string; where: string; ms: number; share: number }>;
  /** Our own functions (apps/, libs/) by inclusive time: what they and everything they call cost. */
  inclusive: Array<{ fn: string; where: string; ms: number; share: number }>;
}

export function summariseProfile(file: string, top = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++)
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, { where: string; ms: number }>();
  for (const [id, t] of self) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
      if (!/\/(apps|libs)\/[^/]+\/src\//.test(url) || url.includes('node_modules')) continue;
      const key = `${functionName || '(anonymous)'} ${url}:${lineNumber}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const f = inclusive.get(key) ?? { where: `${areaOf(url, functionName)}/${url.split('/').pop()}:${lineNumber + 1}`, ms: 0 };
      f.ms += t;
      inclusive.set(key, f);
    }
  }
  const areas = new Map<string, number>();
  const fns = new Map<string, { where: string; ms: number }>();
  let total = 0;
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)') continue;
    total += t;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + t);
    const key = `${functionName || '(anonymous)'} ${url}:${lineNumber}`;
    const f = fns.get(key) ?? { where: `${area}${url ? `:${lineNumber + 1}` : ''}`, ms: 0 };
    f.ms += t;
    fns.set(key, f);
  }
  return {
    totalMs: total,
    areas: [...areas.entries()]
      .map(([area, ms]) => ({ area, ms, share: ms / total }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
    functions: [...fns.entries()]
      .map(([key, f]) => ({ fn: key.split(' ')[0], where: f.where, ms: f.ms, share: f.ms / total }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
    inclusive: [...inclusive.entries()]
      .map(([key, f]) => ({ fn: key.split(' ')[0], where: f.where, ms: f.ms, share: f.ms / total }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
  };
}

/** Prints the summary of the newest profile named `<name>.cpuprofile`. */
export function printProfile(name: string): ProfileSummary | null {
  const file = readdirSync(PROFILES_DIR).find((f) => f === `${name}.cpuprofile`);
  if (!file) return null;
  const s = summariseProfile(join(PROFILES_DIR, file));
  const rows = (xs: Array<{ ms: number; share: number }>, label: (x: never) => Row): Row[] => xs.map((x) => label(x as never));
  printTable(
    `CPU profile of ${name}: self time by area (${fmt(s.totalMs / 1000, 1)} s busy)`,
    ['area', 'ms', 'share'],
    rows(s.areas, (a: { area: string; ms: number; share: number }) => [a.area, fmt(a.ms, 0), `${(a.share * 100).toFixed(1)} %`]),
  );
  printTable(
    `CPU profile of ${name}: hottest functions (self time)`,
    ['function', 'where', 'ms', 'share'],
    rows(s.functions, (f: { fn: string; where: string; ms: number; share: number }) => [
      f.fn,
      f.where,
      fmt(f.ms, 0),
      `${(f.share * 100).toFixed(1)} %`,
    ]),
  );
  printTable(
    `CPU profile of ${name}: our functions by inclusive time (they and all they call)`,
    ['function', 'where', 'ms', 'share'],
    rows(s.inclusive, (f: { fn: string; where: string; ms: number; share: number }) => [
      f.fn,
      f.where,
      fmt(f.ms, 0),
      `${(f.share * 100).toFixed(1)} %`,
    ]),
  );
  return s;
}
