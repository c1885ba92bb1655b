import { Injectable } from '@nestjs/common';
import type { Tx } from '../db.js';

/**
 * The one door to `idempotency_keys`. A row moves: claimed (the first request with the key
 * runs; no answer yet) → completed (its answer kept) — or, when the first request failed in
 * a way a retry may not repeat (a 5xx), released (deleted), so the retry runs afresh.
 * A row older than IDEMPOTENCY_KEY_TTL_MS is as good as absent: a claim replaces it and
 * `purgeExpired` deletes it.
 */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** Who sent which request with which key: what a retry must match. */
export interface IdempotentRequest {
  actorId: string;
  key: string;
  method: string;
  /** The request target as sent, query included: `/api/v1/matters/…/submit`. */
  path: string;
  /** SHA-256 (hex) of the body's canonical JSON. */
  bodyHash: string;
}

/** The answer kept for replay. */
export interface IdempotentAnswer {
  status: number;
  /** Only the headers a replay must repeat (ETag, Location), by their lower-case names. */
  headers: Record<string, string>;
  body: unknown;
}

export interface IdempotencyRecord extends IdempotentRequest {
  createdAt: Date;
  /** Null while the first request still runs (or stopped without answering). */
  answer: IdempotentAnswer | null;
}

export type Claim = { claimed: true; claimedAt: Date } | { claimed: false; record: IdempotencyRecord };

/** The claim a completion or a release refers to: a later claim of the same key (after expiry) is not touched. */
export interface ClaimRef {
  actorId: string;
  key: string;
  claimedAt: Date;
}

type Sql = Pick<Tx, 'query' | 'execute'>;

interface Row {
  actor_id: string;
  key: string;
  method: string;
  path: string;
  body_hash: string;
  status: number | null;
  response_headers: Record<string, string> | null;
  response_body: unknown;
  created_at: Date;
}

@Injectable()
export class IdempotencyKeyStore {
  /**
   * Takes the key for this request, or returns what holds it. The INSERT … ON CONFLICT DO
   * NOTHING is the lock: of two requests racing with one key, exactly one inserts. Runs
   * outside the write's transaction (committed at once), so a second request sees the claim
   * while the first is still running.
   */
  async claim(q: Sql, r: IdempotentRequest, now: Date): Promise<Claim> {
    const expiredBefore = new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS);
    for (let attempt = 0; attempt < 3; attempt++) {
      await q.execute(`DELETE FROM idempotency_keys WHERE actor_id = $1 AND key = $2 AND created_at <= $3`, [
        r.actorId,
        r.key,
        expiredBefore,
      ]);
      const inserted = await q.query(
        `INSERT INTO idempotency_keys (actor_id, key, method, path, body_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (actor_id, key) DO NOTHING RETURNING key`,
        [r.actorId, r.key, r.method, r.path, r.bodyHash, now],
      );
      if (inserted.length === 1) return { claimed: true, claimedAt: now };
      const [row] = await q.query<Row>(
        `SELECT actor_id, key, method, path, body_hash, status, response_headers, response_body, created_at
         FROM idempotency_keys WHERE actor_id = $1 AND key = $2 AND created_at > $3`,
        [r.actorId, r.key, expiredBefore],
      );
      // gone between the INSERT and the SELECT (released after a 5xx, or expired): claim again
      if (row) return { claimed: false, record: recordOf(row) };
    }
    throw new Error(`idempotency key ${r.key} could not be claimed`);
  }

  /** Keeps the answer of a claim; false when the claim is no longer there (it expired and was taken again). */
  async complete(q: Sql, c: ClaimRef, answer: IdempotentAnswer, now: Date): Promise<boolean> {
    const n = await q.execute(
      `UPDATE idempotency_keys SET status = $4, response_headers = $5::jsonb, response_body = $6::jsonb, completed_at = $7
       WHERE actor_id = $1 AND key = $2 AND created_at = $3 AND completed_at IS NULL`,
      [c.actorId, c.key, c.claimedAt, answer.status, JSON.stringify(answer.headers), JSON.stringify(answer.body ?? null), now],
    );
    return n === 1;
  }

  /** Gives the key back unanswered (the request failed on our side): a retry runs it again. */
  async release(q: Sql, c: ClaimRef): Promise<void> {
    await q.execute(`DELETE FROM idempotency_keys WHERE actor_id = $1 AND key = $2 AND created_at = $3 AND completed_at IS NULL`, [
      c.actorId,
      c.key,
      c.claimedAt,
    ]);
  }

  /** Deletes rows past their 24 hours, a bounded batch per call; returns how many. */
  async purgeExpired(q: Sql, now: Date, limit = 10_000): Promise<number> {
    return q.execute(
      `DELETE FROM idempotency_keys WHERE (actor_id, key) IN (
         SELECT actor_id, key FROM idempotency_keys WHERE created_at <= $1 LIMIT ${Math.floor(limit)})`,
      [new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS)],
    );
  }
}

function recordOf(row: Row): IdempotencyRecord {
  return {
    actorId: row.actor_id,
    key: row.key,
    method: row.method,
    path: row.path,
    bodyHash: row.body_hash.trim(),
    createdAt: new Date(row.created_at),
    answer: row.status === null ? null : { status: row.status, headers: row.response_headers ?? {}, body: row.response_body },
  };
}
