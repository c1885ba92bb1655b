/**
 * Who may see a matter, as rows of `matter_visibility` (migration 1764374400000), and the
 * SQL that reads one actor's rows. Both say what `canRead` in the domain says; an
 * integration test compares them after every kind of command.
 *
 * - `member`: the leading unit and each participating unit; anyone of the unit sees it.
 * - `approver`: each other unit with a step in the approval chain (any round); only that
 *   unit's approvers see it.
 * - `evaluator`: while the matter is in evaluation or closed, every evaluator sees it,
 *   whatever their unit. That visibility is a role's, not a unit's, so it is one row per
 *   matter under the nil uuid (EVALUATORS), not a row per unit.
 */
import { type Actor, type Matter, hasRole } from '#domain';
import type { Tx } from '../db.js';

export type Reach = 'member' | 'approver' | 'evaluator';

/** The audience of the evaluators' stage-based visibility: no unit has this id. */
export const EVALUATORS = '00000000-0000-0000-0000-000000000000';

const EVALUATOR_STAGES = ['in_evaluation', 'closed'] as const;

export interface Audience {
  unitId: string;
  reach: Reach;
}

/** The audiences that may see this matter; a unit appears once, with its widest reach. */
export function audiencesOf(m: Pick<Matter, 'leadingUnitId' | 'participatingUnitIds' | 'approvalSteps' | 'stage'>): Audience[] {
  const out = new Map<string, Reach>();
  for (const unitId of [m.leadingUnitId, ...m.participatingUnitIds]) out.set(unitId, 'member');
  for (const s of m.approvalSteps) if (!out.has(s.unitId)) out.set(s.unitId, 'approver');
  if ((EVALUATOR_STAGES as readonly string[]).includes(m.stage)) out.set(EVALUATORS, 'evaluator');
  return [...out].map(([unitId, reach]) => ({ unitId, reach }));
}

/**
 * The condition on `v` (matter_visibility) for the rows of matters this actor may see,
 * each matter at most once; null for the reform office and administrators, who see all.
 * An evaluator's own unit contributes only matters outside evaluation and closure, which
 * the EVALUATORS row already covers, so no matter is listed twice.
 */
export function visibleRowsSql(actor: Actor, param: (v: unknown) => string): string | null {
  if (hasRole(actor, 'admin') || hasRole(actor, 'reform_office')) return null;
  const unit = `v.unit_id = ${param(actor.unitId)}${hasRole(actor, 'approver') ? '' : ` AND v.reach = 'member'`}`;
  if (!hasRole(actor, 'evaluator')) return `(${unit})`;
  return `((${unit} AND v.stage NOT IN ('in_evaluation', 'closed')) OR v.unit_id = '${EVALUATORS}')`;
}

const COLUMNS = [
  'unit_id',
  'matter_id',
  'reach',
  'batch_id',
  'leading_unit_id',
  'stage',
  'code',
  'created_at',
  'updated_at',
  'next_due_at',
];

/**
 * Writes a matter's visibility rows after a save, in the same transaction: an upsert of
 * every audience (the copied list columns change with every command), and a delete of
 * the audiences it lost, only when it lost some.
 */
export async function writeVisibility(
  tx: Pick<Tx, 'execute'>,
  before: Matter | null,
  after: Matter,
  nextDueAt: string | null,
): Promise<void> {
  const audiences = audiencesOf(after);
  if (before) {
    const kept = new Set(audiences.map((a) => a.unitId));
    const lost = audiencesOf(before).filter((a) => !kept.has(a.unitId));
    if (lost.length) {
      await tx.execute('DELETE FROM matter_visibility WHERE matter_id = $1 AND unit_id = ANY($2::uuid[])', [
        after.id,
        lost.map((a) => a.unitId),
      ]);
    }
  }
  const width = COLUMNS.length;
  const values = audiences.flatMap((a) => [
    a.unitId,
    after.id,
    a.reach,
    after.batchId,
    after.leadingUnitId,
    after.stage,
    after.code,
    after.createdAt,
    after.updatedAt,
    nextDueAt,
  ]);
  const rows = audiences.map((_, r) => `(${COLUMNS.map((_, c) => `$${r * width + c + 1}`).join(', ')})`);
  const updates = COLUMNS.slice(2)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ');
  await tx.execute(
    `INSERT INTO matter_visibility (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}
     ON CONFLICT (unit_id, matter_id) DO UPDATE SET ${updates}`,
    values,
  );
}

/** Every matter's rows made again from the matters' own tables (the migration's backfill; benches that COPY matters). */
export const REBUILD_VISIBILITY_SQL = `
  INSERT INTO matter_visibility (${COLUMNS.join(', ')})
  SELECT DISTINCT ON (m.id, a.unit_id) a.unit_id, m.id, a.reach, m.batch_id, m.leading_unit_id, m.stage, m.code,
         m.created_at, m.updated_at, m.next_due_at
  FROM matters m
  CROSS JOIN LATERAL (
    SELECT m.leading_unit_id AS unit_id, 'member' AS reach, 0 AS rank
    UNION ALL SELECT p.unit_id, 'member', 0 FROM matter_participating_units p WHERE p.matter_id = m.id
    UNION ALL SELECT s.unit_id, 'approver', 1 FROM approval_steps s WHERE s.matter_id = m.id
    UNION ALL SELECT '${EVALUATORS}'::uuid, 'evaluator', 2 WHERE m.stage IN ('in_evaluation', 'closed')
  ) a
  ORDER BY m.id, a.unit_id, a.rank
  ON CONFLICT (unit_id, matter_id) DO NOTHING`;
