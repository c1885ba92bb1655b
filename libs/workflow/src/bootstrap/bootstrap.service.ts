import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, loadWorkflowDefinitions } from '#config';
import { Db, DefinitionStore, type SyncedDefinition, UnitEntity } from '#persistence';
import { UserAdmin } from '../users/user-admin.service.js';

/**
 * What the api does once at start: store new versions of changed workflow definitions
 * (a bad file stops the start with its name, path and rule), and create the first
 * admin from the environment when no admin exists yet.
 */
@Injectable()
export class Bootstrap {
  private readonly logger = new Logger(Bootstrap.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly definitions: DefinitionStore,
    private readonly users: UserAdmin,
  ) {}

  async syncDefinitions(): Promise<SyncedDefinition[]> {
    const loaded = loadWorkflowDefinitions(this.config.workflows.dir);
    const synced = await this.definitions.sync(this.db, loaded);
    for (const d of synced) {
      this.logger.log(`workflow ${d.name} v${d.version}${d.added ? ' stored (new or changed)' : ' unchanged'}`);
    }
    if (!synced.some((d) => d.name === this.config.workflows.defaultName)) {
      throw new Error(
        `DEFAULT_WORKFLOW is "${this.config.workflows.defaultName}", but ${this.config.workflows.dir} has no such definition`,
      );
    }
    return synced;
  }

  /**
   * Creates the first admin when none exists. Without ADMIN_PASSWORD (refused in production) it makes a
   * password up and hands it to `keepGeneratedPassword` before the admin exists, so a password that
   * could not be kept never locks anyone out; it is never logged. Returns null when an admin existed.
   */
  async ensureFirstAdmin(
    options: { keepGeneratedPassword?: (email: string, password: string) => void } = {},
  ): Promise<{ email: string; generated: boolean } | null> {
    const b = this.config.bootstrap;
    const [existing] = await this.db.query(`SELECT 1 FROM users WHERE 'admin' = ANY(roles) AND active LIMIT 1`);
    if (existing) return null;
    let password = b.adminPassword ?? null;
    const generated = !password;
    if (!password) {
      if (this.config.env === 'production') {
        throw new Error('no admin exists yet: set ADMIN_EMAIL and ADMIN_PASSWORD (at least 12 characters) for the first start');
      }
      if (!options.keepGeneratedPassword) {
        throw new Error('no admin exists yet and ADMIN_PASSWORD is not set: set it (at least 12 characters) for the first start');
      }
      password = randomBytes(12).toString('base64url');
      options.keepGeneratedPassword(b.adminEmail, password);
    }
    const unitId = await this.ensureAdminUnit();
    const [sameEmail] = await this.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [b.adminEmail.toLowerCase()]);
    if (sameEmail) {
      throw new Error(
        `no active admin exists, and ${b.adminEmail} belongs to a user without the admin role: set ADMIN_EMAIL to a new address`,
      );
    }
    await this.users.create(null, { email: b.adminEmail, displayName: b.adminName, password, roles: ['admin'], unitId });
    this.logger.log(`created the first admin ${b.adminEmail} in unit ${b.unitCode}`);
    return { email: b.adminEmail, generated };
  }

  /** The reform office unit the first admin (and the seed's system account) belongs to; created bare if missing. */
  async ensureAdminUnit(): Promise<string> {
    const b = this.config.bootstrap;
    const repo = this.db.dataSource.getRepository(UnitEntity);
    await repo
      .createQueryBuilder()
      .insert()
      .values({ code: b.unitCode, nameZh: b.unitName.zh, nameEn: b.unitName.en, kind: 'reform_office' })
      .orIgnore()
      .execute();
    const unit = await repo.findOneByOrFail({ code: b.unitCode });
    return unit.id;
  }
}
