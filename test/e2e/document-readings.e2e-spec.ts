/**
 * A value a source document reports for a target (000: the modern-services share at 76.5 % against
 * BEP-02's 77 %), as `npm run seed` records it in target_readings: the matter's trajectory carries it,
 * with the document's words, beside (not among) the leading unit's own reports.
 */
import type { ApiHarness } from '../support/api-harness.js';
import { startApi } from '../support/api-harness.js';
import { type ApiWorld, buildWorld } from '../support/api-world.js';

let api: ApiHarness;
let world: ApiWorld;

beforeAll(async () => {
  api = await startApi();
  world = await buildWorld(api);
});
afterAll(() => api?.close());

it("shows a document's reading of a target in the matter's trajectory, with its source, apart from the units' reports", async () => {
  const m = await world.draft();
  const target = m.targets[0] as { id: string };
  const excerpt = 'The added value of the modern service industry accounted for 76.5% of the service industry.';
  await api.sql(
    `INSERT INTO target_readings (id, matter_id, target_id, value, as_of, source_document, source_excerpt, source_locator, note, recorded_at, recorded_by)
     VALUES (gen_random_uuid(), $1, $2, 76.5, '2025-11-28', '000_f1390a8e8d6bda4c.txt', $3, NULL, 'no year given: the adoption date', now(), $4)`,
    [m.id, target.id, excerpt, world.users.office.id],
  );
  const res = await api.http.get(`/api/v1/matters/${m.id}/trajectory`).set({ Authorization: `Bearer ${world.token('sticManager')}` });
  expect(res.status).toBe(200);
  const t = res.body.targets.find((x: { targetId: string }) => x.targetId === target.id);
  expect(t.documentReadings).toEqual([
    expect.objectContaining({
      value: 76.5,
      asOf: '2025-11-28',
      source: { document: '000_f1390a8e8d6bda4c.txt', excerpt, locator: null },
      note: 'no year given: the adoption date',
    }),
  ]);
  expect(t.reported).toEqual([]);
  // another matter's target gets none of it
  const other = await world.draft();
  const res2 = await api.http.get(`/api/v1/matters/${other.id}/trajectory`).set({ Authorization: `Bearer ${world.token('office')}` });
  expect(res2.body.targets.every((x: { documentReadings: unknown[] }) => x.documentReadings.length === 0)).toBe(true);
});
