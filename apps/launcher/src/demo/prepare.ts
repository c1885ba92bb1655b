/**
 * The demo's database, ready for the scenario: migrated, the workflow definitions stored,
 * the first admin, the seed's units, the scenario's matters (under the `demo` workflow, so
 * their clocks run in seconds), the matters left open afterwards (under the batches' own
 * workflow) and the demo's accounts.
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
 * The matters the demo loads: the scenario's stories (`story`) in copies of their batches
 * that run under the demo workflow (code `<batch>-DEMO`, durations in seconds), and the
 * matters it leaves open for people to work on (`live`) in the batches as the seed files
 * define them, under the production workflow (durations in days, so no mail storm
 * follows). The other seeded matters are not loaded.
 */
export function demoSeedSet(set: SeedSet, codes: { story: readonly string[]; live: readonly string[] }, workflow: string): SeedSet {
  const pick = (wanted: Set<string>, demo: boolean) =>
    set.batches
      .map((b) => ({
        ...b,
        header: demo
          ? {
              ...b.header,
              code: `${b.header.code}-DEMO`,
              title: {
                zh: `${b.header.title.zh ?? b.header.title.en}（演示流程）`,
                en: `${b.header.title.en ?? b.header.title.zh} (demo workflow)`,
              },
              workflow,
            }
          : b.header,
        rows: b.rows.filter((r) => wanted.has(r.entry.code)),
      }))
      .filter((b) => b.rows.length > 0);
  // the 15th Five-Year Plan batch (000) is the plan offices work from now: the demo loads all of it, as drafts
  const plan15 = set.batches.filter((b) => b.header.code === 'SZ-15FYP');
  const batches = [...pick(new Set(codes.story), true), ...pick(new Set(codes.live), false), ...plan15];
  const found = new Set(batches.flatMap((b) => b.rows.map((r) => r.entry.code)));
  const missing = [...codes.story, ...codes.live].filter((c) => !found.has(c));
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

export async function prepareDatabase(config: AppConfig, codes: { story: readonly string[]; live: readonly string[] }): Promise<Prepared> {
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
