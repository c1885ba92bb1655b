import { Module } from '@nestjs/common';
import { clockProvider } from '../common/clock.js';
import { RecordTargetReading } from '../readings/record-target-reading.usecase.js';
import { AuthorityBatches } from './authority-batches.js';
import { RecordAdoption } from './record-adoption.usecase.js';

/**
 * Experiences adopted or promoted by a higher authority in its own numbered batches, and the
 * readings documents give for a target. Needs PersistenceModule and ConfigModule.
 */
@Module({
  providers: [clockProvider, AuthorityBatches, RecordAdoption, RecordTargetReading],
  exports: [AuthorityBatches, RecordAdoption, RecordTargetReading],
})
export class ExperiencesModule {}
