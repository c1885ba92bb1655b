import { type LocalizedText, type MatterKind, type Stage, type Target, type TargetComparison, webPaths } from '#domain';
import type { Tx } from '#persistence';
import type { DeliveryStatus, MatterRef, UnitRef } from '../model.js';
import { policyAreaRef } from '../policy-areas.js';

/** `{ zh, en }` from two nullable columns, leaving out the missing language. */
export const text = (zh: string | null, en: string | null): LocalizedText => ({
  ...(zh !== null ? { zh } : {}),
  ...(en !== null ? { en } : {}),
});

export const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
export const isoOf = (d: Date | string): string => new Date(d).toISOString();

export interface MatterRow {
  id: string;
  code: string;
  title_zh: string | null;
  title_en: string | null;
  kind: MatterKind;
  policy_area: string;
  stage: Stage;
  workflow_definition_id: string;
  implementation_started_at: Date | null;
  batch_code: string;
  batch_title_zh: string | null;
  batch_title_en: string | null;
  unit_id: string;
  unit_code: string;
  unit_name_zh: string | null;
  unit_name_en: string | null;
}

/** The columns MatterRow reads; the query aliases matters m, batches b, units u (the leading unit). */
export const MATTER_COLUMNS = `m.id, m.code, m.title_zh, m.title_en, m.kind, m.policy_area, m.stage, m.workflow_definition_id,
  m.implementation_started_at, b.code AS batch_code, b.title_zh AS batch_title_zh, b.title_en AS batch_title_en,
  u.id AS unit_id, u.code AS unit_code, u.name_zh AS unit_name_zh, u.name_en AS unit_name_en`;
export const MATTER_JOINS = `JOIN batches b ON b.id = m.batch_id JOIN units u ON u.id = m.leading_unit_id`;

export const unitRef = (id: string, code: string, zh: string | null, en: string | null): UnitRef => ({ id, code, name: text(zh, en) });

export function matterRef(r: MatterRow, publicUrl: string, deliveryStatus: DeliveryStatus | null): MatterRef {
  return {
    id: r.id,
    code: r.code,
    title: text(r.title_zh, r.title_en),
    batch: { code: r.batch_code, title: text(r.batch_title_zh, r.batch_title_en) },
    leadingUnit: unitRef(r.unit_id, r.unit_code, r.unit_name_zh, r.unit_name_en),
    kind: r.kind,
    policyArea: policyAreaRef(r.policy_area),
    stage: r.stage,
    deliveryStatus,
    url: `${publicUrl}${webPaths.matter(r.id)}`,
  };
}

/** The targets of these matters, in plan order, each with the matter it belongs to. */
export async function loadTargets(tx: Pick<Tx, 'query'>, matterIds: readonly string[]): Promise<Array<Target & { matterId: string }>> {
  if (matterIds.length === 0) return [];
  const rows = await tx.query<{
    id: string;
    matter_id: string;
    indicator_zh: string | null;
    indicator_en: string | null;
    baseline: string | null;
    target_value: string;
    unit: string;
    by_date: string;
    comparison: TargetComparison;
  }>(
    `SELECT id, matter_id, indicator_zh, indicator_en, baseline, target_value, unit, to_char(by_date, 'YYYY-MM-DD') AS by_date, comparison
     FROM matter_targets WHERE matter_id = ANY($1::uuid[]) ORDER BY matter_id, position`,
    [matterIds],
  );
  return rows.map((t) => ({
    matterId: t.matter_id,
    id: t.id,
    indicator: text(t.indicator_zh, t.indicator_en),
    baseline: t.baseline === null ? null : Number(t.baseline),
    targetValue: Number(t.target_value),
    unit: t.unit,
    byDate: t.by_date,
    comparison: t.comparison,
    source: null,
  }));
}
