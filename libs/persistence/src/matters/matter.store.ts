import { Injectable } from '@nestjs/common';
import { type Matter, nextDueAt } from '#domain';
import type { Tx } from '../db.js';
import { writeVisibility } from '../visibility/matter-visibility.js';
import { CHILD_TABLES, type ChildTable, LOAD_MATTER_SQL, MATTER_COLUMNS, matterFromRow, matterValues } from './matter-rows.js';

/** Another transaction changed the matter since it was read. */
export class StaleVersionError extends Error {
  constructor(
    readonly matterId: string,
    readonly expectedVersion: number,
    readonly currentVersion: number | null,
  ) {
    super(`matter ${matterId} is no longer at version ${expectedVersion}`);
    this.name = 'StaleVersionError';
  }
}

/**
 * Loads and saves whole matters. A save is guarded in SQL
 * (`UPDATE … WHERE id = $1 AND version = $2`, exactly one row or StaleVersionError), then
 * writes only the child rows that changed, and the matter's visibility rows (who may see
 * it, with the columns the lists read). The row lock that UPDATE takes also serialises
 * everything else the command writes for this matter (audit, outbox).
 */
@Injectable()
export class MatterStore {
  async load(tx: Pick<Tx, 'query'>, id: string): Promise<Matter | null> {
    const [row] = await tx.query(`${LOAD_MATTER_SQL} WHERE m.id = $1`, [id]);
    return row ? matterFromRow(row) : null;
  }

  async insert(tx: Tx, m: Matter, createdBy: string): Promise<void> {
    const columns = ['id', ...MATTER_COLUMNS, 'created_by'];
    const due = nextDueAt(m);
    const values = [m.id, ...matterValues(m, due), createdBy];
    await tx.execute(`INSERT INTO matters (${columns.join(', ')}) VALUES (${placeholders(values.length, 1)})`, values);
    for (const table of CHILD_TABLES) await this.syncChildren(tx, table, m.id, [], table.items(m));
    await writeVisibility(tx, null, m, due);
  }

  /** Writes `after` over `before`; throws StaleVersionError if the row is no longer at `before.version`. */
  async update(tx: Tx, before: Matter, after: Matter): Promise<void> {
    const assignments = MATTER_COLUMNS.map((c, i) => `${c} = $${i + 3}`).join(', ');
    const due = nextDueAt(after);
    const affected = await tx.execute(`UPDATE matters SET ${assignments} WHERE id = $1 AND version = $2`, [
      before.id,
      before.version,
      ...matterValues(after, due),
    ]);
    if (affected !== 1) {
      const [row] = await tx.query<{ version: number }>('SELECT version FROM matters WHERE id = $1', [before.id]);
      throw new StaleVersionError(before.id, before.version, row?.version ?? null);
    }
    for (const table of CHILD_TABLES) await this.syncChildren(tx, table, after.id, table.items(before), table.items(after));
    await writeVisibility(tx, before, after, due);
  }

  /** Deletes, inserts and updates only the rows that differ between two versions of a collection. */
  private async syncChildren<T>(tx: Tx, spec: ChildTable<T>, matterId: string, before: readonly T[], after: readonly T[]): Promise<void> {
    const old = new Map(before.map((item, i) => [spec.id(item), JSON.stringify(spec.values(item, i))]));
    const kept = new Set(after.map((item) => spec.id(item)));
    const removed = [...old.keys()].filter((id) => !kept.has(id));
    if (removed.length) {
      await tx.execute(`DELETE FROM ${spec.table} WHERE matter_id = $1 AND ${spec.key} = ANY($2)`, [matterId, removed]);
    }
    const inserted: unknown[][] = [];
    for (const [i, item] of after.entries()) {
      const values = spec.values(item, i);
      const previous = old.get(spec.id(item));
      if (previous === undefined) inserted.push([matterId, ...values]);
      else if (previous !== JSON.stringify(values)) {
        const sets = spec.columns.map((c, j) => `${c} = $${j + 2}`).join(', ');
        await tx.execute(`UPDATE ${spec.table} SET ${sets} WHERE matter_id = $1 AND ${spec.key} = $${spec.columns.indexOf(spec.key) + 2}`, [
          matterId,
          ...values,
        ]);
      }
    }
    if (inserted.length) {
      const width = spec.columns.length + 1;
      const rows = inserted.map((_, r) => `(${placeholders(width, r * width + 1)})`).join(', ');
      await tx.execute(`INSERT INTO ${spec.table} (matter_id, ${spec.columns.join(', ')}) VALUES ${rows}`, inserted.flat());
    }
  }
}

function placeholders(count: number, from: number): string {
  return Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');
}
