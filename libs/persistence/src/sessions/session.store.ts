import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../db.js';

/**
 * The one door to `sessions`. A session moves: active (created) → revoked (signed out,
 * password changed) or expired (its time passed); only an active one signs anyone in.
 * The browser's cookie holds `secret`; the table holds its SHA-256, so reading the table
 * signs nobody in.
 */
export interface OpenedSession {
  id: string;
  /** Goes into the httpOnly cookie; never stored. */
  secret: string;
  /** Goes into the readable cookie; the page echoes it in X-CSRF-Token on every write. */
  csrfToken: string;
  expiresAt: Date;
}

export interface ActiveSession {
  id: string;
  userId: string;
  csrfToken: string;
  expiresAt: Date;
}

const hashOf = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');
const token = (): string => randomBytes(32).toString('base64url'); // 43 characters

@Injectable()
export class SessionStore {
  async open(
    tx: Pick<Tx, 'query'>,
    s: { userId: string; now: Date; ttlMs: number; userAgent: string | null; clientAddress: string | null },
  ): Promise<OpenedSession> {
    const secret = token();
    const csrfToken = token();
    const expiresAt = new Date(s.now.getTime() + s.ttlMs);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO sessions (secret_hash, csrf_token, user_id, created_at, expires_at, user_agent, client_address)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [hashOf(secret), csrfToken, s.userId, s.now, expiresAt, s.userAgent?.slice(0, 300) ?? null, s.clientAddress?.slice(0, 64) ?? null],
    );
    return { id: row.id, secret, csrfToken, expiresAt };
  }

  /** The active session a cookie's secret names, or null (unknown, revoked or expired). */
  async find(tx: Pick<Tx, 'query'>, secret: string, now: Date): Promise<ActiveSession | null> {
    const [row] = await tx.query<{ id: string; user_id: string; csrf_token: string; expires_at: Date }>(
      `SELECT id, user_id, csrf_token, expires_at FROM sessions WHERE secret_hash = $1 AND revoked_at IS NULL AND expires_at > $2`,
      [hashOf(secret), now],
    );
    return row ? { id: row.id, userId: row.user_id, csrfToken: row.csrf_token, expiresAt: new Date(row.expires_at) } : null;
  }

  async revoke(tx: Pick<Tx, 'execute'>, sessionId: string, now: Date): Promise<void> {
    await tx.execute(`UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [sessionId, now]);
  }

  /** Every other session of the user ends (a changed password): returns how many. */
  async revokeOthers(tx: Pick<Tx, 'execute'>, userId: string, keepSessionId: string | null, now: Date): Promise<number> {
    return tx.execute(`UPDATE sessions SET revoked_at = $3 WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2`, [
      userId,
      keepSessionId,
      now,
    ]);
  }

  /** Rows that can never sign anyone in again, past a grace period kept for the audit of sign-ins. */
  async sweep(tx: Pick<Tx, 'execute'>, before: Date): Promise<number> {
    return tx.execute(`DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1`, [before]);
  }
}
