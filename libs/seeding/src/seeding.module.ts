import { Module } from '@nestjs/common';
import { ExperiencesModule, WorkflowModule } from '#workflow';
import { DemoUsers } from './demo-users.js';
import { ImportBatch } from './import/import-batch.usecase.js';
import { SeedLoader } from './seed-loader.js';
import { SystemAccount } from './system-account.js';

const PROVIDERS = [SystemAccount, SeedLoader, ImportBatch, DemoUsers];

/** Seed loading, batch imports and the demo's accounts. Needs PersistenceModule and ConfigModule. */
@Module({ imports: [WorkflowModule, ExperiencesModule], providers: PROVIDERS, exports: PROVIDERS })
export class SeedingModule {}
