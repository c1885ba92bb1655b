/**
 * An open matter without delivery periods (as one saved before migration 1764374400000
 * is) shows no status in the list and is found by no `?deliveryStatus=`; a worker start
 * writes its periods, after which the list shows the status GET /matters/:id/status gives.
 */
import { pollUntil } from '../support/poll.js';
import { type System, startSystem } from '../support/system.js';

let sys: System;
afterAll(() => sys?.close());

describe('a worker start', () => {
  it('backfills the delivery periods of an open matter that has none, so the list and its filter see it again', async () => {
    sys = await startSystem();
    const { api, world } = sys;
    const m = await world.draft();
    const auth = { Authorization: `Bearer ${world.token('office')}` };
    const status = (await api.http.get(`/api/v1/matters/${m.id}/status`).set(auth)).body.status as string;
    expect(['on_track', 'at_risk', 'off_track']).toContain(status);
    const listed = async () => {
      const res = await api.http.get(`/api/v1/matters?batchId=${world.batchId}&deliveryStatus=${status}`).set(auth);
      expect(res.status).toBe(200);
      return res.body.items as Array<{ id: string; deliveryStatus: string | null }>;
    };
    expect((await listed()).map((i) => i.id)).toEqual([m.id]);

    await api.sql('DELETE FROM matter_delivery_periods WHERE matter_id = $1', [m.id]);
    expect(await listed()).toEqual([]);

    await sys.startWorker();
    // the outcome itself is awaited (periods counted > 0 once answered before the list did, on a loaded CI machine)
    const seen = await pollUntil(listed, (items) => items.length > 0, {
      timeoutMs: 30_000,
      what: 'the matter listed under its status again',
    });
    expect(seen).toEqual([expect.objectContaining({ id: m.id, deliveryStatus: status })]);
  });
});
