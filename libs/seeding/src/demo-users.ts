import { Injectable } from '@nestjs/common';
import { type Role } from '#domain';
import { Db } from '#persistence';
import { UserAdmin, type UserChanges } from '#workflow';
import { readDemoUsers } from './files/seed-set.js';
import { SeedFileError } from './files/problems.js';
import type { Tally } from './seed-loader.js';
import { SystemAccount } from './system-account.js';

export const DEMO_USERS_FILE = 'seeds/demo/users.yaml';

export interface DemoUser {
  email: string;
  displayName: string;
  unit: string;
  roles: Role[];
}

/**
 * The demo's accounts (`seeds/demo/users.yaml`): one or more per role in several units,
 * with a password for the demo only. Loaded by the demo, after the production seed has
 * registered the units; never by `npm run seed`. Idempotent by email; an existing
 * account's name, roles, unit and locale follow the file, its password does not change.
 */
@Injectable()
export class DemoUsers {
  constructor(
    private readonly db: Db,
    private readonly users: UserAdmin,
    private readonly system: SystemAccount,
  ) {}

  async load(file = DEMO_USERS_FILE): Promise<Tally & { users: DemoUser[] }> {
    const { data, lineOf } = readDemoUsers(file);
    const codes = [...new Set(data.users.map((u) => u.unit))];
    const units = await this.db.query<{ id: string; code: string }>('SELECT id, code FROM units WHERE code = ANY($1)', [codes]);
    const unitId = new Map(units.map((u) => [u.code, u.id]));
    const missing = data.users.flatMap((u, i) =>
      unitId.has(u.unit)
        ? []
        : [
            {
              row: lineOf(['users', i, 'unit']),
              field: `users[${i}].unit`,
              rule: 'unit.unknown',
              message: `no unit has the code ${u.unit}: run the production seed (npm run seed) first`,
            },
          ],
    );
    if (missing.length) throw new SeedFileError(file, missing);

    const actor = await this.system.actor();
    const count: Tally & { users: DemoUser[] } = { created: 0, updated: 0, unchanged: 0, users: [] };
    for (const u of data.users) {
      const email = u.email.toLowerCase();
      const [row] = await this.db.query<{ id: string; display_name: string; roles: Role[]; unit_id: string; locale: string }>(
        'SELECT id, display_name, roles, unit_id, locale FROM users WHERE email = $1',
        [email],
      );
      const wanted = { displayName: u.displayName, roles: u.roles, unitId: unitId.get(u.unit)!, locale: u.locale ?? 'zh-CN' };
      if (!row) {
        await this.users.create(actor, { email, password: u.password ?? data.password, ...wanted });
        count.created += 1;
      } else {
        const changes: UserChanges = {};
        if (row.display_name !== wanted.displayName) changes.displayName = wanted.displayName;
        if ([...row.roles].sort().join() !== [...wanted.roles].sort().join()) changes.roles = wanted.roles;
        if (row.unit_id !== wanted.unitId) changes.unitId = wanted.unitId;
        if (row.locale !== wanted.locale) changes.locale = wanted.locale;
        if (Object.keys(changes).length === 0) count.unchanged += 1;
        else {
          await this.users.update(actor, row.id, changes);
          count.updated += 1;
        }
      }
      count.users.push({ email, displayName: u.displayName, unit: u.unit, roles: u.roles });
    }
    return count;
  }
}

/** For the demo: load its accounts through an application context that has the SeedingModule. */
export function loadDemoUsers(app: { get<T>(type: new (...args: never[]) => T): T }, file = DEMO_USERS_FILE) {
  return app.get(DemoUsers).load(file);
}
