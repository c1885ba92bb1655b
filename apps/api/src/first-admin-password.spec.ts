import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveGeneratedAdminPassword } from './first-admin-password.js';

describe(saveGeneratedAdminPassword.name, () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rf-admin-pw-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the e-mail and the password to a file only its owner can read, in a directory it makes', () => {
    const file = join(dir, '.data', 'first-admin-password');
    expect(saveGeneratedAdminPassword('admin@reformflow.local', 'generated-secret', file)).toBe(file);
    expect(readFileSync(file, 'utf8')).toBe('admin@reformflow.local\ngenerated-secret\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, '.data')).mode & 0o777).toBe(0o700);
  });

  it('replaces a file left from an earlier start and takes away its wider permissions', () => {
    const file = join(dir, 'first-admin-password');
    writeFileSync(file, 'old\nold-secret-that-is-longer\n', { mode: 0o644 });
    saveGeneratedAdminPassword('admin@reformflow.local', 'new-secret', file);
    expect(readFileSync(file, 'utf8')).toBe('admin@reformflow.local\nnew-secret\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
