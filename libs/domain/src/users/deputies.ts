import { type DomainError, forbidden, unprocessable } from '../common/domain-error.js';
import type { Instant } from '../common/ids.js';
import { type Actor, type Role, hasRole } from './actor.js';

/**
 * 委托代理: while a person is away, a deputy of the same unit and role receives their tasks and
 * mail and acts on their behalf. A period is [startsAt, endsAt): it ends by itself at endsAt, or
 * earlier when someone ends it. Deputising is one hop: a deputy is never away themselves in the
 * period, and no one who deputises for another names a deputy of their own for it, so every
 * absent person resolves to exactly one person.
 */
export interface DeputyPeriod {
  id: string;
  /** The absent person. */
  userId: string;
  deputyId: string;
  startsAt: Instant;
  endsAt: Instant;
  reason: string;
  /** The absent person keeps a copy of the mail that goes to the deputy. */
  keepCopy: boolean;
  createdBy: string;
  createdAt: Instant;
  /** Set when the period was ended before endsAt. */
  endedAt: Instant | null;
}

/** The roles a deputy must share with the person they stand in for: the ones tasks are addressed to. */
export const DEPUTISED_ROLES: readonly Role[] = ['reform_office', 'approver', 'manager', 'evaluator'];

export interface DeputyPerson {
  id: string;
  unitId: string;
  roles: readonly Role[];
  active: boolean;
}

export interface NewDeputyPeriod {
  userId: string;
  deputyId: string;
  startsAt: Instant;
  endsAt: Instant;
  reason: string;
}

/** When a period is in force: from its start until it ends or is ended. */
export const effectiveEnd = (p: Pick<DeputyPeriod, 'endsAt' | 'endedAt'>): Instant =>
  p.endedAt && p.endedAt < p.endsAt ? p.endedAt : p.endsAt;

export const inForce = (p: Pick<DeputyPeriod, 'startsAt' | 'endsAt' | 'endedAt'>, at: Date): boolean =>
  new Date(p.startsAt) <= at && at < new Date(effectiveEnd(p));

const overlaps = (a: { startsAt: Instant; endsAt: Instant }, b: Pick<DeputyPeriod, 'startsAt' | 'endsAt' | 'endedAt'>): boolean =>
  new Date(a.startsAt) < new Date(effectiveEnd(b)) && new Date(b.startsAt) < new Date(a.endsAt);

/** Who may name a deputy for `userId`: the person themselves, an admin or the reform office. */
export function authorizeNamingDeputy(actor: Actor, userId: string): void {
  if (actor.userId !== userId && !hasRole(actor, 'admin') && !hasRole(actor, 'reform_office'))
    throw forbidden('deputy.not_permitted', 'only the person, an admin or the reform office names a deputy for someone');
}

/**
 * The rules of a new period, each a 422 naming its field. `periods` holds every period not yet
 * over that involves the absent person or the deputy, as absent person or as deputy.
 */
export function checkDeputyPeriod(
  p: NewDeputyPeriod,
  ctx: { absent: DeputyPerson; deputy: DeputyPerson | undefined; periods: readonly DeputyPeriod[]; now: Date },
): DomainError | null {
  const { absent, deputy } = ctx;
  if (!deputy || !deputy.active) return unprocessable('user.unknown', 'no active user has this id', 'deputyId');
  if (deputy.id === absent.id) return unprocessable('deputy.self', 'no one deputises for themselves: name another person', 'deputyId');
  if (deputy.unitId !== absent.unitId)
    return unprocessable('deputy.other_unit', 'the deputy must belong to the same unit as the person away', 'deputyId');
  const missing = DEPUTISED_ROLES.filter((r) => absent.roles.includes(r) && !deputy.roles.includes(r));
  if (missing.length)
    return unprocessable('deputy.other_role', `the deputy must hold the roles of the person away: ${missing.join(', ')}`, 'deputyId');
  if (!(new Date(p.endsAt) > new Date(p.startsAt)))
    return unprocessable('period.ends_before_start', 'the period must end after it starts', 'endsAt');
  if (!(new Date(p.endsAt) > ctx.now)) return unprocessable('period.in_past', 'the period must end in the future', 'endsAt');
  const live = ctx.periods.filter((x) => overlaps(p, x));
  if (live.some((x) => x.userId === absent.id))
    return unprocessable('period.overlaps', 'this person already has a deputy for part of this period', 'startsAt');
  if (live.some((x) => x.userId === deputy.id))
    return unprocessable('deputy.away', 'the deputy is away for part of this period: name someone who is present', 'deputyId');
  if (live.some((x) => x.deputyId === absent.id))
    return unprocessable(
      'deputy.chain',
      'this person deputises for someone else in this period: that work would pass on again; end that period first',
      'startsAt',
    );
  return null;
}
