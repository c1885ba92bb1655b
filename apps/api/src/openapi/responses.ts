import type { ChainVerdict, DeliveryAssessment, MatterActions, Target, Trajectory, Unit, WorkflowDefinition } from '#domain';
import type { HealthReport } from '#health';
import type { DeliveryLogEntry } from '#notifications';
import type { MatterSummary, UnitChannelView } from '#persistence';
import type { Bulletin, BulletinSummary, ProgressReport, ReplicationReport, ReplicationSummary, UnitScorecard } from '#reports';
import type { ImportReport } from '#seeding';
import type {
  AdoptionView,
  AuthorityBatchView,
  BatchView,
  TargetReadingView,
  DeputyPeriodView,
  DoneItem,
  MatterView,
  TaskList,
  TimelineEntry,
  UserView,
} from '#workflow';

/**
 * Every answer body of the API by name: the OpenAPI document's response schemas are
 * generated from these types (`npm run api:schema`), and `@Returns(name)` both documents an
 * operation with one and makes the compiler check that the method really returns it. The
 * web app's client is typed from that document, so a change here that breaks the web app
 * fails its build.
 */
export interface ApiResponses {
  MatterView: MatterView;
  /** The matters of a bulk urge in the order asked, each at its new version with its new notice. */
  UrgedMatters: { items: Array<{ id: string; code: string; version: number; noticeId: string }> };
  MatterPage: { items: MatterSummary[]; page: number; pageSize: number; total: number };
  MatterActions: MatterActions & { version: number };
  TimelineEntry: TimelineEntry;
  AuditVerdict: ChainVerdict;
  DeliveryStatusView: DeliveryAssessment & { matterId: string; asOf: string };
  MatterTrajectory: {
    matterId: string;
    asOf: string;
    targets: Array<Trajectory & { target: Target; documentReadings: TargetReadingView[] }>;
  };
  DeliveryPage: { items: DeliveryLogEntry[]; total: number };
  TaskList: TaskList;
  DonePage: { items: DoneItem[]; total: number; page: number; pageSize: number };
  UserView: UserView;
  DeputyPeriodView: DeputyPeriodView;
  MeView: UserView & { unit: { id: string; code: string; name: Unit['name'] } };
  DirectoryPerson: Pick<UserView, 'id' | 'displayName' | 'unitId' | 'roles'>;
  LoginResponse: { accessToken: string; tokenType: 'Bearer'; expiresIn: number; user: UserView };
  SessionResponse: { user: UserView; expiresAt: string };
  Unit: Unit;
  /** A unit's group robot, its webhook's credential masked and its secret only said to be there. */
  UnitChannel: UnitChannelView;
  ChannelTestQueued: { deliveryId: string };
  BatchView: BatchView;
  ImportReport: ImportReport & { count: number };
  WorkflowDefinitionView: WorkflowDefinition & { checksum: string };
  ProgressReport: ProgressReport;
  UnitScorecard: UnitScorecard;
  ReplicationReport: ReplicationReport;
  ReplicationSummary: ReplicationSummary;
  Bulletin: Bulletin;
  BulletinSummary: BulletinSummary;
  AuthorityBatchView: AuthorityBatchView;
  AdoptionView: AdoptionView;
  HealthReport: HealthReport;
}

export type ResponseName = keyof ApiResponses;
