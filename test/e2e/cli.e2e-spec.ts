/**
 * The command-line tools as `npm run seed` and `npm run import` run them (the built files):
 * usage on --help (exit 0), usage and exit 2 on a command line they do not understand, and
 * progress while they work.
 */
import { spawn } from 'node:child_process';
import { ADMIN_PASSWORD } from '../support/config.js';
import { type TestDatabase, createTestDatabase } from '../support/databases.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(tool: 'seed' | 'import', args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`dist/apps/cli/src/${tool}.js`, ...args], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        NODE_ENV: 'test',
        // a database that does not exist: a CLI that reached it would fail, not print usage
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/reformflow_no_database_given',
        JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
        ADMIN_PASSWORD,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.each(['seed', 'import'] as const)('npm run %s', (tool) => {
  it.each(['--help', '-h'])(`prints its usage on %s and exits 0`, async (flag) => {
    const run = await cli(tool, [flag]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^Usage: npm run ${tool} -- `));
    expect(run.stdout).toContain('--help');
  });

  it('prints what was wrong and its usage on an unknown option, and exits 2', async () => {
    const run = await cli(tool, ['--frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--frobnicate'");
    expect(run.stderr).toContain(`Usage: npm run ${tool} -- `);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('progress', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('npm run seed says what it loads and when it is done, on stderr beside the summary', async () => {
    const run = await cli('seed', [], { DATABASE_URL: db.url });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/\[seed\] loading \d+ matters of \d+ batches…/);
    expect(run.stderr).toMatch(/\[seed\] loading \d+ matters of \d+ batches: done in \d+\.\d s/);
    expect(run.stdout).toContain('loaded into');
  });

  it('npm run import with no file prints its usage and exits 2', async () => {
    const run = await cli('import', []);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('name one file');
    expect(run.stderr).toContain('Usage: npm run import -- ');
  });
});
