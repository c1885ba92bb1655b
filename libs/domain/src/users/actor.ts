export const ROLES = ['admin', 'reform_office', 'approver', 'manager', 'evaluator'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: the identity and affiliation every permission check needs. */
export interface Actor {
  userId: string;
  unitId: string;
  roles: readonly Role[];
}

export const hasRole = (actor: Actor, role: Role): boolean => actor.roles.includes(role);
