/**
 * The demo's database, ready for the scenario: migrated, the workflow definitions stored,
 * the first admin, the seed's units and the scenario's matters of the two seeded batches
 * (under the `demo` workflow, so their clocks run in seconds), and the demo's accounts.
 */
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, ConfigModule } from '#config';
import { PersistenceModule, migrate } from '#persistence';
import { DEMO_USERS_FILE, DemoUsers, SeedLoader, type SeedSet, describe, readDemoUsers, readSeedSet } from '#seeding';
import { SeedingModule } from '#seeding';
import { Bootstrap, WorkflowModule } from '#workflow';

@Module({})
class DemoSeedModule {
  static forRoot(config: AppConfig) {
    return { module: DemoSeedModule, imports: [ConfigModule.forRoot(config), PersistenceModule, WorkflowModule, SeedingModule] };
  }
}

/**
 * Only the rows the scenario drives, each batch under the demo workflow: the other matters
 * would sit as drafts whose 60-second draft stage runs out, and fill the mail with reminders.
 */
export function demoSeedSet(set: SeedSet, codes: readonly string[], workflow: string): SeedSet {
  const wanted = new Set(codes);
  const batches = set.batches
    .map((b) => ({ ...b, header: { ...b.header, workflow }, rows: b.rows.filter((r) => wanted.has(r.entry.code)) }))
    .filter((b) => b.rows.length > 0);
  const found = new Set(batches.flatMap((b) => b.rows.map((r) => r.entry.code)));
  const missing = codes.filter((c) => !found.has(c));
  if (missing.length) throw new Error(`the seed files have no matter ${missing.join(', ')}`);
  return { ...set, batches };
}

export interface Prepared {
  migrations: number;
  seeded: string;
  demoUsers: number;
  /** Every demo account's password, by e-mail. */
  passwords: Map<string, string>;
}

export async function prepareDatabase(config: AppConfig, codes: readonly string[]): Promise<Prepared> {
  const applied = await migrate(config.database);
  const app = await NestFactory.createApplicationContext(DemoSeedModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const bootstrap = app.get(Bootstrap);
    await bootstrap.syncDefinitions();
    await bootstrap.ensureFirstAdmin();
    const summary = await app.get(SeedLoader).load(demoSeedSet(readSeedSet('seeds'), codes, 'demo'));
    const users = await app.get(DemoUsers).load(DEMO_USERS_FILE);
    const { data } = readDemoUsers(DEMO_USERS_FILE);
    const passwords = new Map(data.users.map((u) => [u.email.toLowerCase(), u.password ?? data.password]));
    return { migrations: applied.length, seeded: describe(summary), demoUsers: users.users.length, passwords };
  } finally {
    await app.close();
  }
}
