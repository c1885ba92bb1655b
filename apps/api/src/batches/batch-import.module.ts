import { Module } from '@nestjs/common';
import { SeedingModule } from '#seeding';
import { BatchImportController } from './batch-import.controller.js';

/** `POST /batches/import`: batches from CSV or YAML files, through the seeding library's ImportBatch. */
@Module({ imports: [SeedingModule], controllers: [BatchImportController] })
export class BatchImportModule {}
