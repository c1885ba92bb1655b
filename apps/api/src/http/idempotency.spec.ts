import { ProblemError } from './problem.js';
import { bodyFingerprint, idempotencyKeyOf, keepsAnswer, takesIdempotencyKey } from './idempotency.js';

describe('Idempotency-Key', () => {
  it('takes a key of 1 to 255 printable ASCII characters as sent', () => {
    for (const key of ['a', '0f8fad5b-d9cb-469f-a165-70867728950e', 'x'.repeat(255), 'with space ~!', '01HZX3K9Q7'])
      expect(idempotencyKeyOf(key)).toBe(key);
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['256 characters', 'x'.repeat(256)],
    ['a tab', 'a\tb'],
    ['a character beyond ASCII', 'clé'],
    ['a line break', 'a\nb'],
  ])('refuses a key with %s: 400 naming the header and the rule', (_, key) => {
    let thrown: unknown;
    try {
      idempotencyKeyOf(key);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ProblemError);
    expect(thrown).toMatchObject({ status: 400, errors: [{ field: 'Idempotency-Key', rule: 'idempotency_key.format' }] });
  });

  it('refuses the header sent twice', () => {
    expect(() => idempotencyKeyOf(['a', 'b'])).toThrow(ProblemError);
  });

  it('fingerprints a body by its data: key order and spacing do not matter, any value does', () => {
    const a = bodyFingerprint(JSON.parse('{"b": [1, 2], "a": {"y": "z", "x": null}}'));
    expect(bodyFingerprint({ a: { x: null, y: 'z' }, b: [1, 2] })).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(bodyFingerprint({ a: { x: null, y: 'z' }, b: [2, 1] })).not.toBe(a);
    expect(bodyFingerprint({ a: { x: null, y: 'Z' }, b: [1, 2] })).not.toBe(a);
    expect(bodyFingerprint({ version: 3 })).not.toBe(bodyFingerprint({ version: '3' }));
    // no body is one body, an empty object another
    expect(bodyFingerprint(undefined)).toBe(bodyFingerprint(null));
    expect(bodyFingerprint(undefined)).not.toBe(bodyFingerprint({}));
  });

  it('fingerprints the If-Match with the body: the same body against another version is another request', () => {
    expect(bodyFingerprint({}, '"3"')).toBe(bodyFingerprint({}, '"3"'));
    expect(bodyFingerprint({}, '"3"')).not.toBe(bodyFingerprint({}, '"4"'));
    expect(bodyFingerprint({}, '"3"')).not.toBe(bodyFingerprint({}));
  });

  it('is taken by signed-in writes, not by reads, sign-ins, the password change or the raw-file import', () => {
    expect(takesIdempotencyKey('POST', '/api/v1/matters')).toBe(true);
    expect(takesIdempotencyKey('post', '/api/v1/matters/:id/submit')).toBe(true);
    expect(takesIdempotencyKey('PATCH', '/api/v1/matters/{id}')).toBe(true);
    expect(takesIdempotencyKey('DELETE', '/api/v1/matters/{id}/milestones/{milestoneId}')).toBe(true);
    expect(takesIdempotencyKey('PATCH', '/api/v1/me')).toBe(true);
    expect(takesIdempotencyKey('GET', '/api/v1/matters')).toBe(false);
    expect(takesIdempotencyKey('POST', '/api/v1/auth/login')).toBe(false);
    expect(takesIdempotencyKey('DELETE', '/api/v1/auth/session')).toBe(false);
    expect(takesIdempotencyKey('POST', '/api/v1/me/password')).toBe(false);
    expect(takesIdempotencyKey('POST', '/api/v1/batches/import')).toBe(false);
  });

  it('keeps successes and client errors a retry would meet again, never a 5xx or a "retry" answer', () => {
    expect([200, 201, 204].map((s) => keepsAnswer(s))).toEqual([true, true, true]);
    expect(keepsAnswer(400, 'validation.failed')).toBe(true);
    expect(keepsAnswer(409, 'version.stale')).toBe(true);
    expect(keepsAnswer(422, 'approval.not_your_step')).toBe(true);
    expect(keepsAnswer(409, 'concurrent.retry')).toBe(false);
    expect(keepsAnswer(429, 'auth.too_many_attempts')).toBe(false);
    expect([500, 502, 503].map((s) => keepsAnswer(s, 'internal'))).toEqual([false, false, false]);
  });
});
