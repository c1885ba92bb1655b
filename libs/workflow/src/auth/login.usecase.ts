import { Injectable } from '@nestjs/common';
import { DomainError } from '#domain';
import { Db } from '#persistence';
import type { UserView } from '../users/user-admin.service.js';
import { toUserView } from '../users/user-admin.service.js';
import { PasswordHasher } from './password-hasher.js';

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('invalid', 'auth.invalid_credentials', 'the email or the password is wrong, or the account is disabled');
  }
}

/** Checks an email and password; the edge turns the user into a token. */
@Injectable()
export class Login {
  constructor(
    private readonly db: Db,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(email: string, password: string): Promise<UserView> {
    const [row] = await this.db.query<Record<string, unknown>>('SELECT * FROM users WHERE email = $1', [email.trim().toLowerCase()]);
    const ok = await this.hasher.verify((row?.password_hash as string | undefined) ?? null, password);
    if (!row || !ok || !row.active) throw new InvalidCredentialsError();
    return toUserView(row);
  }
}
