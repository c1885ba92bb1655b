import { Injectable } from '@nestjs/common';
import { type Directory, FIXED_AUTHORITIES, type FixedAuthority, type Role, type WorkflowDefinitionBody } from '#domain';
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
  ): Promise<{ directory: Directory; authorityUnits: Partial<Record<FixedAuthority, string>> }> {
    const codes = FIXED_AUTHORITIES.map((a) => refs.definition.authorities[a]);
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
    const authorityUnits: Partial<Record<FixedAuthority, string>> = {};
    for (const a of FIXED_AUTHORITIES) {
      const id = byCode.get(refs.definition.authorities[a]);
      if (id) authorityUnits[a] = id;
    }
    return { directory: { unit: (id) => unitById.get(id), user: (id) => userById.get(id) }, authorityUnits };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Only well-formed ids reach the ::uuid[] cast; anything else simply matches nothing. */
const uuids = (ids: readonly string[]): string[] => [...new Set(ids.filter((id) => UUID.test(id)))];
