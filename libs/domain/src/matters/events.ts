import type { Instant } from '../common/ids.js';
import type { LocalizedText } from '../common/localized-text.js';
import type {
  ApprovalStep,
  AuthorizationInstrument,
  Evaluation,
  EvaluatorAssignment,
  Experience,
  Acceptance,
  Instruction,
  InstructionReport,
  SupervisionOrder,
  Matter,
  MatterPlan,
  Milestone,
  Part,
  PartReport,
  ProgressEntry,
  ProgressReport,
  ReportPeriod,
  Risk,
  Target,
  UrgeNotice,
} from './matter.js';
import type { FaultToleranceFinding } from './fault-tolerance.js';
import type { Outcome, RiskLevel, Stage } from './vocabulary.js';
import type { AssignmentResolution } from './commands.js';

/**
 * What happened to a matter. Events carry everything `evolve` needs, so the audit
 * trail alone can rebuild a matter; they are also what the outbox relays.
 */
interface Base {
  at: Instant;
  actorId: string;
  /** 委托代理: the absent person the actor acted for as their deputy; the absent person's rights were checked. */
  onBehalfOf?: string;
}

/** A plan change with every target and risk given an id. */
export type ResolvedPlanChanges = Partial<Omit<MatterPlan, 'targets' | 'risks'>> & {
  targets?: Target[];
  risks?: Risk[];
};

export type MatterEvent = Base &
  (
    | { type: 'matter.drafted'; matter: Omit<Matter, 'version'> }
    | { type: 'matter.edited'; changes: ResolvedPlanChanges }
    | { type: 'matter.submitted'; round: number; steps: ApprovalStep[]; stageDueAt: Instant | null }
    | {
        type: 'approval.step_approved';
        stepId: string;
        comment: string | null;
        nextStepId: string | null;
        nextStepDueAt: Instant | null;
        /** Legal authorization granted: open milestones resume with the time they had left when the wait began. */
        resumedMilestones?: Array<{ milestoneId: string; dueAt: Instant; previousDueAt: Instant }>;
        /** The instrument of a legal authorization, as the decision records it. */
        instrument?: AuthorizationInstrument;
      }
    | { type: 'matter.approved'; stageDueAt: Instant | null }
    | { type: 'approval.step_rejected'; stepId: string; comment: string; stageDueAt: Instant | null }
    | { type: 'approval.step_returned'; stepId: string; comment: string; stageDueAt: Instant | null }
    | {
        type: 'matter.implementation_started';
        stageDueAt: Instant | null;
        /** The leading unit's acceptance (签收) and its parts', where the definition asks for them; absent before. */
        acceptance?: Acceptance;
        partAcceptances?: Array<{ partId: string; acceptance: Acceptance }>;
        /** The first reporting period; absent in events from before periods were recorded. */
        reportPeriod?: ReportPeriod | null;
      }
    | { type: 'milestone.added'; milestone: Milestone }
    | { type: 'milestone.edited'; milestoneId: string; title?: LocalizedText; dueAt?: Instant; previousDueAt: Instant }
    | { type: 'milestone.removed'; milestoneId: string }
    | { type: 'milestone.completed'; milestoneId: string; note: string | null }
    | { type: 'part.assigned'; part: Part }
    | {
        type: 'part.edited';
        partId: string;
        deliverable?: LocalizedText;
        dueAt?: Instant;
        contactId?: string | null;
        previousDueAt: Instant;
      }
    | { type: 'part.removed'; partId: string; reason: string | null }
    /** The actor reported on their unit's part; `report.completes` marks it done. */
    | { type: 'part.reported'; partId: string; report: PartReport }
    /** 签收 of the matter (`partId` null) or a part; `implied` comment when it came with another act. */
    | { type: 'assignment.accepted'; partId: string | null; comment: string | null }
    | { type: 'assignment.returned'; partId: string | null; reason: string }
    | {
        type: 'assignment.resolved';
        partId: string | null;
        resolution: AssignmentResolution;
        /** The unit that now holds it, and for a matter given to another unit its manager, for a part its contact. */
        unitId: string;
        managerId?: string | null;
        contactId?: string | null;
        comment: string;
        /** The acceptance now open. */
        acceptance: Acceptance;
      }
    | { type: 'instruction.recorded'; instruction: Instruction }
    | { type: 'instruction.reported'; instructionId: string; report: InstructionReport }
    | { type: 'instruction.closed'; instructionId: string; remark: string | null }
    | { type: 'order.issued'; order: SupervisionOrder }
    | { type: 'order.acknowledged'; orderId: string; response: string | null }
    | { type: 'order.closed'; orderId: string; remark: string | null }
    | { type: 'progress.reported'; entry: ProgressEntry }
    | {
        type: 'progress.report_filed';
        report: ProgressReport;
        /** The report's values as readings of their targets. */
        readings: ProgressEntry[];
        /** The period that opens now; null without a reporting cadence. */
        nextPeriod: ReportPeriod | null;
      }
    | {
        type: 'risk.register_updated';
        riskLevel: RiskLevel;
        previousRiskLevel: RiskLevel;
        /** The whole register after the change. */
        risks: Risk[];
        added: string[];
        changed: string[];
        removed: string[];
        note: string | null;
      }
    | { type: 'evaluation.requested'; note: string | null; stageDueAt: Instant | null }
    | {
        type: 'evaluation.assigned';
        assignment: EvaluatorAssignment;
        /** The evaluator this one replaces, and why; absent in events from before reassignment existed. */
        previous?: { userId: string; unitId: string } | null;
        reason?: string | null;
      }
    | { type: 'manager.reassigned'; managerId: string; previousManagerId: string | null; reason: string }
    | { type: 'evaluation.logged'; evaluation: Evaluation }
    | { type: 'experience.recorded'; experience: Experience }
    | { type: 'matter.closed'; outcome: Outcome; note: string | null }
    | {
        type: 'matter.adjusted';
        reason: string;
        adjustmentNumber: number;
        addedMilestones: Milestone[];
        movedMilestones: Array<{ milestoneId: string; dueAt: Instant; previousDueAt: Instant }>;
        stageDueAt: Instant | null;
        /** Back in implementation, a new reporting period opens now; absent in events from before periods were recorded. */
        reportPeriod?: ReportPeriod | null;
      }
    | { type: 'matter.withdrawn'; reason: string | null; fromStage: Stage }
    | { type: 'matter.terminated'; reason: string; fromStage: Stage }
    | { type: 'urge.sent'; notice: UrgeNotice }
    | { type: 'urge.acknowledged'; noticeId: string; response: string | null }
    | {
        /**
         * Working-day due times counted again on a calendar that has changed (a year's holiday
         * data added): each move names its deadline key. A system event: actorId is ''.
         */
        type: 'deadlines.replanned';
        reason: 'calendar';
        moves: Array<{ key: string; dueAt: Instant; previousDueAt: Instant }>;
      }
    | {
        /** The reform office's fault-tolerance finding; `previous` is the one it replaces, if any. */
        type: 'fault_tolerance.recorded';
        finding: FaultToleranceFinding;
        previous: FaultToleranceFinding | null;
      }
  );

export type MatterEventType = MatterEvent['type'];
export type EventOf<T extends MatterEventType> = Extract<MatterEvent, { type: T }>;
