import type { JwtService } from '@nestjs/jwt';
import type { Db } from '#persistence';
import { InvalidCredentialsError, type Login, type UserView } from '#workflow';
import { BASIC_CACHE_MS, QueueBoardAuth } from './queue-board-auth.js';

const ADMIN_ID = '00000000-0000-4000-8000-00000000000a';
const MANAGER_ID = '00000000-0000-4000-8000-00000000000b';

interface Row {
  id: string;
  email: string;
  password: string;
  roles: string[];
  active: boolean;
  password_hash: string;
}

/** Users in memory; `login` stands for the argon2 check and counts how often it runs. */
function setUp() {
  const rows: Row[] = [
    { id: ADMIN_ID, email: 'admin@x.test', password: 'admin-pass', roles: ['admin'], active: true, password_hash: 'h1' },
    { id: MANAGER_ID, email: 'manager@x.test', password: 'manager-pass', roles: ['manager'], active: true, password_hash: 'h2' },
  ];
  let hashed = 0;
  let clock = 1_000_000;
  const login = {
    async execute(email: string, password: string) {
      hashed += 1;
      await new Promise((r) => setTimeout(r, 5));
      const row = rows.find((r) => r.email === email);
      if (!row || row.password !== password || !row.active) throw new InvalidCredentialsError();
      return { id: row.id } as UserView;
    },
  } as unknown as Login;
  const db = {
    query: (_sql: string, [id]: [string]) => Promise.resolve(rows.filter((r) => r.id === id)),
  } as unknown as Db;
  const jwt = {
    verifyAsync: (token: string) =>
      token.startsWith('valid:') ? Promise.resolve({ sub: token.slice(6) }) : Promise.reject(new Error('bad')),
  } as unknown as JwtService;
  const auth = new QueueBoardAuth(jwt, login, db, () => clock);
  return {
    auth,
    rows,
    hashed: () => hashed,
    advance: (ms: number) => (clock += ms),
  };
}

const basic = (email: string, password: string) => `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
const status = (v: { ok: boolean; status?: number }) => (v.ok ? 200 : v.status);

describe(QueueBoardAuth.name, () => {
  it('admits an admin by bearer token or Basic; 403 for another role; 401 for anything else', async () => {
    const { auth } = setUp();
    expect(status(await auth.check(`Bearer valid:${ADMIN_ID}`))).toBe(200);
    expect(status(await auth.check(`bearer valid:${ADMIN_ID}`))).toBe(200);
    expect(status(await auth.check(`Bearer valid:${MANAGER_ID}`))).toBe(403);
    expect(status(await auth.check('Bearer forged'))).toBe(401);
    expect(status(await auth.check('Bearer valid:not-a-uuid'))).toBe(401);
    expect(status(await auth.check(basic('admin@x.test', 'admin-pass')))).toBe(200);
    expect(status(await auth.check(basic('manager@x.test', 'manager-pass')))).toBe(403);
    expect(status(await auth.check(basic('admin@x.test', 'wrong')))).toBe(401);
    for (const header of [undefined, '', 'Basic', 'Basic !!!', `Basic ${Buffer.from('no-colon').toString('base64')}`, 'Digest x'])
      expect(status(await auth.check(header))).toBe(401);
  });

  it("hashes a Basic password once for the board's parallel requests, and again only after the cache expires", async () => {
    const { auth, hashed, advance } = setUp();
    const header = basic('admin@x.test', 'admin-pass');
    const verdicts = await Promise.all(Array.from({ length: 10 }, () => auth.check(header)));
    expect(verdicts.map(status)).toEqual(Array(10).fill(200));
    expect(hashed()).toBe(1);
    advance(BASIC_CACHE_MS - 1);
    expect(status(await auth.check(header))).toBe(200);
    expect(hashed()).toBe(1);
    advance(2);
    expect(status(await auth.check(header))).toBe(200);
    expect(hashed()).toBe(2);
  });

  it('never remembers a failed Basic attempt, nor a non-admin', async () => {
    const { auth, hashed } = setUp();
    await auth.check(basic('admin@x.test', 'wrong'));
    await auth.check(basic('admin@x.test', 'wrong'));
    await auth.check(basic('manager@x.test', 'manager-pass'));
    await auth.check(basic('manager@x.test', 'manager-pass'));
    expect(hashed()).toBe(4);
  });

  it('reads the account on every request: disabling, a lost role or a new password lock a remembered header out', async () => {
    const { auth, rows, hashed } = setUp();
    const header = basic('admin@x.test', 'admin-pass');
    expect(status(await auth.check(header))).toBe(200);
    rows[0].roles = ['reform_office'];
    expect(status(await auth.check(header))).toBe(403);
    rows[0].roles = ['admin'];
    rows[0].active = false;
    expect(status(await auth.check(header))).toBe(401);
    rows[0].active = true;
    expect(status(await auth.check(header))).toBe(200);
    expect(hashed()).toBe(1);
    rows[0].password = 'new-pass';
    rows[0].password_hash = 'h3';
    expect(status(await auth.check(header))).toBe(401);
    expect(status(await auth.check(basic('admin@x.test', 'new-pass')))).toBe(200);
  });
});
