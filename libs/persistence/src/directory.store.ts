import { Injectable } from '@nestjs/common';
import {
  type AuthorityUnits,
  type Directory,
  FIXED_AUTHORITIES,
  LEGAL_AUTHORIZING_BODIES,
  type Role,
  type WorkflowDefinitionBody,
} from '#domain';
import type { Tx } from './db.js';

export interface DirectoryUser {
  id: string;
  unitId: string;
  roles: Role[];
  active: boolean;
}

/** Loads exactly the units and users a decision refers to, and the units behind a definition's authorities. */
@Injectable()
export class DirectoryStore {
  async load(
    tx: Pick<Tx, 'query'>,
    refs: { unitIds: readonly string[]; userIds: readonly string[]; definition: WorkflowDefinitionBody },
  ): Promise<{ directory: Directory; authorityUnits: AuthorityUnits }> {
    // the legal authorizing bodies are mapped only by definitions whose chain names them
    const authorities = [...FIXED_AUTHORITIES, ...LEGAL_AUTHORIZING_BODIES];
    const codes = authorities.map((a) => refs.definition.authorities[a]).filter((c): c is string => c !== undefined);
    const [units, users] = await Promise.all([
      tx.query<{ id: string; code: string }>('SELECT id, code FROM units WHERE id = ANY($1::uuid[]) OR code = ANY($2)', [
        uuids(refs.unitIds),
        codes,
      ]),
      refs.userIds.length
        ? tx.query<{ id: string; unit_id: string; roles: Role[]; active: boolean }>(
            'SELECT id, unit_id, roles, active FROM users WHERE id = ANY($1::uuid[])',
            [uuids(refs.userIds)],
          )
        : Promise.resolve([]),
    ]);
    const unitById = new Map(units.map((u) => [u.id, u]));
    const userById = new Map(users.map((u) => [u.id, { id: u.id, unitId: u.unit_id, roles: u.roles, active: u.active }]));
    const byCode = new Map(units.map((u) => [u.code, u.id]));
    const authorityUnits: AuthorityUnits = {};
    for (const a of authorities) {
      const code = refs.definition.authorities[a];
      const id = code === undefined ? undefined : byCode.get(code);
      if (id) authorityUnits[a] = id;
    }
    return { directory: { unit: (id) => unitById.get(id), user: (id) => userById.get(id) }, authorityUnits };
  }

  /** These people, by id, with their names (unknown ids are left out). */
  async users(tx: Pick<Tx, 'query'>, ids: readonly string[]): Promise<Map<string, DirectoryUser & { displayName: string }>> {
    const rows = ids.length
      ? await tx.query<{ id: string; unit_id: string; roles: Role[]; active: boolean; display_name: string }>(
          'SELECT id, unit_id, roles, active, display_name FROM users WHERE id = ANY($1::uuid[])',
          [uuids(ids)],
        )
      : [];
    return new Map(rows.map((u) => [u.id, { id: u.id, unitId: u.unit_id, roles: u.roles, active: u.active, displayName: u.display_name }]));
  }

  /**
   * The active evaluators of the pool's units, least busy first: fewest matters they are
   * assigned to and still evaluating, then the longest since their last assignment, then id.
   */
  async evaluatorPool(tx: Pick<Tx, 'query'>, unitCodes: readonly string[]): Promise<Array<{ userId: string; unitId: string }>> {
    if (unitCodes.length === 0) return [];
    const rows = await tx.query<{ id: string; unit_id: string }>(
      `SELECT u.id, u.unit_id
       FROM users u JOIN units un ON un.id = u.unit_id
       LEFT JOIN LATERAL (
         SELECT count(*) FILTER (WHERE m.stage = 'in_evaluation') AS busy, max(m.evaluator_assigned_at) AS last_assigned
         FROM matters m WHERE m.evaluator_id = u.id
       ) load ON true
       WHERE un.code = ANY($1) AND u.active AND 'evaluator' = ANY(u.roles)
       ORDER BY load.busy, load.last_assigned NULLS FIRST, u.id`,
      [[...unitCodes]],
    );
    return rows.map((r) => ({ userId: r.id, unitId: r.unit_id }));
  }
  /** Who signs a document as issuer: their name and unit (null when the account does not exist). */
  async issuer(
    tx: Pick<Tx, 'query'>,
    userId: string,
  ): Promise<{ displayName: string; unitId: string; unitCode: string; unitNameZh: string | null; unitNameEn: string | null } | null> {
    const [row] = await tx.query<{ display_name: string; unit_id: string; code: string; name_zh: string | null; name_en: string | null }>(
      'SELECT u.display_name, n.id AS unit_id, n.code, n.name_zh, n.name_en FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id = $1',
      [userId],
    );
    return row
      ? { displayName: row.display_name, unitId: row.unit_id, unitCode: row.code, unitNameZh: row.name_zh, unitNameEn: row.name_en }
      : null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Only well-formed ids reach the ::uuid[] cast; anything else simply matches nothing. */
const uuids = (ids: readonly string[]): string[] => [...new Set(ids.filter((id) => UUID.test(id)))];
