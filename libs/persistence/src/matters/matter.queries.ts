import { Injectable } from '@nestjs/common';
import { type Actor, type LocalizedText, type MatterKind, type Outcome, type RiskLevel, type Stage, hasRole } from '#domain';
import type { Tx } from '../db.js';

export const MATTER_SORT_KEYS = ['code', 'createdAt', 'updatedAt', 'nextDueAt', 'stage'] as const;
export type MatterSortKey = (typeof MATTER_SORT_KEYS)[number];

export interface MatterFilter {
  batchId?: string;
  stages?: readonly Stage[];
  leadingUnitId?: string;
  overdue?: boolean;
  /** Free text over code and both titles. */
  q?: string;
  page: number;
  pageSize: number;
  sort: MatterSortKey;
  descending: boolean;
}

export interface MatterSummary {
  id: string;
  batch: { id: string; code: string };
  code: string;
  title: LocalizedText;
  kind: MatterKind;
  policyArea: string;
  leadingUnit: { id: string; code: string; name: LocalizedText };
  stage: Stage;
  outcome: Outcome | null;
  riskLevel: RiskLevel;
  stageDueAt: string | null;
  nextDueAt: string | null;
  overdue: boolean;
  version: number;
  updatedAt: string;
}

const SORT_SQL: Record<MatterSortKey, string> = {
  code: 'm.code',
  createdAt: 'm.created_at',
  updatedAt: 'm.updated_at',
  nextDueAt: 'm.next_due_at',
  stage: 'm.stage',
};

/** The search expression; matters_search_trgm_idx indexes exactly this. */
const SEARCH_SQL = `(m.code || ' ' || coalesce(m.title_zh, '') || ' ' || coalesce(m.title_en, ''))`;

/**
 * Which matters an actor may see, in SQL. It must say what `canRead` in the domain
 * says; an integration test compares the two over every actor.
 */
export function visibilitySql(actor: Actor, param: (v: unknown) => string): string {
  if (hasRole(actor, 'admin') || hasRole(actor, 'reform_office')) return 'TRUE';
  const unit = param(actor.unitId);
  const clauses = [
    `m.leading_unit_id = ${unit}`,
    `EXISTS (SELECT 1 FROM matter_participating_units p WHERE p.matter_id = m.id AND p.unit_id = ${unit})`,
  ];
  if (hasRole(actor, 'approver')) clauses.push(`EXISTS (SELECT 1 FROM approval_steps s WHERE s.matter_id = m.id AND s.unit_id = ${unit})`);
  if (hasRole(actor, 'evaluator')) clauses.push(`m.stage IN ('in_evaluation', 'closed')`);
  return `(${clauses.join(' OR ')})`;
}

@Injectable()
export class MatterQueries {
  async list(tx: Pick<Tx, 'query'>, actor: Actor, f: MatterFilter, now: Date): Promise<{ items: MatterSummary[]; total: number }> {
    const params: unknown[] = [];
    const param = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = [visibilitySql(actor, param)];
    if (f.batchId) where.push(`m.batch_id = ${param(f.batchId)}`);
    if (f.stages?.length) where.push(`m.stage = ANY(${param(f.stages)})`);
    if (f.leadingUnitId) where.push(`m.leading_unit_id = ${param(f.leadingUnitId)}`);
    if (f.overdue === true) where.push(`m.next_due_at < ${param(now.toISOString())}::timestamptz`);
    if (f.overdue === false) where.push(`(m.next_due_at IS NULL OR m.next_due_at >= ${param(now.toISOString())}::timestamptz)`);
    if (f.q) where.push(`${SEARCH_SQL} ILIKE ${param(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
    const direction = f.descending ? 'DESC NULLS LAST' : 'ASC NULLS LAST';
    const whereSql = where.join(' AND ');
    const [{ total }] = await tx.query<{ total: string }>(`SELECT count(*) AS total FROM matters m WHERE ${whereSql}`, [...params]);
    const nowParam = `${param(now.toISOString())}::timestamptz`;
    const rows = await tx.query<Record<string, unknown>>(
      `SELECT m.id, m.batch_id, b.code AS batch_code, m.code, m.title_zh, m.title_en, m.kind, m.policy_area,
              m.leading_unit_id, u.code AS unit_code, u.name_zh AS unit_name_zh, u.name_en AS unit_name_en,
              m.stage, m.outcome, m.risk_level, m.stage_due_at, m.next_due_at, m.version, m.updated_at,
              (m.next_due_at < ${nowParam}) AS overdue
       FROM matters m JOIN units u ON u.id = m.leading_unit_id JOIN batches b ON b.id = m.batch_id
       WHERE ${whereSql}
       ORDER BY ${SORT_SQL[f.sort]} ${direction}, m.id
       LIMIT ${param(f.pageSize)} OFFSET ${param((f.page - 1) * f.pageSize)}`,
      params,
    );
    return { items: rows.map(summaryFromRow), total: Number(total) };
  }
}

const localized = (zh: unknown, en: unknown): LocalizedText => ({
  ...(zh ? { zh: zh as string } : {}),
  ...(en ? { en: en as string } : {}),
});
const isoOrNull = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

function summaryFromRow(r: Record<string, unknown>): MatterSummary {
  return {
    id: r.id as string,
    batch: { id: r.batch_id as string, code: r.batch_code as string },
    code: r.code as string,
    title: localized(r.title_zh, r.title_en),
    kind: r.kind as MatterKind,
    policyArea: r.policy_area as string,
    leadingUnit: { id: r.leading_unit_id as string, code: r.unit_code as string, name: localized(r.unit_name_zh, r.unit_name_en) },
    stage: r.stage as Stage,
    outcome: (r.outcome as Outcome | null) ?? null,
    riskLevel: r.risk_level as RiskLevel,
    stageDueAt: isoOrNull(r.stage_due_at),
    nextDueAt: isoOrNull(r.next_due_at),
    overdue: r.overdue === true,
    version: r.version as number,
    updatedAt: new Date(r.updated_at as string).toISOString(),
  };
}
