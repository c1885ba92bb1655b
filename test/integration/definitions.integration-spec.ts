import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkflowDefinitions } from '#config';
import { DefinitionStore } from '#persistence';
import { type ServiceHarness, type ServiceWorld, seedWorld, startServices } from '../support/service-harness.js';

let h: ServiceHarness;
let world: ServiceWorld;

beforeAll(async () => {
  h = await startServices();
  world = await seedWorld(h);
});
afterAll(() => h?.close());

describe('workflow definition versions', () => {
  it('adds a version when a definition changes, none when it does not, and running matters keep theirs', async () => {
    const store = h.get(DefinitionStore);
    const running = await world.draft();
    expect(running.workflow).toMatchObject({ name: 'reform-pilot', version: 1 });

    const dir = mkdtempSync(join(tmpdir(), 'reformflow-defs-'));
    cpSync('config/workflows', dir, { recursive: true });
    expect((await store.sync(h.db, loadWorkflowDefinitions(dir))).map((d) => [d.name, d.version, d.added])).toEqual([
      ['demo', 1, false],
      ['reform-pilot', 1, false],
    ]);

    const file = join(dir, 'reform-pilot.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('due: P15D', 'due: P20D'));
    // two processes starting together agree on one new version
    const [a, b] = await Promise.all([store.sync(h.db, loadWorkflowDefinitions(dir)), store.sync(h.db, loadWorkflowDefinitions(dir))]);
    const pilot = [...a, ...b].filter((d) => d.name === 'reform-pilot');
    expect(pilot.map((d) => d.version)).toEqual([2, 2]);
    expect(pilot.filter((d) => d.added)).toHaveLength(1);

    const fresh = await world.draft();
    expect(fresh.workflow).toMatchObject({ name: 'reform-pilot', version: 2 });
    // the running matter still runs on version 1: its approved stage allows 15 days, the new one 20
    let m = await world.run('office', running, { type: 'submit' });
    while (m.stage === 'in_approval') m = await world.run(world.decider(m), m, { type: 'approve_step' });
    expect(m.workflow.version).toBe(1);
    const days = (Date.parse(m.stageDueAt!) - Date.parse(m.stageEnteredAt)) / 86_400_000;
    expect(days).toBe(15);
  });
});
