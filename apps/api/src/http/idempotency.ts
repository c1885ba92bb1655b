import { createHash } from 'node:crypto';
import { canonicalJson } from '#domain';
import { ProblemError, badRequest } from './problem.js';

/**
 * The pure parts of Idempotency-Key handling (the interceptor does the I/O): which operations
 * take the header, what a valid key is, the body's fingerprint, which answers are kept.
 */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** On a replayed answer: this is the first answer again, nothing was written now. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Writes that do not take a key: signing in and out (public, and a sign-in is no command),
 * changing a password (a fingerprint of a body holding passwords is not kept anywhere) and
 * the batch import (its body is a raw CSV or YAML file, all or nothing, not JSON).
 */
const WITHOUT_KEY = /\/auth\/|\/me\/password$|\/batches\/import$/;

export const isWrite = (method: string): boolean => WRITES.has(method.toUpperCase());

/** Whether a signed-in write takes an Idempotency-Key; `path` is the route (`/api/v1/matters/:id/submit` or `{id}`). */
export function takesIdempotencyKey(method: string, path: string): boolean {
  return isWrite(method) && !WITHOUT_KEY.test(path);
}

/** A key sent to a signed-in write that takes none: refused, so no client believes its retry is safe when it is not. */
export const keyNotTaken = (method: string, path: string): ProblemError =>
  badRequest([
    {
      field: IDEMPOTENCY_HEADER,
      rule: 'idempotency_key.not_accepted',
      message: `${method} ${path} does not take an Idempotency-Key: send it without one`,
    },
  ]);

/** 1–255 printable ASCII characters (space to tilde): a UUID, a ULID, any opaque token of the client's. */
const KEY = /^[\x20-\x7e]{1,255}$/;

/** The key the request sent, undefined without one; 400 naming the header when it is not a valid key. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header) || !KEY.test(header))
    throw badRequest([
      { field: IDEMPOTENCY_HEADER, rule: 'idempotency_key.format', message: 'must be 1 to 255 printable ASCII characters, e.g. a UUID' },
    ]);
  return header;
}

/**
 * SHA-256 of the body's canonical JSON: the same data in another key order or spacing is the
 * same body. The If-Match a write sends is part of the request as much as a "version" field
 * would be, so it is fingerprinted with the body when there is one.
 */
export function bodyFingerprint(body: unknown, ifMatch?: string | string[]): string {
  const data = ifMatch === undefined ? (body ?? null) : { body: body ?? null, ifMatch: [ifMatch].flat().join(', ').trim() };
  return createHash('sha256').update(canonicalJson(data), 'utf8').digest('hex');
}

/** The answer headers a replay repeats: the version for the next If-Match, and where a created thing is. */
export const KEPT_HEADERS = ['etag', 'location'] as const;

/** Answers a retry could change: they are not kept, so the retry runs again. */
const TRANSIENT_STATUSES = new Set([408, 425, 429]);
const TRANSIENT_CODES = new Set(['concurrent.retry']);

/** Whether an answer is kept for replay: a success or a client error that a retry would meet again; never a 5xx. */
export function keepsAnswer(status: number, code?: string): boolean {
  if (status >= 200 && status < 300) return true;
  return status >= 400 && status < 500 && !TRANSIENT_STATUSES.has(status) && !(code !== undefined && TRANSIENT_CODES.has(code));
}

/** How long an unanswered claim counts as running; after that its request is taken to have stopped (the api went down). */
export const IN_PROGRESS_LEASE_MS = 60_000;

const keyError = (rule: string, message: string) => [{ field: IDEMPOTENCY_HEADER, rule, message }];

export const reusedWithOtherBody = (): ProblemError =>
  new ProblemError(
    422,
    'idempotency_key.reused_with_other_body',
    'Refused by a business rule',
    'this Idempotency-Key was sent before with another body (or If-Match): a retry must send the same request, a new request a new key',
    keyError('idempotency_key.reused_with_other_body', 'was used for a request with another body'),
  );

export const reusedOnOtherOperation = (method: string, path: string): ProblemError =>
  new ProblemError(
    422,
    'idempotency_key.reused_on_other_operation',
    'Refused by a business rule',
    `this Idempotency-Key was sent before with ${method} ${path}: a retry must repeat the same request, a new request needs a new key`,
    keyError('idempotency_key.reused_on_other_operation', `was used for ${method} ${path}`),
  );

export const inProgress = (retryAfterSeconds: number): ProblemError =>
  new ProblemError(
    409,
    'idempotency_key.in_progress',
    'Conflict with the current state',
    `the first request with this Idempotency-Key is still running: retry in ${retryAfterSeconds} s to get its answer`,
    keyError('idempotency_key.in_progress', 'names a request that has not answered yet'),
    { retryAfter: retryAfterSeconds },
  );

export const abandoned = (): ProblemError =>
  new ProblemError(
    409,
    'idempotency_key.abandoned',
    'Conflict with the current state',
    'the first request with this Idempotency-Key stopped before it answered (the api was interrupted), so whether it wrote anything is unknown: ' +
      'read the resource, then send the request again with a new key if it is still needed',
    keyError('idempotency_key.abandoned', 'names a request that never answered'),
  );
