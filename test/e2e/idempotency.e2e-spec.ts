/**
 * Idempotent retries (Idempotency-Key): a client that lost the answer to a write sends it
 * again with the same key and gets the first answer, and nothing is written twice.
 */
import { randomUUID } from 'node:crypto';
import { bodyFingerprint } from '../../apps/api/src/http/idempotency.js';
import type { ApiHarness } from '../support/api-harness.js';
import { startApi } from '../support/api-harness.js';
import { type ApiWorld, type MatterBody, type Who, buildWorld } from '../support/api-world.js';
import { pollUntil } from '../support/poll.js';
import { type System, startSystem } from '../support/system.js';

let api: ApiHarness;
let world: ApiWorld;
beforeAll(async () => {
  api = await startApi();
  world = await buildWorld(api);
});
afterAll(() => api?.close());

const auth = (who: Who = 'office') => ({ Authorization: `Bearer ${world.token(who)}` });

let codes = 0;
const matterBody = (overrides: Record<string, unknown> = {}) => ({
  batchId: world.batchId,
  code: `IDEM-${++codes}`,
  title: { zh: '新型研发机构市场化薪酬管理制度' },
  kind: 'innovation_experiment',
  policyArea: 'science_technology',
  leadingUnitId: world.units.stic,
  managerId: world.users.sticManager.id,
  targets: [{ indicator: { zh: '试点机构数' }, baseline: 0, targetValue: 10, unit: '家', byDate: '2027-12-31' }],
  riskLevel: 'medium',
  requiresLegalAuthorization: false,
  milestones: [{ title: { zh: '试点方案印发' }, dueIn: 'P90D' }],
  ...overrides,
});

const create = (key: string | undefined, body: Record<string, unknown>, who: Who = 'office') => {
  const r = api.http.post('/api/v1/matters').set(auth(who));
  return (key === undefined ? r : r.set('Idempotency-Key', key)).send(body);
};
const submit = (key: string | undefined, m: MatterBody, who: Who = 'sticManager') => {
  const r = api.http.post(`/api/v1/matters/${m.id}/submit`).set({ ...auth(who), 'If-Match': `"${m.version}"` });
  return (key === undefined ? r : r.set('Idempotency-Key', key)).send({});
};

const eventsOf = async (matterId: string) =>
  (await api.sql<{ type: string }>('SELECT type FROM audit_events WHERE aggregate_id = $1 ORDER BY seq', [matterId])).map((e) => e.type);
const mattersWithCode = async (code: string) =>
  Number((await api.sql<{ n: string }>('SELECT count(*) AS n FROM matters WHERE code = $1', [code]))[0].n);

