import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type Actor, type Role, hasRole } from '#domain';
import { Db } from '#persistence';
import { Bootstrap, UserAdmin } from '#workflow';

/** The account the seed and command-line imports act as: it drafts, it never signs in. */
export const SYSTEM_ACCOUNT_EMAIL = 'system@reformflow.local';

/**
 * The reform office acting as the system: seeded and imported matters are drafted by this
 * account (a matter's `created_by` names a user), and every audit event it causes names it.
 * It lives in the reform office unit the first admin belongs to (ADMIN_UNIT_CODE), holds the
 * reform office role only, and is disabled with a password nobody knows, so it cannot sign in.
 */
@Injectable()
export class SystemAccount {
  constructor(
    private readonly db: Db,
    private readonly users: UserAdmin,
    private readonly bootstrap: Bootstrap,
  ) {}

  async actor(): Promise<Actor> {
    const [row] = await this.db.query<{ id: string; unit_id: string; roles: Role[] }>(
      'SELECT id, unit_id, roles FROM users WHERE email = $1',
      [SYSTEM_ACCOUNT_EMAIL],
    );
    if (row) {
      const actor = { userId: row.id, unitId: row.unit_id, roles: row.roles };
      if (!hasRole(actor, 'reform_office')) {
        throw new Error(`${SYSTEM_ACCOUNT_EMAIL} exists without the reform_office role: give it the role back or remove the account`);
      }
      return actor;
    }
    const unitId = await this.bootstrap.ensureAdminUnit();
    const user = await this.users.create(null, {
      email: SYSTEM_ACCOUNT_EMAIL,
      displayName: '系统（种子数据与批量导入）',
      password: randomBytes(32).toString('base64url'),
      roles: ['reform_office'],
      unitId,
      active: false,
    });
    return { userId: user.id, unitId: user.unitId, roles: user.roles };
  }

  /**
   * Who drafts an import: the person themselves when they are the reform office; an admin
   * imports through the system account (the batch's audit names the admin).
   */
  async drafterFor(actor: Actor): Promise<Actor> {
    return hasRole(actor, 'reform_office') ? actor : this.actor();
  }
}
