import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { DomainError, type Role, hasRole } from '#domain';
import { UserAdmin } from '#workflow';
import { ProblemError } from '../http/problem.js';
import { type AuthenticatedRequest, IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators.js';

const unauthorized = (detail: string) => new ProblemError(401, 'auth.unauthorized', 'Not signed in', detail);

/**
 * Every endpoint needs a valid bearer token unless marked @Public(). The token only
 * names the user: roles, unit and whether the account is active are read fresh on
 * each request, so a disabled account or a changed role takes effect at once.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UserAdmin,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & Partial<AuthenticatedRequest>>();
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token)
      throw unauthorized('send the token from POST /auth/login as "Authorization: Bearer <token>"');
    let sub: string;
    try {
      ({ sub } = await this.jwt.verifyAsync<{ sub: string }>(token));
    } catch {
      throw unauthorized('the token is invalid or has expired: sign in again');
    }
    // a missing account is a 401; the database failing to answer (pool exhausted under load) is not the caller's fault
    const user = await this.users.get(sub).catch((e: unknown) => {
      if (e instanceof DomainError && e.kind === 'not_found') return null;
      throw new ProblemError(
        503,
        'service.unavailable',
        'Service unavailable',
        'the account could not be read just now: try again shortly',
      );
    });
    if (!user || !user.active) throw unauthorized('the account no longer exists or is disabled');
    req.user = user;
    req.actor = { userId: user.id, unitId: user.unitId, roles: user.roles };
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.some((r) => hasRole(req.actor!, r))) {
      throw new ProblemError(403, 'auth.role_required', 'Not permitted', `this needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
