import { Injectable } from '@nestjs/common';
import { type Actor, type LocalizedText, type Unit, type UnitKind, conflict, notFound, unprocessable } from '#domain';
import { AuditLog, Db, type Tx, UnitEntity, UserEntity } from '#persistence';

export interface UnitInput {
  code: string;
  name: LocalizedText;
  kind: UnitKind;
  parentId?: string | null;
}

export type UnitChanges = Partial<UnitInput> & { headUserId?: string | null };

export const toUnit = (e: UnitEntity): Unit => ({
  id: e.id,
  code: e.code,
  name: { ...(e.nameZh ? { zh: e.nameZh } : {}), ...(e.nameEn ? { en: e.nameEn } : {}) },
  kind: e.kind,
  parentId: e.parentId,
  headUserId: e.headUserId,
});

/** The unit registry: bureaus, districts, provincial and national bodies. Admin writes are audited. */
@Injectable()
export class UnitAdmin {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<Unit[]> {
    const rows = await this.db.dataSource.getRepository(UnitEntity).find({ order: { code: 'ASC' } });
    return rows.map(toUnit);
  }

  async get(id: string): Promise<Unit> {
    const row = await this.db.dataSource.getRepository(UnitEntity).findOneBy({ id });
    if (!row) throw notFound('unit.unknown', 'no unit has this id', 'id');
    return toUnit(row);
  }

  async create(actor: Actor, input: UnitInput): Promise<Unit> {
    return this.db.transaction(async (tx) => {
      if (input.parentId) await this.mustExist(tx, input.parentId, 'parentId');
      const saved = await tx.manager.save(
        tx.manager.create(UnitEntity, {
          code: input.code,
          nameZh: input.name.zh ?? null,
          nameEn: input.name.en ?? null,
          kind: input.kind,
          parentId: input.parentId ?? null,
        }),
      );
      const unit = toUnit(saved);
      await this.audit.append(tx, 'unit', unit.id, [
        { type: 'unit.created', actorId: actor.userId, occurredAt: new Date().toISOString(), payload: unit },
      ]);
      return unit;
    });
  }

  async update(actor: Actor, id: string, changes: UnitChanges): Promise<Unit> {
    return this.db.transaction(async (tx) => {
      const row = await tx.manager.findOne(UnitEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound('unit.unknown', 'no unit has this id', 'id');
      if (changes.parentId) {
        await this.mustExist(tx, changes.parentId, 'parentId');
        if (await this.isAncestor(tx, id, changes.parentId))
          throw conflict('unit.parent_cycle', 'a unit cannot sit under itself or its own sub-units', 'parentId');
      }
      if (changes.code !== undefined) row.code = changes.code;
      if (changes.name !== undefined) {
        row.nameZh = changes.name.zh ?? null;
        row.nameEn = changes.name.en ?? null;
      }
      if (changes.kind !== undefined) row.kind = changes.kind;
      if (changes.parentId !== undefined) row.parentId = changes.parentId;
      if (changes.headUserId !== undefined) {
        if (changes.headUserId !== null) {
          const head = await tx.manager.findOneBy(UserEntity, { id: changes.headUserId });
          if (!head || !head.active) throw unprocessable('user.unknown', 'no active user has this id', 'headUserId');
          if (head.unitId !== id) throw unprocessable('unit.head_not_member', 'the head of a unit must belong to it', 'headUserId');
        }
        row.headUserId = changes.headUserId;
      }
      const unit = toUnit(await tx.manager.save(row));
      await this.audit.append(tx, 'unit', id, [
        { type: 'unit.updated', actorId: actor.userId, occurredAt: new Date().toISOString(), payload: { changes, unit } },
      ]);
      return unit;
    });
  }

  private async mustExist(tx: Tx, id: string, field: string): Promise<void> {
    if (!(await tx.manager.existsBy(UnitEntity, { id }))) throw unprocessable('unit.unknown', 'no unit has this id', field);
  }

  /** Whether `unitId` is `candidate` or one of its ancestors' descendants, i.e. whether parenting would close a loop. */
  private async isAncestor(tx: Tx, unitId: string, candidate: string): Promise<boolean> {
    const rows = await tx.query<{ id: string }>(
      `WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM units WHERE id = $1
         UNION SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id)
       SELECT id FROM up WHERE id = $2`,
      [candidate, unitId],
    );
    return rows.length > 0;
  }
}
