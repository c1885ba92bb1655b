import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/**
 * The audit trail of one aggregate is a hash chain: each link stores
 * SHA-256(previous hash ‖ "\n" ‖ canonical JSON of its own body). Altering, removing
 * or reordering any stored link breaks every hash from that link on, and
 * `verifyChain` names the first link that no longer fits.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditBody {
  aggregateType: string;
  aggregateId: string;
  seq: number;
  type: string;
  actorId: string | null;
  occurredAt: string;
  payload: unknown;
}

export interface ChainLink {
  body: AuditBody;
  prevHash: string;
  hash: string;
}

export function linkHash(prevHash: string, body: AuditBody): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(body)).digest('hex');
}

/** The last link of a chain, as much of it as the next link needs. */
export interface ChainHead {
  seq: number;
  hash: string;
}

export const headOf = (link: ChainLink): ChainHead => ({ seq: link.body.seq, hash: link.hash });

/** The link that follows `head` (or starts the chain when `head` is null). */
export function nextLink(head: ChainHead | null, body: Omit<AuditBody, 'seq'>): ChainLink {
  const prevHash = head?.hash ?? GENESIS_HASH;
  const full: AuditBody = { ...body, seq: (head?.seq ?? 0) + 1 };
  return { body: full, prevHash, hash: linkHash(prevHash, full) };
}

export type ChainBreak = 'seq_gap' | 'prev_hash_mismatch' | 'hash_mismatch';

export type ChainVerdict =
  | { valid: true; length: number; headHash: string }
  | { valid: false; length: number; firstBrokenSeq: number; reason: ChainBreak; detail: string };

/** Checks links given in seq order; the first problem found is the one reported. */
export function verifyChain(links: readonly ChainLink[]): ChainVerdict {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const link of links) {
    const seq = link.body.seq;
    if (seq !== expectedSeq) {
      return broken(links.length, expectedSeq, 'seq_gap', `expected event #${expectedSeq}, found #${seq}`);
    }
    if (link.prevHash !== expectedPrev) {
      return broken(links.length, seq, 'prev_hash_mismatch', `event #${seq} does not point at the hash of event #${seq - 1}`);
    }
    if (linkHash(link.prevHash, link.body) !== link.hash) {
      return broken(links.length, seq, 'hash_mismatch', `event #${seq} no longer matches its stored hash: its content was altered`);
    }
    expectedPrev = link.hash;
    expectedSeq += 1;
  }
  return { valid: true, length: links.length, headHash: expectedPrev };
}

function broken(length: number, firstBrokenSeq: number, reason: ChainBreak, detail: string): ChainVerdict {
  return { valid: false, length, firstBrokenSeq, reason, detail };
}
