import { Inject, Injectable } from '@nestjs/common';
import {
  type Actor,
  type Clock,
  type DeputyPeriod,
  authorizeNamingDeputy,
  checkDeputyPeriod,
  forbidden,
  hasRole,
  inForce,
  notFound,
} from '#domain';
import { AuditLog, Db, DeputyStore, DirectoryStore } from '#persistence';
import { CLOCK } from '../common/clock.js';

export interface DeputyPeriodView extends DeputyPeriod {
  user: { id: string; displayName: string };
  deputy: { id: string; displayName: string };
  /** In force now: the deputy receives the absent person's tasks and mail. */
  inForce: boolean;
}

export interface NameDeputyInput {
  deputyId: string;
  startsAt: string;
  endsAt: string;
  reason: string;
  keepCopy?: boolean;
}

/**
 * 委托代理: a person names a deputy for a period, or an admin or the reform office names one for
 * them; anyone of those, or the deputy, ends it early. Each change is audited on the absent
 * person's chain. The rules are the domain's (checkDeputyPeriod), read under a lock on the
 * absent person, so two namings at once cannot both pass the overlap rule.
 */
@Injectable()
export class Deputies {
  constructor(
    private readonly db: Db,
    private readonly store: DeputyStore,
    private readonly directory: DirectoryStore,
    private readonly audit: AuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(actor: Actor, userId: string): Promise<DeputyPeriodView[]> {
    if (actor.userId !== userId && !hasRole(actor, 'admin') && !hasRole(actor, 'reform_office'))
      throw forbidden('deputy.not_permitted', "only the person, an admin or the reform office sees someone's deputies");
    return this.db.transaction(async (tx) => {
      if (!(await this.directory.users(tx, [userId])).has(userId)) throw notFound('user.unknown', 'no user has this id', 'id');
      return this.views(tx, await this.store.listFor(tx, userId, this.clock.now()));
    });
  }

  async name(actor: Actor, userId: string, input: NameDeputyInput): Promise<DeputyPeriodView> {
    authorizeNamingDeputy(actor, userId);
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      await this.store.lockPerson(tx, userId);
      const people = await this.directory.users(tx, [userId, input.deputyId]);
      const absent = people.get(userId);
      if (!absent) throw notFound('user.unknown', 'no user has this id', 'id');
      const periods = await this.store.livePeriodsOf(tx, [userId, input.deputyId], now);
      const wanted = { userId, deputyId: input.deputyId, startsAt: input.startsAt, endsAt: input.endsAt, reason: input.reason.trim() };
      const refused = checkDeputyPeriod(wanted, { absent, deputy: people.get(input.deputyId), periods, now });
      if (refused) throw refused;
      const period = await this.store.create(tx, { ...wanted, keepCopy: input.keepCopy ?? true, createdBy: actor.userId }, now);
      await this.audit.append(tx, 'user', userId, [
        { type: 'user.deputy_named', actorId: actor.userId, occurredAt: now.toISOString(), payload: { period } },
      ]);
      return (await this.views(tx, [period]))[0];
    });
  }

  async end(actor: Actor, periodId: string): Promise<DeputyPeriodView> {
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const period = await this.store.get(tx, periodId);
      if (!period) throw notFound('deputy.unknown', 'no deputy period has this id', 'id');
      if (actor.userId !== period.deputyId) authorizeNamingDeputy(actor, period.userId);
      const ended = await this.store.end(tx, periodId, actor.userId, now);
      if (!ended) return (await this.views(tx, [period]))[0]; // over already: ending it again changes nothing
      await this.audit.append(tx, 'user', period.userId, [
        { type: 'user.deputy_ended', actorId: actor.userId, occurredAt: now.toISOString(), payload: { periodId, endedAt: ended.endedAt } },
      ]);
      return (await this.views(tx, [ended]))[0];
    });
  }

  /**
   * The absent person as an actor, when `caller` is their deputy in force now: what a page
   * offers a deputy is what that person may do (the commands check it again, run-matter-command).
   * Otherwise 403 deputy.not_in_force.
   */
  async actingFor(caller: Actor, absentId: string): Promise<Actor> {
    const period = (await this.store.inForceFor(this.db, [absentId], this.clock.now())).get(absentId);
    if (!period || period.deputyId !== caller.userId)
      throw forbidden('deputy.not_in_force', 'you are not the deputy in force of this person: act in your own name');
    const absent = (await this.directory.users(this.db, [absentId])).get(absentId);
    if (!absent?.active) throw forbidden('deputy.not_in_force', 'the person you stand in for is no longer a user');
    return { userId: absent.id, unitId: absent.unitId, roles: absent.roles };
  }

  private async views(tx: Parameters<DirectoryStore['users']>[0], periods: readonly DeputyPeriod[]): Promise<DeputyPeriodView[]> {
    const names = await this.directory.users(tx, [...new Set(periods.flatMap((p) => [p.userId, p.deputyId]))]);
    const now = this.clock.now();
    return periods.map((p) => ({
      ...p,
      user: { id: p.userId, displayName: names.get(p.userId)?.displayName ?? '' },
      deputy: { id: p.deputyId, displayName: names.get(p.deputyId)?.displayName ?? '' },
      inForce: inForce(p, now),
    }));
  }
}
