import type { CancelReason } from '../entities/deadline.entity.js';

/** The calendar entry a delivery carries, as the delivery writer stored it in `data.calendar`. */
export interface InvitationRef {
  version: number;
  method: 'REQUEST' | 'CANCEL';
}

/** Its deadline as it stands now; null when the row is gone. */
export interface DeadlineNow {
  status: 'open' | 'suspended' | 'met' | 'cancelled';
  version: number;
}

/**
 * Why a delivery's invitation no longer holds, or null while it does (and for mail that
 * carries none, or carries a CANCEL, whose reason never goes).
 *
 * A REQUEST is for one version of one deadline. The deadline met or cancelled (a step
 * decided, a milestone met, the matter withdrawn) takes its reason away; so does any later
 * version of it (moved, suspended, re-planned, reopened), whose holders are sent that
 * version instead.
 */
export function staleInvitationReason(invitation: InvitationRef | null, deadline: DeadlineNow | null): CancelReason | null {
  if (!invitation || invitation.method !== 'REQUEST') return null;
  if (!deadline) return 'deadline_cancelled';
  if (deadline.status === 'met') return 'deadline_met';
  if (deadline.status === 'cancelled') return 'deadline_cancelled';
  return deadline.version > invitation.version ? 'deadline_moved' : null;
}
