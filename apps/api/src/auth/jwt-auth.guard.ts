import { timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { DomainError, type Role, hasRole } from '#domain';
import { Sessions, UserAdmin, type UserView } from '#workflow';
import { ProblemError } from '../http/problem.js';
import { type AuthenticatedRequest, IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators.js';
import { CSRF_HEADER, SESSION_COOKIE } from './session-cookies.js';

const unauthorized = (detail: string) => new ProblemError(401, 'auth.unauthorized', 'Not signed in', detail);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every endpoint needs a signed-in caller unless marked @Public(): a bearer token (scripts)
 * or the web app's session cookie, whose writes must also carry the session's CSRF token.
 * Either only names the user: roles, unit and whether the account is active are read fresh
 * on each request, so a disabled account or a changed role takes effect at once.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UserAdmin,
    private readonly sessions: Sessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<Request & Partial<AuthenticatedRequest>>();
    const userId = req.headers.authorization !== undefined ? await this.bearer(req) : await this.session(req);
    const user = await this.account(userId);
    req.user = user;
    req.actor = { userId: user.id, unitId: user.unitId, roles: user.roles };
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.some((r) => hasRole(req.actor!, r))) {
      throw new ProblemError(403, 'auth.role_required', 'Not permitted', `this needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }

  private async bearer(req: Request): Promise<string> {
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token)
      throw unauthorized('send the token from POST /api/v1/auth/login as "Authorization: Bearer <token>"');
    try {
      return (await this.jwt.verifyAsync<{ sub: string }>(token)).sub;
    } catch {
      throw unauthorized('the token is invalid or has expired: sign in again');
    }
  }

  private async session(req: Request & Partial<AuthenticatedRequest>): Promise<string> {
    const secret = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (!secret) throw unauthorized('sign in: send "Authorization: Bearer <token>", or sign in to the web app');
    const session = await this.sessions.resolve(secret).catch(() => {
      throw unavailable();
    });
    if (!session) throw unauthorized('the session has ended or expired: sign in again');
    if (!SAFE_METHODS.has(req.method) && !sameToken(req.headers[CSRF_HEADER], session.csrfToken)) {
      throw new ProblemError(
        403,
        'auth.csrf',
        'Not permitted',
        'a write from the web app must carry the X-CSRF-Token header with the value of the rf_csrf cookie',
      );
    }
    req.sessionId = session.sessionId;
    return session.userId;
  }

  /** A missing account is a 401; the database failing to answer (pool exhausted under load) is not the caller's fault. */
  private async account(userId: string): Promise<UserView> {
    const user = await this.users.get(userId).catch((e: unknown) => {
      if (e instanceof DomainError && e.kind === 'not_found') return null;
      throw unavailable();
    });
    if (!user || !user.active) throw unauthorized('the account no longer exists or is disabled');
    return user;
  }
}

const unavailable = () =>
  new ProblemError(503, 'service.unavailable', 'Service unavailable', 'the account could not be read just now: try again shortly');

function sameToken(header: string | string[] | undefined, expected: string): boolean {
  if (typeof header !== 'string') return false;
  const a = Buffer.from(header, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
