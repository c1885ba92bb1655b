import type { DeadlineKind } from '../deadlines/deadlines.js';
import type { MatterCommandType } from '../matters/commands.js';

/**
 * The web app's paths, which every mail and inbox item links to (never the JSON API).
 * `?action=<command>&subject=<id>` opens that action's form on the matter page at once:
 * the approval request opens the decision, the urge notice its acknowledgement.
 * The web app (apps/web/src/routes.tsx) serves exactly these.
 */
export const webPaths = {
  matter(matterId: string, action?: MatterCommandType, subjectId?: string | null): string {
    const query = new URLSearchParams();
    if (action) query.set('action', action);
    if (action && subjectId) query.set('subject', subjectId);
    const q = query.toString();
    return `/matters/${matterId}${q ? `?${q}` : ''}`;
  },
  matterTab: (matterId: string, tab: 'plan' | 'approval' | 'timeline' | 'mail'): string => `/matters/${matterId}?tab=${tab}`,
  inbox: (): string => '/inbox',
  settings: (): string => '/settings',
  adminUnits: (): string => '/admin/units',
  dashboard: (): string => '/dashboard',
  scorecard: (): string => '/scorecard',
  replicationReports: (): string => '/reports',
  replicationReport: (n: number): string => `/reports/${n}`,
  bulletins: (): string => '/bulletins',
  bulletin: (n: number): string => `/bulletins/${n}`,
  signIn: (next?: string): string => (next ? `/login?${new URLSearchParams({ next }).toString()}` : '/login'),
} as const;

/** What a deadline asks of the person it reminds: the command its page opens (none for a stage still under way). */
export function actionForDeadline(kind: DeadlineKind, key: string): MatterCommandType | null {
  switch (kind) {
    case 'milestone':
      return 'complete_milestone';
    case 'part':
      return 'report_part';
    case 'instruction':
      return 'report_instruction';
    case 'order':
      return 'acknowledge_supervision_order';
    case 'acceptance':
      return 'accept_assignment';
    case 'progress_report':
      return 'file_progress_report';
    case 'urge_notice':
      return 'acknowledge_urge_notice';
    // no command renews an authorization: the page shows the instrument and its end of validity
    case 'authorization_expiry':
      return null;
    case 'approval_step':
      return 'approve_step';
    case 'stage': {
      const stage = key.split(':')[1];
      return stage === 'draft'
        ? 'submit'
        : stage === 'approved'
          ? 'start_implementation'
          : stage === 'in_evaluation'
            ? 'log_evaluation'
            : null;
    }
  }
}
