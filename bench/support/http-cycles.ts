/**
 * Drives full action cycles through the API with autocannon: `clients` keep-alive
 * connections, each walking the cycle's requests with a matter of its own, one request
 * at a time. A refused request ends that connection's cycle: it starts a new matter.
 */
import { randomUUID } from 'node:crypto';
import autocannon, { type AutocannonRequest } from 'autocannon';
import { type CycleState, absorb, cycleSteps } from './cycle.js';
import type { BenchWorld } from './world.js';

export interface CycleRun {
  seconds: number;
  /** Requests answered with the status the step expects (each one transition). */
  ok: number;
  refused: number;
  errors: number;
  /** Per answered request, in ms, with its step index. */
  latencies: Array<{ step: number; ms: number }>;
  stepNames: string[];
  /** The first few refusals, to say why. */
  samples: string[];
}

export async function runCycles(apiUrl: string, world: BenchWorld, opts: { clients: number; cycles: number }): Promise<CycleRun> {
  const steps = cycleSteps(world, () => `B-${randomUUID()}`);
  const samples: string[] = [];
  let ok = 0;
  let refused = 0;
  const requests: AutocannonRequest[] = steps.map((step) => ({
    method: step.method,
    setupRequest(req, context) {
      const state = context as CycleState & { failed?: boolean };
      if (state.failed) return null; // back to a fresh draft
      return {
        ...req,
        method: step.method,
        path: step.path(state),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${step.token(state)}` },
        body: JSON.stringify(step.body(state)),
      };
    },
    onResponse(status, body, context) {
      const state = context as CycleState & { failed?: boolean };
      if (status !== step.expect) {
        refused += 1;
        state.failed = true;
        if (samples.length < 5) samples.push(`${step.name}: ${status} ${body.slice(0, 300)}`);
        return;
      }
      ok += 1;
      absorb(state, JSON.parse(body));
    },
  }));
  const latencies: CycleRun['latencies'] = [];
  const started = process.hrtime.bigint();
  const instance = autocannon({
    url: apiUrl,
    connections: opts.clients,
    amount: opts.cycles * steps.length,
    timeout: 60,
    requests,
  });
  instance.on('response', (client, _status, _bytes, ms) => latencies.push({ step: client.requestIterator.currentRequestIndex, ms }));
  const result = await instance;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, ok, refused, errors: result.errors + result.timeouts, latencies, stepNames: steps.map((s) => s.name), samples };
}
