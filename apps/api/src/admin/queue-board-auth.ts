import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { JwtService } from '@nestjs/jwt';
import type { NextFunction, Request, Response } from 'express';
import type { Db } from '#persistence';
import { InvalidCredentialsError, type Login } from '#workflow';
import { PROBLEM_CONTENT_TYPE, problemType } from '../http/problem.js';

export const QUEUE_BOARD_REALM = 'Reformflow queues';

/** How long a verified Basic header is trusted without hashing its password again. */
export const BASIC_CACHE_MS = 5 * 60_000;
const BASIC_CACHE_MAX = 200;

interface Account {
  id: string;
  roles: string[];
  active: boolean;
  passwordHash: string | null;
}

type Refusal = { ok: false; status: 401 | 403 | 503; code: string; detail: string };
type Verdict = { ok: true } | Refusal;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const NOT_SIGNED_IN = 'sign in as an admin: the browser asks for your email and password, or send "Authorization: Bearer <token>"';

/**
 * Who may open Bull Board: admins only. Bull Board is plain Express mounted beside Nest,
 * so the global JwtAuthGuard never sees its requests; this middleware is the only door.
 *
 * A browser cannot add a bearer token to a page it navigates to, so HTTP Basic with an
 * admin's email and password works too. argon2 is slow on purpose and Bull Board fires
 * many requests, so a verified Basic header is remembered for a few minutes by its
 * SHA-256 (never the password itself). Every request, remembered or not, reads the
 * account again: disabling it, taking away the admin role or changing the password
 * locks the board at once.
 */
export class QueueBoardAuth {
  private readonly logger = new Logger(QueueBoardAuth.name);
  /** SHA-256 of a verified Basic header → the account and the hash its password matched. */
  private readonly verified = new Map<string, { userId: string; passwordHash: string; until: number }>();
  /** Verifications under way: the board's parallel first requests hash the password once. */
  private readonly verifying = new Map<string, Promise<{ userId: string; passwordHash: string } | null>>();

  constructor(
    private readonly jwt: JwtService,
    private readonly login: Login,
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Express middleware: calls `next()` for an admin, answers 401 or 403 otherwise. */
  readonly middleware = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    let verdict: Verdict;
    try {
      verdict = await this.check(req.headers.authorization);
    } catch (e) {
      this.logger.error(`checking Bull Board credentials failed: ${(e as Error).stack ?? String(e)}`);
      verdict = { ok: false, status: 503, code: 'auth.unavailable', detail: 'credentials could not be checked; try again' };
    }
    if (verdict.ok) next();
    else refuse(req, res, verdict);
  };

  async check(header: string | undefined): Promise<Verdict> {
    const space = (header ?? '').indexOf(' ');
    const scheme = space > 0 ? header!.slice(0, space).toLowerCase() : '';
    const credentials = space > 0 ? header!.slice(space + 1).trim() : '';
    if (scheme === 'bearer' && credentials) return this.bearer(credentials);
    if (scheme === 'basic' && credentials) return this.basic(header!, credentials);
    return unauthorized(NOT_SIGNED_IN);
  }

  private async bearer(token: string): Promise<Verdict> {
    let sub: string;
    try {
      ({ sub } = await this.jwt.verifyAsync<{ sub: string }>(token));
    } catch {
      return unauthorized('the token is invalid or has expired: sign in again');
    }
    return admit(await this.account(sub));
  }

  private async basic(header: string, encoded: string): Promise<Verdict> {
    const key = createHash('sha256').update(header).digest('hex');
    const cached = this.verified.get(key);
    if (cached && cached.until > this.now()) {
      const account = await this.account(cached.userId);
      // a changed password invalidates what was verified against the old one
      if (account && account.passwordHash === cached.passwordHash) return admit(account);
      this.verified.delete(key);
    }
    let verification = this.verifying.get(key);
    if (!verification) {
      verification = this.verify(encoded).finally(() => this.verifying.delete(key));
      this.verifying.set(key, verification);
    }
    const verified = await verification;
    if (!verified) return unauthorized('the email or the password is wrong, or the account is disabled');
    const account = await this.account(verified.userId);
    const verdict = admit(account);
    if (verdict.ok) this.remember(key, verified);
    return verdict;
  }

  private async verify(encoded: string): Promise<{ userId: string; passwordHash: string } | null> {
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return null;
    try {
      const user = await this.login.execute(decoded.slice(0, colon), decoded.slice(colon + 1));
      const account = await this.account(user.id);
      return account?.passwordHash ? { userId: user.id, passwordHash: account.passwordHash } : null;
    } catch (e) {
      if (e instanceof InvalidCredentialsError) return null;
      throw e;
    }
  }

  private remember(key: string, verified: { userId: string; passwordHash: string }): void {
    const now = this.now();
    for (const [k, v] of this.verified) if (v.until <= now) this.verified.delete(k);
    // oldest first: Map keeps insertion order
    while (this.verified.size >= BASIC_CACHE_MAX) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(key, { ...verified, until: now + BASIC_CACHE_MS });
  }

  private async account(id: string): Promise<Account | null> {
    if (!UUID.test(id)) return null; // a token signed with our secret names a user id; anything else is no account
    const [row] = await this.db.query<{ id: string; roles: string[]; active: boolean; password_hash: string | null }>(
      'SELECT id, roles, active, password_hash FROM users WHERE id = $1',
      [id],
    );
    return row ? { id: row.id, roles: row.roles, active: row.active, passwordHash: row.password_hash } : null;
  }
}

function admit(account: Account | null): Verdict {
  if (!account || !account.active) return unauthorized('the account no longer exists or is disabled');
  if (!account.roles.includes('admin'))
    return { ok: false, status: 403, code: 'auth.role_required', detail: 'the queue board needs the role: admin' };
  return { ok: true };
}

function unauthorized(detail: string): Verdict {
  return { ok: false, status: 401, code: 'auth.unauthorized', detail };
}

function refuse(req: Request, res: Response, verdict: Refusal): void {
  if (verdict.status === 401) {
    // Basic first: browsers prompt for it and ignore Bearer
    res.setHeader('WWW-Authenticate', [`Basic realm="${QUEUE_BOARD_REALM}", charset="UTF-8"`, `Bearer realm="${QUEUE_BOARD_REALM}"`]);
  }
  const title = { 401: 'Not signed in', 403: 'Not permitted', 503: 'Unavailable' }[verdict.status];
  res
    .status(verdict.status)
    .setHeader('Cache-Control', 'no-store')
    .type(PROBLEM_CONTENT_TYPE)
    .send(
      JSON.stringify({
        type: problemType(verdict.code),
        title,
        status: verdict.status,
        detail: verdict.detail,
        instance: req.originalUrl.split('?')[0],
        code: verdict.code,
      }),
    );
}
