/**
 * A group robot message is posted once even when its worker is killed while the robot is answering:
 * 'sent' is committed once the request is in the socket (DeliverChannelMessage), so the worker that
 * takes over finds nothing to post again. Workers as production runs them: built code, child processes.
 */
import { pollUntil } from '../support/poll.js';
import { type TestRobotServer, startRobotServer } from '../support/robot-server.js';
import { type System, startSystem } from '../support/system.js';

let sys: System;
let robots: TestRobotServer;

beforeAll(async () => {
  robots = await startRobotServer();
  sys = await startSystem({ env: { ROBOT_ALLOW_LOOPBACK_HTTP: 'true', ROBOT_TIMEOUT: 'PT5S', QUEUE_LOCK_DURATION: 'PT3S' } });
});
afterAll(async () => {
  await sys?.close();
  await robots?.close();
});

it('posts a reminder to the group once though its worker is killed with SIGKILL while the robot answers', async () => {
  const first = await sys.spawnWorker();
  const put = await sys.api.http
    .put(`/api/v1/units/${sys.world.units.stic}/channels/wecom`)
    .set({ Authorization: `Bearer ${sys.world.token('office')}` })
    .send({ webhookUrl: robots.wecom('kill-key') });
  expect(put.status).toBe(200);
  robots.holdNext('kill-key', 1, 60_000); // the first message is taken, its answer never comes before the kill
  const m = await sys.world.draft({ milestones: [] });
  const [held] = await pollUntil(
    () => robots.messages.filter((x) => x.robot === 'kill-key'),
    (x) => x.length >= 1,
    { timeoutMs: 15_000, what: 'the first message at the robot' },
  );
  first.child.kill('SIGKILL');
  expect(await first.exited).toBe('SIGKILL');
  const [row] = await sys.api.sql<{ id: string; state: string; smtp_response: string | null }>(
    `SELECT id, state, smtp_response FROM deliveries WHERE text_body = $1 AND channel = 'wecom'`,
    [held.markdown],
  );
  // recorded as sent when the request was written: no worker may post it again
  expect(row).toMatchObject({ state: 'sent', smtp_response: null });

  await sys.spawnWorker();
  const [d] = await sys.api.sql<{ id: string }>(`SELECT id FROM deadlines WHERE matter_id = $1 AND key LIKE 'stage:draft:%'`, [m.id]);
  const rows = await pollUntil(
    () =>
      sys.api.sql<{ state: string; text_body: string | null }>(
        `SELECT state, text_body FROM deliveries WHERE delivery_key LIKE $1 AND channel = 'wecom'`,
        [`t.${d.id}.%`],
      ),
    (r) => r.length === 6 && r.every((x) => x.state === 'sent'),
    { timeoutMs: 45_000, what: 'every reminder and escalation of the deadline posted' },
  );
  for (const r of rows) expect(robots.messages.filter((x) => x.robot === 'kill-key' && x.markdown === r.text_body)).toHaveLength(1);
  expect(robots.messages.filter((x) => x.robot === 'kill-key')).toHaveLength(6);
});
