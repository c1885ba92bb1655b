import { IDEMPOTENCY_KEY_TTL_MS, IdempotencyKeyStore, type IdempotentRequest } from '#persistence';
import { type ServiceHarness, type ServiceWorld, seedWorld, startServices } from '../support/service-harness.js';

let h: ServiceHarness;
let world: ServiceWorld;
let store: IdempotencyKeyStore;

beforeAll(async () => {
  h = await startServices({ DATABASE_POOL_MAX: '20' });
  world = await seedWorld(h);
  store = h.get(IdempotencyKeyStore);
});
afterAll(() => h?.close());

const request = (key: string, overrides: Partial<IdempotentRequest> = {}): IdempotentRequest => ({
  actorId: world.actors.office.userId,
  key,
  method: 'POST',
  path: '/api/v1/matters',
  bodyHash: 'a'.repeat(64),
  ...overrides,
});
const answer = { status: 201, headers: { etag: '"1"', location: '/api/v1/matters/x' }, body: { id: 'x', version: 1 } };

describe(IdempotencyKeyStore.name, () => {
  it('lets exactly one of 20 simultaneous claims of one key take it; the others see the claim, unanswered', async () => {
    const now = new Date();
    const claims = await Promise.all(Array.from({ length: 20 }, () => store.claim(h.db, request('race'), now)));
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    for (const c of claims.filter((c) => !c.claimed)) expect(c).toMatchObject({ claimed: false, record: { key: 'race', answer: null } });
  });

  it('keeps the answer of a claim, which a later claim of the key gets back', async () => {
    const now = new Date();
    const first = await store.claim(h.db, request('kept'), now);
    if (!first.claimed) throw new Error('expected the first claim to take the key');
    expect(await store.complete(h.db, { actorId: world.actors.office.userId, key: 'kept', claimedAt: first.claimedAt }, answer, now)).toBe(
      true,
    );
    const again = await store.claim(h.db, request('kept', { bodyHash: 'b'.repeat(64) }), new Date());
    expect(again).toEqual({ claimed: false, record: { ...request('kept'), createdAt: now, answer } });
  });

  it('scopes a key to its person: the same key of another person is a claim of its own', async () => {
    const now = new Date();
    expect((await store.claim(h.db, request('shared'), now)).claimed).toBe(true);
    expect((await store.claim(h.db, request('shared', { actorId: world.actors.sticManager.userId }), now)).claimed).toBe(true);
  });

  it('gives a released key to the next claim', async () => {
    const now = new Date();
    const first = await store.claim(h.db, request('released'), now);
    if (!first.claimed) throw new Error('expected the first claim to take the key');
    await store.release(h.db, { actorId: world.actors.office.userId, key: 'released', claimedAt: first.claimedAt });
    expect((await store.claim(h.db, request('released'), new Date())).claimed).toBe(true);
  });

  it('treats a row older than 24 hours as absent, and purges such rows', async () => {
    const old = new Date(Date.now() - IDEMPOTENCY_KEY_TTL_MS - 60_000);
    const stale = await store.claim(h.db, request('old'), old);
    const other = await store.claim(h.db, request('old-too'), old);
    if (!stale.claimed || !other.claimed) throw new Error('expected both claims');
    await store.complete(h.db, { actorId: world.actors.office.userId, key: 'old', claimedAt: old }, answer, old);
    // a day later the key is free again: a new request with it runs, whatever the old one was
    const now = new Date();
    expect(await store.claim(h.db, request('old', { bodyHash: 'c'.repeat(64) }), now)).toEqual({ claimed: true, claimedAt: now });
    // the old claim's completion cannot overwrite the new claim
    expect(await store.complete(h.db, { actorId: world.actors.office.userId, key: 'old', claimedAt: old }, answer, now)).toBe(false);

    expect(await store.purgeExpired(h.db, now)).toBe(1); // old-too; 'old' is the new claim now
    const keys = await h.db.query<{ key: string }>(`SELECT key FROM idempotency_keys WHERE key LIKE 'old%'`);
    expect(keys.map((k) => k.key)).toEqual(['old']);
  });
});
