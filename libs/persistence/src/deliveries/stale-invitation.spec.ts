import { staleInvitationReason } from './stale-invitation.js';

describe(staleInvitationReason.name, () => {
  const request = { version: 2, method: 'REQUEST' as const };

  it('holds while its deadline is open or suspended at the version it was written for', () => {
    expect(staleInvitationReason(request, { status: 'open', version: 2 })).toBeNull();
    expect(staleInvitationReason(request, { status: 'suspended', version: 2 })).toBeNull();
  });

  it('is gone once its deadline is met or cancelled, whatever the version', () => {
    expect(staleInvitationReason(request, { status: 'met', version: 3 })).toBe('deadline_met');
    expect(staleInvitationReason(request, { status: 'cancelled', version: 3 })).toBe('deadline_cancelled');
    // written after the decision, at the closed version itself (an event handled late)
    expect(staleInvitationReason(request, { status: 'met', version: 2 })).toBe('deadline_met');
  });

  it('is replaced once its deadline has a later version that is still open (moved, suspended, re-planned)', () => {
    expect(staleInvitationReason(request, { status: 'open', version: 3 })).toBe('deadline_moved');
    expect(staleInvitationReason(request, { status: 'suspended', version: 3 })).toBe('deadline_moved');
  });

  it('is cancelled when its deadline is gone altogether', () => {
    expect(staleInvitationReason(request, null)).toBe('deadline_cancelled');
  });

  it('never stops a CANCEL or a mail without an invitation', () => {
    expect(staleInvitationReason({ version: 3, method: 'CANCEL' }, { status: 'met', version: 3 })).toBeNull();
    expect(staleInvitationReason(null, { status: 'met', version: 3 })).toBeNull();
    expect(staleInvitationReason(null, null)).toBeNull();
  });
});
