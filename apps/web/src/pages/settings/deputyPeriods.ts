/**
 * 委托代理 periods as the settings page lists them: pure, so unit tests need no browser.
 * A period is [startsAt, endsAt): in force from its start until it ends or is ended early.
 */
export interface PeriodTimes {
  startsAt: string;
  endsAt: string;
  endedAt: string | null;
}

export type DeputyState = 'in_force' | 'planned' | 'ended';

/** When the period stops: when it was ended, if before its planned end. */
export function effectiveEnd(p: PeriodTimes): string {
  return p.endedAt && new Date(p.endedAt) < new Date(p.endsAt) ? p.endedAt : p.endsAt;
}

export function deputyState(p: PeriodTimes, now: Date): DeputyState {
  if (new Date(effectiveEnd(p)) <= now) return 'ended';
  return new Date(p.startsAt) <= now ? 'in_force' : 'planned';
}

const ORDER: Record<DeputyState, number> = { in_force: 0, planned: 1, ended: 2 };

/** In force first, then planned by start, then ended, the latest first. */
export function sortPeriods<P extends PeriodTimes>(periods: readonly P[], now: Date): P[] {
  return [...periods].sort((a, b) => {
    const sa = deputyState(a, now);
    const sb = deputyState(b, now);
    if (sa !== sb) return ORDER[sa] - ORDER[sb];
    const d = new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime();
    return sa === 'ended' ? -d : d;
  });
}

/** The deputised roles (libs/domain DEPUTISED_ROLES): a deputy holds every one of these the absent person holds. */
export const DEPUTISED_ROLES = ['reform_office', 'approver', 'manager', 'evaluator'] as const;

/** Who may stand in for `absent`: active people of the same unit holding their deputised roles, not themselves. */
export function deputyCandidates<U extends { id: string; unitId: string; roles: readonly string[] }>(
  absent: { id: string; unitId: string; roles: readonly string[] },
  people: readonly U[],
): U[] {
  const needed = DEPUTISED_ROLES.filter((r) => absent.roles.includes(r));
  return people.filter((u) => u.id !== absent.id && u.unitId === absent.unitId && needed.every((r) => u.roles.includes(r)));
}
