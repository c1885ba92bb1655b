import { closeSync, fchmodSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Where a first-admin password the api had to make up goes (development only: without ADMIN_PASSWORD,
 * production refuses to start). Never into a log: "no passwords in any log" has no exception, and logs
 * travel (terminals, files, log searches), while this file stays on the machine, readable by its owner
 * only. The api logs the file's path instead.
 */
export const GENERATED_ADMIN_PASSWORD_FILE = '.data/first-admin-password';

/** Writes `email` and `password` to `file` (mode 0600, its directory 0700) and returns the file's absolute path. */
export function saveGeneratedAdminPassword(email: string, password: string, file = GENERATED_ADMIN_PASSWORD_FILE): string {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const fd = openSync(file, 'w', 0o600);
  try {
    fchmodSync(fd, 0o600); // a file left from an earlier start keeps its mode on open: set it before writing
    writeSync(fd, `${email}\n${password}\n`);
  } finally {
    closeSync(fd);
  }
  return resolve(file);
}
