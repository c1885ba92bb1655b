import { type ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { Actor, Role } from '#domain';
import type { UserView } from '#workflow';

export const IS_PUBLIC = 'reformflow:public';
export const REQUIRED_ROLES = 'reformflow:roles';

/** No token needed (login, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller must hold at least one of these roles; per-matter rules are the domain's. */
export const RequireRoles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export interface AuthenticatedRequest {
  user: UserView;
  actor: Actor;
  /** Set when the caller signed in through the web app's cookie session. */
  sessionId?: string;
}

/** The signed-in person as the domain sees them. */
export const CurrentActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor,
);
export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): UserView => ctx.switchToHttp().getRequest<AuthenticatedRequest>().user,
);

/** The web app's session id, or null for a bearer-token caller. */
export const CurrentSession = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string | null => ctx.switchToHttp().getRequest<AuthenticatedRequest>().sessionId ?? null,
);
