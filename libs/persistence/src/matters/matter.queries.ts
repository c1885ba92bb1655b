import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type DeliveryStatus,
  type LocalizedText,
  type MatterKind,
  type Outcome,
  type RiskLevel,
  type Stage,
  hasRole,
} from '#domain';
import type { Tx } from '../db.js';
import { deliveryStatusAtSql } from '../visibility/delivery-periods.js';
import { visibleRowsSql } from '../visibility/matter-visibility.js';

export const MATTER_SORT_KEYS = ['code', 'createdAt', 'updatedAt', 'nextDueAt', 'stage'] as const;
export type MatterSortKey = (typeof MATTER_SORT_KEYS)[number];

export interface MatterFilter {
  batchId?: string;
  stages?: readonly Stage[];
  leadingUnitId?: string;
  overdue?: boolean;
  /** The delivery status that holds at `now` (matters no longer open have none). */
  deliveryStatus?: DeliveryStatus;
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
  /** At the moment of the read; null for a matter no longer open. */
  deliveryStatus: DeliveryStatus | null;
  version: number;
  updatedAt: string;
}

const SORT_COLUMNS: Record<MatterSortKey, string> = {
  code: 'code',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  nextDueAt: 'next_due_at',
  stage: 'stage',
};

/** The search expression; matters_search_trgm_idx indexes exactly this. */
const SEARCH_SQL = `(m.code || ' ' || coalesce(m.title_zh, '') || ' ' || coalesce(m.title_en, ''))`;

/**
 * Which matters an actor may see, in SQL over `matters m`. It must say what `canRead` in
 * the domain says; an integration test compares the two over every actor. The lists read
 * `matter_visibility` instead (visibleRowsSql); this form serves reads of a few matters.
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
  /**
   * One page of the matters an actor may see, and their number. The reform office and
   * administrators read `matters`; everyone else reads their own rows of
   * `matter_visibility` (one unit's, by index, with the filter and sort columns copied
   * there), joined to `matters` only for the page and for free text.
   */
  async list(tx: Pick<Tx, 'query'>, actor: Actor, f: MatterFilter, now: Date): Promise<{ items: MatterSummary[]; total: number }> {
    const office = visibleRowsSql(actor, () => '') === null;
    // `s`: where the filter and sort columns live; `id`: the matter's id there
    const s = office ? 'm' : 'v';
    const id = office ? 'm.id' : 'v.matter_id';
    const at = now.toISOString();
    /** The WHERE clause with its own parameters (the count and the page each bind theirs). */
    const conditions = (param: (v: unknown) => string): string => {
      const rows = visibleRowsSql(actor, param);
      const where = rows === null ? [] : [rows];
      if (f.batchId) where.push(`${s}.batch_id = ${param(f.batchId)}`);
      if (f.stages?.length) where.push(`${s}.stage = ANY(${param(f.stages)})`);
      if (f.leadingUnitId) where.push(`${s}.leading_unit_id = ${param(f.leadingUnitId)}`);
      if (f.overdue === true) where.push(`${s}.next_due_at < ${param(at)}::timestamptz`);
      if (f.overdue === false) where.push(`(${s}.next_due_at IS NULL OR ${s}.next_due_at >= ${param(at)}::timestamptz)`);
      if (f.q) where.push(`${SEARCH_SQL} ILIKE ${param(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
      if (f.deliveryStatus) where.push(`${deliveryStatusAtSql(id, `${param(at)}::timestamptz`)} = ${param(f.deliveryStatus)}`);
      return where.length ? where.join(' AND ') : 'TRUE';
    };
    const from = office ? 'matters m' : 'matter_visibility v';
    const count = binder();
    // the count joins `matters` only for free text
    const countSql = `SELECT count(*) AS total FROM ${!office && f.q ? `${from} JOIN matters m ON m.id = v.matter_id` : from}
      WHERE ${conditions(count.param)}`;
    const page = binder();
    const whereSql = conditions(page.param);
    const nowParam = `${page.param(at)}::timestamptz`;
    const direction = f.descending ? 'DESC NULLS LAST' : 'ASC NULLS LAST';
    const rows = await tx.query<Record<string, unknown>>(
      `SELECT m.id, m.batch_id, b.code AS batch_code, m.code, m.title_zh, m.title_en, m.kind, m.policy_area,
              m.leading_unit_id, u.code AS unit_code, u.name_zh AS unit_name_zh, u.name_en AS unit_name_en,
              m.stage, m.outcome, m.risk_level, m.stage_due_at, m.next_due_at, m.version, m.updated_at,
              (m.next_due_at < ${nowParam}) AS overdue, ${deliveryStatusAtSql('m.id', nowParam)} AS delivery_status
       FROM ${office ? 'matters m' : 'matter_visibility v JOIN matters m ON m.id = v.matter_id'}
         JOIN units u ON u.id = m.leading_unit_id JOIN batches b ON b.id = m.batch_id
       WHERE ${whereSql}
       ORDER BY ${s}.${SORT_COLUMNS[f.sort]} ${direction}, ${id}
       LIMIT ${page.param(f.pageSize)} OFFSET ${page.param((f.page - 1) * f.pageSize)}`,
      page.params,
    );
    const [{ total }] = await tx.query<{ total: string }>(countSql, count.params);
    return { items: rows.map(summaryFromRow), total: Number(total) };
  }
}

function binder(): { params: unknown[]; param: (v: unknown) => string } {
  const params: unknown[] = [];
  return {
    params,
    param: (v) => {
      params.push(v);
      return `$${params.length}`;
    },
  };
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
    deliveryStatus: (r.delivery_status as DeliveryStatus | null) ?? null,
    version: r.version as number,
    updatedAt: new Date(r.updated_at as string).toISOString(),
  };
}
