import type { Queue } from 'bullmq';
import { QueueName, type Queues } from '#queues';
import { Metrics } from './metrics.js';
import { QueueMetricsCollector } from './queue-metrics.collector.js';
import { renderMetrics } from './render-metrics.js';

/** A queue that answers with fixed counts, or never (a Redis that hangs). */
class FakeQueue {
  calls = 0;
  constructor(
    private readonly counts: Record<string, number> | 'hang',
    private readonly paused = false,
  ) {}
  getJobCounts(...types: string[]): Promise<Record<string, number>> {
    this.calls += 1;
    if (this.counts === 'hang') return new Promise(() => undefined);
    const counts = this.counts;
    return Promise.resolve(Object.fromEntries(types.map((t) => [t, counts[t] ?? 0])));
  }
  isPaused(): Promise<boolean> {
    return this.counts === 'hang' ? new Promise(() => undefined) : Promise.resolve(this.paused);
  }
}

class QuickCollector extends QueueMetricsCollector {
  protected override readonly timeoutMs = 30;
}

function setUp(queues: Partial<Record<QueueName, FakeQueue>>) {
  const metrics = new Metrics();
  const all = new Map(Object.entries(queues) as Array<[QueueName, FakeQueue]>) as unknown as ReadonlyMap<QueueName, Queue>;
  const collector = new QuickCollector(metrics, { all } as Queues);
  const scrape = async () => (await renderMetrics(metrics)).body;
  return { collector, scrape };
}

const line = (text: string, series: string) => text.split('\n').find((l) => l.startsWith(`${series} `));

describe(QueueMetricsCollector.name, () => {
  it('reports each state of each queue, whether it is paused, and Redis up', async () => {
    const { scrape } = setUp({
      [QueueName.Timers]: new FakeQueue({ delayed: 3, failed: 1 }),
      [QueueName.Mail]: new FakeQueue({ waiting: 2 }, true),
    });
    const text = await scrape();
    expect(line(text, 'reformflow_queue_jobs{queue="timers",state="delayed"}')).toBe(
      'reformflow_queue_jobs{queue="timers",state="delayed"} 3',
    );
    expect(line(text, 'reformflow_queue_jobs{queue="timers",state="failed"}')).toMatch(/ 1$/);
    expect(line(text, 'reformflow_queue_jobs{queue="mail",state="waiting"}')).toMatch(/ 2$/);
    expect(line(text, 'reformflow_queue_jobs{queue="mail",state="completed"}')).toMatch(/ 0$/);
    expect(line(text, 'reformflow_queue_paused{queue="mail"}')).toMatch(/ 1$/);
    expect(line(text, 'reformflow_queue_paused{queue="timers"}')).toMatch(/ 0$/);
    expect(line(text, 'reformflow_redis_up')).toBe('reformflow_redis_up 1');
  });

  it('asks Redis once per scrape, not once per gauge', async () => {
    const timers = new FakeQueue({});
    const { scrape } = setUp({ [QueueName.Timers]: timers });
    await scrape();
    expect(timers.calls).toBe(1);
    await scrape();
    expect(timers.calls).toBe(2);
  });

  it('answers after its timeout when Redis hangs: Redis down, only the queues that answered', async () => {
    const { scrape } = setUp({ [QueueName.Timers]: new FakeQueue('hang'), [QueueName.Mail]: new FakeQueue({ failed: 4 }) });
    const text = await scrape();
    expect(line(text, 'reformflow_redis_up')).toBe('reformflow_redis_up 0');
    expect(text).not.toContain('queue="timers"');
    expect(line(text, 'reformflow_queue_jobs{queue="mail",state="failed"}')).toMatch(/ 4$/);
  });

  it('does not pile up Redis commands during an outage: a later scrape waits on the unanswered one', async () => {
    const timers = new FakeQueue('hang');
    const { scrape } = setUp({ [QueueName.Timers]: timers });
    await scrape();
    await scrape();
    await scrape();
    expect(timers.calls).toBe(1);
  });

  it('drops samples it can no longer read instead of repeating stale ones', async () => {
    const queue = { current: new FakeQueue({ delayed: 5 }) };
    const proxy = {
      getJobCounts: (...t: string[]) => queue.current.getJobCounts(...t),
      isPaused: () => queue.current.isPaused(),
    } as unknown as FakeQueue;
    const { scrape } = setUp({ [QueueName.Timers]: proxy });
    expect(line(await scrape(), 'reformflow_queue_jobs{queue="timers",state="delayed"}')).toMatch(/ 5$/);
    queue.current = new FakeQueue('hang');
    expect(await scrape()).not.toContain('reformflow_queue_jobs{queue="timers"');
  });
});
