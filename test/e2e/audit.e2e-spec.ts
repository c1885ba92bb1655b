import { type ApiHarness, startApi } from '../support/api-harness.js';
import { type ApiWorld, type MatterBody, buildWorld } from '../support/api-world.js';

let api: ApiHarness;
let world: ApiWorld;

beforeAll(async () => {
  api = await startApi();
  world = await buildWorld(api);
});
afterAll(() => api?.close());

async function verify(matterId: string) {
  const res = await api.http.get(`/api/v1/matters/${matterId}/audit/verify`).set({ Authorization: `Bearer ${world.token('office')}` });
  expect(res.status).toBe(200);
  return res.body;
}

/** Alters audit rows the only way it can be done: as the owner, with the append-only trigger switched off. */
async function behindTheTriggersBack(sql: string, params: unknown[]): Promise<void> {
  await api.sql('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
  try {
    await api.sql(sql, params);
  } finally {
    await api.sql('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
  }
}

async function submittedMatter(): Promise<MatterBody> {
  const m = await world.draft();
  const res = await world.act('office', m, 'submit');
  expect(res.status).toBe(200);
  const approved = await world.act('sticApprover', res.body, 'approve', { comment: '同意' });
  expect(approved.status).toBe(200);
  return approved.body;
}

describe("a matter's audit trail", () => {
  it('verifies while untouched', async () => {
    const m = await submittedMatter();
    expect(await verify(m.id)).toMatchObject({ valid: true, length: 4 });
  });

  it('cannot be altered while the trigger stands', async () => {
    const m = await submittedMatter();
    await expect(api.sql(`UPDATE audit_events SET payload = '{}' WHERE aggregate_id = $1`, [m.id])).rejects.toThrow(/append-only/);
    await expect(api.sql(`DELETE FROM audit_events WHERE aggregate_id = $1`, [m.id])).rejects.toThrow(/append-only/);
    expect((await verify(m.id)).valid).toBe(true);
  });

  it('names the first altered event when a payload is changed behind the trigger’s back', async () => {
    const m = await submittedMatter();
    // forge the approver's comment on event #4
    await behindTheTriggersBack(
      `UPDATE audit_events SET payload = jsonb_set(payload, '{comment}', '"forged"') WHERE aggregate_id = $1 AND seq = 4`,
      [m.id],
    );
    expect(await verify(m.id)).toMatchObject({ valid: false, firstBrokenSeq: 4, reason: 'hash_mismatch', length: 4 });
  });

  it('names the gap when an event is deleted, and a re-hashed forgery by its successor', async () => {
    const a = await submittedMatter();
    await behindTheTriggersBack(`DELETE FROM audit_events WHERE aggregate_id = $1 AND seq = 2`, [a.id]);
    expect(await verify(a.id)).toMatchObject({ valid: false, firstBrokenSeq: 2, reason: 'seq_gap' });

    const b = await submittedMatter();
    // a forger who recomputes event #2's own hash still breaks the link from event #3
    const [row] = await api.sql<{ payload: Record<string, unknown>; prev_hash: string; occurred_at: Date; actor_id: string; type: string }>(
      'SELECT payload, prev_hash, occurred_at, actor_id, type FROM audit_events WHERE aggregate_id = $1 AND seq = 2',
      [b.id],
    );
    const { linkHash } = await import('#domain');
    const payload = { ...row.payload, milestone: { ...(row.payload.milestone as object), dueAt: '2099-01-01T00:00:00.000Z' } };
    const hash = linkHash(row.prev_hash, {
      aggregateType: 'matter',
      aggregateId: b.id,
      seq: 2,
      type: row.type,
      actorId: row.actor_id,
      occurredAt: new Date(row.occurred_at).toISOString(),
      payload,
    });
    await behindTheTriggersBack(`UPDATE audit_events SET payload = $2::jsonb, hash = $3 WHERE aggregate_id = $1 AND seq = 2`, [
      b.id,
      JSON.stringify(payload),
      hash,
    ]);
    expect(await verify(b.id)).toMatchObject({ valid: false, firstBrokenSeq: 3, reason: 'prev_hash_mismatch' });
  });
});