describe('Idempotency-Key', () => {
  it('answers a retry of a create whose answer was lost with the first answer, and drafts one matter', async () => {
    const key = randomUUID();
    const body = matterBody();
    const first = await create(key, body); // the client never sees this answer
    expect(first.status).toBe(201);
    const after = await api.footprint();

    const retry = await create(key, body);
    expect({ status: retry.status, body: retry.body, etag: retry.headers.etag, location: retry.headers.location }).toEqual({
      status: 201,
      body: first.body,
      etag: first.headers.etag,
      location: first.headers.location,
    });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await api.footprint()).toEqual(after);
    expect(await mattersWithCode(body.code)).toBe(1);
    expect(await eventsOf(first.body.id)).toEqual(['matter.drafted', 'milestone.added']); // one draft, with its milestone
  });

  it('answers a retried command with its first answer, even though the matter has moved on since', async () => {
    const m = await world.draft();
    const key = randomUUID();
    const first = await submit(key, m);
    expect(first.status).toBe(200);
    expect(first.body.stage).toBe('in_approval');
    const events = await eventsOf(m.id);

    // without a key the same request is a stale version now; with it, the first answer again
    const retry = await submit(key, m);
    expect({ status: retry.status, body: retry.body, etag: retry.headers.etag }).toEqual({
      status: 200,
      body: first.body,
      etag: `"${m.version + 1}"`,
    });
    expect(await eventsOf(m.id)).toEqual(events);
    expect(events.filter((e) => e === 'matter.submitted')).toHaveLength(1);
    expect((await submit(undefined, m)).body.code).toBe('version.stale');
  });

  it('answers a retry of a refused command with the same refusal, still writing nothing', async () => {
    const m = await world.draft();
    const key = randomUUID();
    const stale = { ...m, version: m.version + 5 };
    const first = await submit(key, stale);
    expect(first.status).toBe(409);
    const retry = await submit(key, stale);
    expect({ status: retry.status, type: retry.headers['content-type'], body: retry.body }).toEqual({
      status: 409,
      type: expect.stringMatching(/problem\+json/),
      body: first.body,
    });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect((await world.get('office', m.id)).version).toBe(m.version);
  });

  it('refuses the same key with another body: 422 naming the header and the rule, and writes nothing', async () => {
    const key = randomUUID();
    const body = matterBody();
    expect((await create(key, body)).status).toBe(201);
    const before = await api.footprint();
    const other = await create(key, { ...body, code: `${body.code}-B` });
    expect(other.status).toBe(422);
    expect(other.headers['content-type']).toMatch(/problem\+json/);
    expect(other.body).toMatchObject({
      code: 'idempotency_key.reused_with_other_body',
      errors: [{ field: 'Idempotency-Key', rule: 'idempotency_key.reused_with_other_body' }],
    });
    // the same key on another operation is refused too
    const elsewhere = await api.http.patch('/api/v1/me').set(auth()).set('Idempotency-Key', key).send({ displayName: 'Office' });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.errors).toEqual([
      expect.objectContaining({ field: 'Idempotency-Key', rule: 'idempotency_key.reused_on_other_operation' }),
    ]);
    expect(await api.footprint()).toEqual(before);
    expect(await mattersWithCode(`${body.code}-B`)).toBe(0);
  });

  it('refuses the same key and body sent against another version (If-Match): 422, and the matter stays as it was', async () => {
    const m = await world.draft();
    const key = randomUUID();
    expect((await submit(key, { ...m, version: m.version + 1 })).status).toBe(409);
    const otherVersion = await submit(key, m);
    expect({ status: otherVersion.status, code: otherVersion.body.code }).toEqual({
      status: 422,
      code: 'idempotency_key.reused_with_other_body',
    });
    expect(await world.get('office', m.id)).toMatchObject({ stage: 'draft', version: m.version });
  });

  it('leaves a write without a key as it was: each request runs, nothing is kept', async () => {
    const keysBefore = await api.sql('SELECT 1 FROM idempotency_keys');
    const body = matterBody();
    const first = await create(undefined, body);
    expect(first.status).toBe(201);
    const second = await create(undefined, body);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('unique.taken');
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(await api.sql('SELECT 1 FROM idempotency_keys')).toHaveLength(keysBefore.length);
  });

  it("keeps one person's key apart from another's: the same key is a new request for someone else", async () => {
    const key = randomUUID();
    const myBody = matterBody();
    const mine = await create(key, myBody);
    expect(mine.status).toBe(201);
    // the manager sends the same key with a request of its own: it runs, neither replayed nor refused
    const m = await world.draft();
    const theirs = await submit(key, m, 'sticManager');
    expect(theirs.status).toBe(200);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.stage).toBe('in_approval');
    // and each retry still gets its own first answer
    expect((await submit(key, m, 'sticManager')).body).toEqual(theirs.body);
    const again = await create(key, myBody);
    expect({ status: again.status, id: again.body.id }).toEqual({ status: 201, id: mine.body.id });
  });

  it.each([
    ['empty', ''],
    ['256 characters long', 'k'.repeat(256)],
    ['not printable ASCII', 'schlüssel'],
    ['holding a tab', 'a\tb'],
  ])('refuses a key %s with 400 naming the header, and writes nothing', async (_, key) => {
    const before = await api.footprint();
    const body = matterBody();
    const res = await create(key, body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body).toMatchObject({ code: 'validation.failed', errors: [{ field: 'Idempotency-Key', rule: 'idempotency_key.format' }] });
    expect(await api.footprint()).toEqual(before);
  });

  it('refuses a key on a write that takes none (the password change) rather than ignore it', async () => {
    const res = await api.http
      .post('/api/v1/me/password')
      .set(auth())
      .set('Idempotency-Key', randomUUID())
      .send({ currentPassword: 'wrong-password', newPassword: 'another-long-password' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key', rule: 'idempotency_key.not_accepted' })]);
  });

  it('runs two simultaneous requests with one key once: the other is told it is in progress, or gets the same answer', async () => {
    const key = randomUUID();
    const body = matterBody();
    const answers = await Promise.all(Array.from({ length: 4 }, () => create(key, body)));
    const ran = answers.filter((a) => a.status === 201 && a.headers['idempotent-replayed'] === undefined);
    expect(ran).toHaveLength(1);
    for (const a of answers.filter((x) => x !== ran[0])) {
      if (a.status === 409) {
        expect(a.body).toMatchObject({ code: 'idempotency_key.in_progress', errors: [{ field: 'Idempotency-Key' }] });
        expect(a.headers['retry-after']).toBe('1');
      } else {
        expect({ status: a.status, replayed: a.headers['idempotent-replayed'], body: a.body }).toEqual({
          status: 201,
          replayed: 'true',
          body: ran[0].body,
        });
      }
    }
    expect(await mattersWithCode(body.code)).toBe(1);
    expect(await eventsOf(ran[0].body.id)).toEqual(['matter.drafted', 'milestone.added']); // one draft, with its milestone
    // once the first has answered, a retry gets its answer
    expect((await create(key, body)).body).toEqual(ran[0].body);
  });

  it('answers 409 in_progress with Retry-After while the first request runs, and says so when it never answered', async () => {
    const body = matterBody();
    const claim = (key: string, age: string) =>
      api.sql(
        `INSERT INTO idempotency_keys (actor_id, key, method, path, body_hash, created_at) VALUES ($1, $2, 'POST', '/api/v1/matters', $3, now() - $4::interval)`,
        [world.users.office.id, key, bodyFingerprint(body), age],
      );
    await claim('running', '2 seconds');
    const running = await create('running', body);
    expect(running.status).toBe(409);
    expect(running.headers['retry-after']).toBe('1');
    expect(running.body.code).toBe('idempotency_key.in_progress');

    await claim('stopped', '10 minutes');
    const stopped = await create('stopped', body);
    expect(stopped.status).toBe(409);
    expect(stopped.headers['retry-after']).toBeUndefined();
    expect(stopped.body).toMatchObject({ code: 'idempotency_key.abandoned', errors: [{ field: 'Idempotency-Key' }] });
    expect(await mattersWithCode(body.code)).toBe(0);
  });

  it('forgets an answer after 24 hours: the key then starts a new request', async () => {
    const key = randomUUID();
    const first = await create(key, matterBody());
    expect(first.status).toBe(201);
    await api.sql(`UPDATE idempotency_keys SET created_at = created_at - interval '25 hours' WHERE actor_id = $1 AND key = $2`, [
      world.users.office.id,
      key,
    ]);
    const next = await create(key, matterBody());
    expect(next.status).toBe(201);
    expect(next.headers['idempotent-replayed']).toBeUndefined();
    expect(next.body.id).not.toBe(first.body.id);
  });
});

describe('expired Idempotency-Key answers', () => {
  let sys: System;
  beforeAll(async () => {
    sys = await startSystem();
  });
  afterAll(() => sys?.close());

  it("are deleted by the worker's reconciler pass, while answers younger than 24 hours stay", async () => {
    const row = (key: string, age: string) =>
      sys.api.sql(
        `INSERT INTO idempotency_keys (actor_id, key, method, path, body_hash, status, response_headers, response_body, created_at, completed_at)
         VALUES ($1, $2, 'POST', '/api/v1/matters', repeat('0', 64), 201, '{}', '{}', now() - $3::interval, now() - $3::interval)`,
        [sys.world.users.office.id, key, age],
      );
    await row('a-day-and-an-hour-old', '25 hours');
    await row('an-hour-old', '1 hour');
    await sys.startWorker();
    const keys = () => sys.api.sql<{ key: string }>('SELECT key FROM idempotency_keys ORDER BY key').then((r) => r.map((k) => k.key));
    expect(
      await pollUntil(keys, (k) => !k.includes('a-day-and-an-hour-old'), { timeoutMs: 15_000, what: 'the expired answer to go' }),
    ).toEqual(['an-hour-old']);
  });
});
