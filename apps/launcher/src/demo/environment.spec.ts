import { type Server, createServer } from 'node:net';
import {
  DemoSetupError,
  REDIS_MISSING,
  findPostgres,
  findRedis,
  freePort,
  portIsFree,
  postgresAnswers,
  redisAnswers,
} from './environment.js';

/** The demo's discovery on real loopback sockets: a port with something listening, and one with nothing. */
const listen = (): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer((s) => s.destroy());
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
const portOf = (s: Server) => (s.address() as { port: number }).port;
const close = (s: Server) => new Promise((r) => s.close(r));

describe('demo environment discovery', () => {
  let busy: Server;
  let nothing: number;
  beforeAll(async () => {
    busy = await listen();
    nothing = await freePort();
  });
  afterAll(() => close(busy));

  it('tells a port in use from a free one', async () => {
    expect(await portIsFree(portOf(busy))).toBe(false);
    expect(await portIsFree(nothing)).toBe(true);
  });

  it('keeps the preferred port when it is free and picks another when it is taken', async () => {
    expect(await freePort(nothing)).toBe(nothing);
    const other = await freePort(portOf(busy));
    expect(other).not.toBe(portOf(busy));
    expect(await portIsFree(other)).toBe(true);
  });

  it('finds no PostgreSQL and no Redis where nothing listens, or where something else does', async () => {
    expect((await postgresAnswers(`postgres://postgres@127.0.0.1:${nothing}`)).ok).toBe(false);
    expect(await redisAnswers(`redis://127.0.0.1:${nothing}`)).toBe(false);
    expect(await redisAnswers(`redis://127.0.0.1:${portOf(busy)}`, 500)).toBe(false);
  });

  it('stops on a configured PostgreSQL that does not answer, naming DATABASE_URL', async () => {
    const found = findPostgres({
      configuredUrl: `postgres://postgres@127.0.0.1:${nothing}/x`,
      dataDir: '/nonexistent',
      say: () => undefined,
    });
    await expect(found).rejects.toThrow(DemoSetupError);
    await expect(found).rejects.toThrow(/DATABASE_URL/);
  });

  it('without Redis and without redis-server, stops and says how to get one', async () => {
    const said: string[] = [];
    const found = findRedis({
      localUrl: `redis://127.0.0.1:${nothing}`,
      redisServer: 'reformflow-no-such-redis-server',
      say: (l) => said.push(l),
    });
    await expect(found).rejects.toThrow(REDIS_MISSING);
    expect(said.join('\n')).toContain(`no Redis at redis://127.0.0.1:${nothing}`);
  });
});
