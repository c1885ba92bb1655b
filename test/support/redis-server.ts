import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/**
 * A private redis-server (Debian's, from PATH) on a free loopback port, so a test can
 * FLUSHALL it or run it with another eviction policy without touching anyone else's data.
 */
export interface TestRedis {
  url: string;
  port: number;
  client: Redis;
  flushAll(): Promise<void>;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startRedis(options: { maxmemoryPolicy?: string } = {}): Promise<TestRedis> {
  // a free port can be taken again before redis-server binds it (it then exits at once): a new port
  let failure = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const started = await startOnce(await freePort(), options);
    if ('url' in started) return started;
    failure += `${failure ? '; ' : ''}${started.failure}`;
  }
  throw new Error(`redis-server did not start: ${failure}`);
}

async function startOnce(port: number, options: { maxmemoryPolicy?: string }): Promise<TestRedis | { failure: string }> {
  const proc: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      options.maxmemoryPolicy ?? 'noeviction',
      '--loglevel',
      'warning',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)));
  const url = `redis://127.0.0.1:${port}`;
  // no reconnecting of its own: a client left retrying would keep the test process alive after a failure
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  client.on('error', () => undefined);
  const stop = async () => {
    client.disconnect();
    proc.kill('SIGKILL');
    await exited;
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      await stop();
      return { failure: `port ${port}: exited ${proc.exitCode ?? proc.signalCode} ${stderr.trim()}`.trim() };
    }
    try {
      if (client.status === 'wait' || client.status === 'end') await client.connect();
      if ((await client.ping()) === 'PONG') break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await stop();
      return { failure: `port ${port}: no PONG within 20 s ${stderr.trim()}`.trim() };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port,
    client,
    flushAll: async () => {
      await client.flushall();
    },
    close: stop,
  };
}
