import type { LocalDate } from '../common/ids.js';
import type { LocalizedText } from '../common/localized-text.js';
import type { MatterPlan } from './matter.js';
import type { Outcome, Verdict } from './vocabulary.js';

/**
 * When a milestone is due: an instant; a calendar date, meaning the end of that day
 * (23:59:59) in the workflow's time zone; or a duration from now (`PT5S`, `P30D`),
 * which is how demos and tests run a lifecycle in seconds on the production path.
 */
export type DueSpec = { at: Date } | { on: LocalDate } | { in: string };

export interface MilestoneInput {
  title: LocalizedText;
  due: DueSpec;
}

export type MatterCommand =
  | { type: 'edit'; changes: Partial<MatterPlan> }
  | { type: 'submit' }
  | { type: 'approve_step'; comment?: string }
  | { type: 'reject_step'; comment: string }
  | { type: 'return_step'; comment: string }
  | { type: 'start_implementation' }
  | { type: 'add_milestone'; milestone: MilestoneInput }
  | { type: 'edit_milestone'; milestoneId: string; title?: LocalizedText; due?: DueSpec }
  | { type: 'remove_milestone'; milestoneId: string }
  | { type: 'complete_milestone'; milestoneId: string; note?: string }
  | { type: 'report_progress'; targetId: string; value: number; asOf: LocalDate; note?: string }
  | { type: 'request_evaluation'; note?: string }
  | { type: 'log_evaluation'; verdict: Verdict; narrative: string }
  | { type: 'close'; outcome: Outcome; note?: string }
  | {
      type: 'adjust';
      reason: string;
      /** New milestones of the changed plan. */
      addMilestones?: MilestoneInput[];
      /** Open milestones whose deadline moves. */
      moveMilestones?: Array<{ milestoneId: string; due: DueSpec }>;
    }
  | { type: 'withdraw'; reason?: string }
  | { type: 'terminate'; reason: string }
  | { type: 'send_urge_notice'; message: string }
  | { type: 'acknowledge_urge_notice'; noticeId: string; response?: string };

export type MatterCommandType = MatterCommand['type'];
export type CommandOf<T extends MatterCommandType> = Extract<MatterCommand, { type: T }>;

export const MATTER_COMMAND_TYPES = [
  'edit',
  'submit',
  'approve_step',
  'reject_step',
  'return_step',
  'start_implementation',
  'add_milestone',
  'edit_milestone',
  'remove_milestone',
  'complete_milestone',
  'report_progress',
  'request_evaluation',
  'log_evaluation',
  'close',
  'adjust',
  'withdraw',
  'terminate',
  'send_urge_notice',
  'acknowledge_urge_notice',
] as const satisfies readonly MatterCommandType[];
