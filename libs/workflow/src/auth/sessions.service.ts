import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import { type Actor, type Clock, addDuration, invalid, parseDuration, unprocessable } from '#domain';
import { Db, type OpenedSession, SessionStore } from '#persistence';
import { CLOCK } from '../common/clock.js';
import { UserAdmin, type UserView } from '../users/user-admin.service.js';
import { Login } from './login.usecase.js';
import { PasswordHasher } from './password-hasher.js';

export interface ClientInfo {
  userAgent: string | null;
  clientAddress: string | null;
}

/**
 * The web app's sign-in: an email and password open a server-side session (SESSION_TTL
 * long); signing out or changing the password ends it. Scripts keep using bearer tokens.
 */
@Injectable()
export class Sessions {
  private readonly ttlMs: number;

  constructor(
    private readonly db: Db,
    private readonly store: SessionStore,
    private readonly login: Login,
    private readonly users: UserAdmin,
    private readonly hasher: PasswordHasher,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.ttlMs = addDuration(new Date(0), parseDuration(config.auth.sessionTtl), 'UTC').getTime();
  }

  /** Throws InvalidCredentialsError for a wrong email or password or a disabled account. */
  async signIn(email: string, password: string, client: ClientInfo): Promise<{ user: UserView; session: OpenedSession }> {
    const user = await this.login.execute(email, password);
    const session = await this.db.transaction((tx) =>
      this.store.open(tx, { userId: user.id, now: this.clock.now(), ttlMs: this.ttlMs, ...client }),
    );
    return { user, session };
  }

  /** The signed-in user behind a cookie's secret, with the session's CSRF token; null when it no longer signs anyone in. */
  async resolve(secret: string): Promise<{ sessionId: string; userId: string; csrfToken: string } | null> {
    const session = await this.store.find(this.db, secret, this.clock.now());
    return session ? { sessionId: session.id, userId: session.userId, csrfToken: session.csrfToken } : null;
  }

  async signOut(sessionId: string): Promise<void> {
    await this.store.revoke(this.db, sessionId, this.clock.now());
  }

  /**
   * A person changes their own password: the current one must match, and every other
   * session of theirs ends (a stolen session does not outlive the new password).
   */
  async changePassword(actor: Actor, sessionId: string | null, currentPassword: string, newPassword: string): Promise<void> {
    const [row] = await this.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [actor.userId]);
    if (!(await this.hasher.verify(row?.password_hash ?? null, currentPassword))) {
      throw unprocessable('auth.wrong_password', 'the current password is not right', 'currentPassword');
    }
    if (currentPassword === newPassword) {
      throw invalid('password.unchanged', 'choose a password different from the current one', 'newPassword');
    }
    await this.users.update(actor, actor.userId, { password: newPassword });
    await this.db.transaction((tx) => this.store.revokeOthers(tx, actor.userId, sessionId, this.clock.now()));
  }
}
