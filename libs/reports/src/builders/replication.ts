import type { Instant, LocalizedText } from '#domain';
import { policyAreaRef } from '../policy-areas.js';
import type { ExperienceEntry, ReplicationReport, RubricCriterion, UnitRef } from '../model.js';
import { withChecksum } from './checksum.js';
import { round2 } from './facts.js';

/** An experience as loaded, before the report orders and averages anything. */
export type ExperienceFact = Omit<ExperienceEntry, 'evaluation'> & {
  evaluation: Omit<ExperienceEntry['evaluation'], 'averageScore'>;
};

export interface ReplicationOptions {
  /** Null for the draft of what the next batch would issue. */
  number: number | null;
  issuedAt: Instant | null;
  issuedBy: { name: string; unit: UnitRef } | null;
  title: LocalizedText;
  generatedAt: Instant;
  timeZone: string;
  rubric: RubricCriterion[];
}

/**
 * The replication-of-experience report (可复制推广经验): the experiences, grouped by policy
 * area (groups by key, experiences by matter code), each with its evidence and the
 * evaluator's scores in rubric order.
 */
export function buildReplicationReport(experiences: readonly ExperienceFact[], o: ReplicationOptions): ReplicationReport {
  const order = new Map(o.rubric.map((c, i) => [c.key, i]));
  const groups = new Map<string, ExperienceEntry[]>();
  for (const e of experiences) {
    const scores = [...e.evaluation.scores].sort((a, b) => (order.get(a.criterion) ?? 1e9) - (order.get(b.criterion) ?? 1e9));
    const averageScore = scores.length ? round2(scores.reduce((s, x) => s + x.score, 0) / scores.length) : 0;
    const entry: ExperienceEntry = { ...e, evaluation: { ...e.evaluation, scores, averageScore } };
    const key = e.matter.policyArea.key;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return withChecksum<ReplicationReport>({
    kind: 'replication',
    number: o.number,
    issuedAt: o.issuedAt,
    issuedBy: o.issuedBy,
    title: o.title,
    generatedAt: o.generatedAt,
    timeZone: o.timeZone,
    rubric: o.rubric,
    groups: [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, list]) => ({
        policyArea: policyAreaRef(key),
        experiences: list.sort((a, b) => a.matter.code.localeCompare(b.matter.code)),
      })),
    total: experiences.length,
  });
}
