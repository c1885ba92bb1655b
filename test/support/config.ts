import { type AppConfig, loadAppConfig } from '#config';

export const ADMIN_PASSWORD = 'admin-password-for-tests';
export const PASSWORD = 'password-for-tests-1';

/** The app config a test runs with: real services, test database, quiet logs. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadAppConfig({
    NODE_ENV: 'test',
    // every harness passes the database it created; this one does not exist
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/reformflow_no_database_given',
    DATABASE_POOL_MAX: '20',
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    ADMIN_PASSWORD,
    API_PORT: '0',
    WORKER_PORT: '0',
    // tests sign in hundreds of times from 127.0.0.1; the throttle test sets its own limits
    SIGNIN_MAX_PER_ACCOUNT: '1000000',
    SIGNIN_MAX_PER_ADDRESS: '1000000',
    ...overrides,
  });
}
