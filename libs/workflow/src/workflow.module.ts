import { Module } from '@nestjs/common';
import { PasswordHasher } from './auth/password-hasher.js';
import { Login } from './auth/login.usecase.js';
import { Sessions } from './auth/sessions.service.js';
import { MyTasks } from './inbox/my-tasks.js';
import { BatchAdmin } from './batches/batch-admin.service.js';
import { Bootstrap } from './bootstrap/bootstrap.service.js';
import { calendarProvider } from './common/calendar.js';
import { clockProvider } from './common/clock.js';
import { BackfillDeliveryPeriods } from './matters/backfill-delivery-periods.usecase.js';
import { DraftMatter } from './matters/draft-matter.usecase.js';
import { IssueAutomaticOrder } from './matters/issue-automatic-order.usecase.js';
import { MatterReader } from './matters/matter-reader.js';
import { RecordFaultTolerance } from './matters/record-fault-tolerance.usecase.js';
import { ReplanProvisionalDeadlines } from './matters/replan-provisional-deadlines.usecase.js';
import { RunMatterCommand } from './matters/run-matter-command.usecase.js';
import { UnitAdmin } from './units/unit-admin.service.js';
import { Deputies } from './users/deputies.service.js';
import { UserAdmin } from './users/user-admin.service.js';

const USE_CASES = [
  RunMatterCommand,
  IssueAutomaticOrder,
  ReplanProvisionalDeadlines,
  BackfillDeliveryPeriods,
  RecordFaultTolerance,
  DraftMatter,
  MatterReader,
  UnitAdmin,
  UserAdmin,
  Deputies,
  BatchAdmin,
  Login,
  Sessions,
  MyTasks,
  PasswordHasher,
  Bootstrap,
];

/** The application layer: use cases over the domain and the stores. Needs PersistenceModule and ConfigModule. */
@Module({ providers: [clockProvider, calendarProvider, ...USE_CASES], exports: [clockProvider, calendarProvider, ...USE_CASES] })
export class WorkflowModule {}
