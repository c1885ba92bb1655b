import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, ConfigError, ConfigModule, loadAppConfig } from '#config';
import { PersistenceModule, ensureDatabase, migrate } from '#persistence';
import { SeedingModule } from '#seeding';
import { Bootstrap, WorkflowModule } from '#workflow';

@Module({})
class CliModule {
  static forRoot(config: AppConfig) {
    return { module: CliModule, imports: [ConfigModule.forRoot(config), PersistenceModule, WorkflowModule, SeedingModule] };
  }
}

export const say = (tag: string, line: string) => console.log(`[${tag}] ${line}`);

export function fail(tag: string, message: string): never {
  console.error(`[${tag}] ${message}`);
  process.exit(1);
}

/** The configured database, label without password. */
export function databaseLabel(config: AppConfig): string {
  const u = new URL(config.database.url);
  u.password = '';
  return `${u.host}${u.pathname}`;
}

export function readConfig(tag: string): AppConfig {
  try {
    return loadAppConfig();
  } catch (e) {
    return fail(tag, e instanceof ConfigError ? e.message : String(e));
  }
}

/**
 * The use cases without HTTP, on the configured database: created if missing (not in
 * production), migrated, with the workflow definitions stored, as `npm start` leaves it.
 */
export async function openContext(tag: string, config: AppConfig): Promise<INestApplicationContext> {
  const label = databaseLabel(config);
  try {
    if (config.env !== 'production' && (await ensureDatabase(config.database.url))) say(tag, `created database ${label}`);
    const applied = await migrate(config.database);
    if (applied.length) say(tag, `applied ${applied.length} migration(s) to ${label}`);
  } catch (e) {
    fail(
      tag,
      `cannot prepare PostgreSQL at ${label}: ${(e as Error).message}\n  Is PostgreSQL running? Or set DATABASE_URL (see .env.example).`,
    );
  }
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    await app.get(Bootstrap).syncDefinitions();
  } catch (e) {
    await app.close();
    throw e;
  }
  return app;
}
