import { Injectable } from '@nestjs/common';
import { type Actor, type Locale, type Role, notFound, unprocessable } from '#domain';
import { AuditLog, Db, UnitEntity, UserEntity } from '#persistence';
import { PasswordHasher } from '../auth/password-hasher.js';

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  unitId: string;
  locale: Locale;
  timeZone: string;
  active: boolean;
  /** Reminders at once, or in one mail a day at `digestTime` (local time). */
  notificationMode: 'immediate' | 'daily_digest';
  digestTime: string;
}

export interface UserInput {
  email: string;
  displayName: string;
  password: string;
  roles: Role[];
  unitId: string;
  locale?: Locale;
  timeZone?: string;
  /** False for an account that acts but never signs in (the seed's system account). */
  active?: boolean;
}

export type UserChanges = Partial<Omit<UserInput, 'email'>> & {
  notificationMode?: UserView['notificationMode'];
  digestTime?: string;
};

/** A user from an entity or a raw row; never carries the password hash. */
export function toUserView(u: UserEntity | Record<string, unknown>): UserView {
  const r = u as Record<string, unknown>;
  return {
    id: r.id as string,
    email: r.email as string,
    displayName: (r.displayName ?? r.display_name) as string,
    roles: r.roles as Role[],
    unitId: (r.unitId ?? r.unit_id) as string,
    locale: r.locale as Locale,
    timeZone: (r.timeZone ?? r.time_zone) as string,
    active: r.active as boolean,
    notificationMode: (r.notificationMode ?? r.notification_mode) as UserView['notificationMode'],
    digestTime: (r.digestTime ?? r.digest_time) as string,
  };
}

/** Accounts: who works in which unit with which roles. Admin writes are audited, passwords never. */
@Injectable()
export class UserAdmin {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly hasher: PasswordHasher,
  ) {}

  async list(filter: { unitId?: string } = {}): Promise<UserView[]> {
    const rows = await this.db.dataSource
      .getRepository(UserEntity)
      .find({ where: filter.unitId ? { unitId: filter.unitId } : {}, order: { email: 'ASC' } });
    return rows.map(toUserView);
  }

  async get(id: string): Promise<UserView> {
    const row = await this.db.dataSource.getRepository(UserEntity).findOneBy({ id });
    if (!row) throw notFound('user.unknown', 'no user has this id', 'id');
    return toUserView(row);
  }

  async create(actor: Actor | null, input: UserInput): Promise<UserView> {
    const passwordHash = await this.hasher.hash(input.password);
    return this.db.transaction(async (tx) => {
      if (!(await tx.manager.existsBy(UnitEntity, { id: input.unitId })))
        throw unprocessable('unit.unknown', 'no unit has this id', 'unitId');
      const saved = await tx.manager.save(
        tx.manager.create(UserEntity, {
          email: input.email.trim().toLowerCase(),
          displayName: input.displayName,
          passwordHash,
          roles: [...new Set(input.roles)],
          unitId: input.unitId,
          locale: input.locale ?? 'zh-CN',
          timeZone: input.timeZone ?? 'Asia/Shanghai',
          active: input.active ?? true,
        }),
      );
      const user = toUserView(saved);
      await this.audit.append(tx, 'user', user.id, [
        { type: 'user.created', actorId: actor?.userId ?? null, occurredAt: new Date().toISOString(), payload: user },
      ]);
      return user;
    });
  }

  async update(actor: Actor, id: string, changes: UserChanges): Promise<UserView> {
    const passwordHash = changes.password !== undefined ? await this.hasher.hash(changes.password) : undefined;
    return this.db.transaction(async (tx) => {
      const row = await tx.manager.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound('user.unknown', 'no user has this id', 'id');
      if (changes.unitId !== undefined && !(await tx.manager.existsBy(UnitEntity, { id: changes.unitId }))) {
        throw unprocessable('unit.unknown', 'no unit has this id', 'unitId');
      }
      if (id === actor.userId && (changes.active === false || (changes.roles && !changes.roles.includes('admin')))) {
        throw unprocessable('user.self_lockout', 'an admin cannot disable their own account or remove their own admin role', 'roles');
      }
      if (changes.displayName !== undefined) row.displayName = changes.displayName;
      if (changes.roles !== undefined) row.roles = [...new Set(changes.roles)];
      if (changes.unitId !== undefined) row.unitId = changes.unitId;
      if (changes.locale !== undefined) row.locale = changes.locale;
      if (changes.timeZone !== undefined) row.timeZone = changes.timeZone;
      if (changes.active !== undefined) row.active = changes.active;
      if (changes.notificationMode !== undefined) row.notificationMode = changes.notificationMode;
      if (changes.digestTime !== undefined) row.digestTime = changes.digestTime;
      if (passwordHash !== undefined) row.passwordHash = passwordHash;
      const user = toUserView(await tx.manager.save(row));
      const { password, ...recorded } = changes;
      await this.audit.append(tx, 'user', id, [
        {
          type: 'user.updated',
          actorId: actor.userId,
          occurredAt: new Date().toISOString(),
          payload: { changes: recorded, passwordChanged: password !== undefined },
        },
      ]);
      return user;
    });
  }
}
