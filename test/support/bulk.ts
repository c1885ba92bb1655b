import type { ApiWorld, MatterBody } from './api-world.js';

/**
 * Drafts and submits `matters` matters on the `bulk` workflow, each with `milestones`
 * milestones due `dueIn` from now: every milestone is one deadline with one reminder
 * at its due time, so this makes matters × milestones timers. In parallel, ten at a time.
 */
export async function bulkTimers(
  world: ApiWorld,
  opts: { matters: number; milestones: number; dueIn: string; code?: string },
): Promise<MatterBody[]> {
  const office = { Authorization: `Bearer ${world.token('office')}` };
  const code = opts.code ?? `BULK-${Date.now()}`;
  const batch = await world.api.http
    .post('/api/v1/batches')
    .set(office)
    .send({ code, title: { en: 'Bulk' }, issuingAuthority: 'Test', workflow: 'bulk' });
  if (batch.status !== 201) throw new Error(`batch: ${batch.status} ${JSON.stringify(batch.body)}`);
  const out: MatterBody[] = [];
  for (let start = 0; start < opts.matters; start += 10) {
    const chunk = Array.from({ length: Math.min(10, opts.matters - start) }, (_, k) => start + k);
    out.push(
      ...(await Promise.all(
        chunk.map(async (i) => {
          const m = await world.draft({
            batchId: batch.body.id,
            code: `${code}-${i}`,
            milestones: Array.from({ length: opts.milestones }, (_, j) => ({ title: { en: `M${j}` }, dueIn: opts.dueIn })),
          });
          const res = await world.act('office', m, 'submit');
          if (res.status !== 200) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
          return res.body as MatterBody;
        }),
      )),
    );
  }
  return out;
}
