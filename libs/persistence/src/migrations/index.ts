import { InitialSchema1763769600000 } from './1763769600000-initial-schema.js';
import { DeadlinesTimersDeliveries1763856000000 } from './1763856000000-deadlines-timers-deliveries.js';
import { ComposedMailDigests1763942400000 } from './1763942400000-composed-mail-digests.js';
import { EvaluationExperiencesReports1764028800000 } from './1764028800000-evaluation-experiences-reports.js';
import { MatterProvenance1764115200000 } from './1764115200000-matter-provenance.js';
import { BenchIndexes1764201600000 } from './1764201600000-bench-indexes.js';
import { WebSessionsInbox1764288000000 } from './1764288000000-web-sessions-inbox.js';
import { MatterVisibility1764374400000 } from './1764374400000-matter-visibility.js';
import { NarrativeProgressReports1764633600000 } from './1764633600000-narrative-progress-reports.js';
import { AuthorityAdoptionsReadings1764720000000 } from './1764720000000-authority-adoptions-readings.js';
import { LegalAuthorizationInstruments1764806400000 } from './1764806400000-legal-authorization-instruments.js';
import { ProvisionalDeadlinesFaultTolerance1764892800000 } from './1764892800000-provisional-deadlines-fault-tolerance.js';
import { IdempotencyKeys1764979200000 } from './1764979200000-idempotency-keys.js';
import { CancelledDeliveries1765238400000 } from './1765238400000-cancelled-deliveries.js';
import { Deputies1765324800000 } from './1765324800000-deputies.js';
import { ParticipatingUnitParts1765411200000 } from './1765411200000-participating-unit-parts.js';
import { UnitRobotChannels1765500000000 } from './1765500000000-unit-robot-channels.js';
import { Bulletins1765700000000 } from './1765700000000-bulletins.js';
import { LeadersInstructions1765800000000 } from './1765800000000-leaders-instructions.js';
import { Acceptance1766100000000 } from './1766100000000-acceptance.js';
import { AutomaticOrders1766200000000 } from './1766200000000-automatic-orders.js';
import { SupervisionOrders1766000000000 } from './1766000000000-supervision-orders.js';

/** Every migration, in order. Listed explicitly: ES modules cannot glob-load them. */
export const MIGRATIONS = [
  InitialSchema1763769600000,
  DeadlinesTimersDeliveries1763856000000,
  ComposedMailDigests1763942400000,
  EvaluationExperiencesReports1764028800000,
  MatterProvenance1764115200000,
  BenchIndexes1764201600000,
  WebSessionsInbox1764288000000,
  MatterVisibility1764374400000,
  NarrativeProgressReports1764633600000,
  AuthorityAdoptionsReadings1764720000000,
  LegalAuthorizationInstruments1764806400000,
  ProvisionalDeadlinesFaultTolerance1764892800000,
  IdempotencyKeys1764979200000,
  CancelledDeliveries1765238400000,
  Deputies1765324800000,
  ParticipatingUnitParts1765411200000,
  UnitRobotChannels1765500000000,
  Bulletins1765700000000,
  LeadersInstructions1765800000000,
  SupervisionOrders1766000000000,
  Acceptance1766100000000,
  AutomaticOrders1766200000000,
];
