import { z } from 'zod';
import { addDuration, parseDuration } from '#domain';
import { isoDuration, validate } from '#validation';

/**
 * Every setting of the api and worker, validated once at start into a typed object.
 * This is the only place that reads `process.env`; `.env.example` lists each variable.
 */
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const DEV_JWT_SECRET = 'reformflow-development-secret-not-for-production-use';

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim().replace(/\/$/, ''))
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ protocol: /^https?$/ }).regex(/^https?:\/\/[^/]+$/, 'an origin: scheme, host and port, no path'))),
    API_HOST: z.string().default('0.0.0.0'),
    API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    WORKER_HOST: z.string().default('127.0.0.1'),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
    PUBLIC_URL: z.url().default('http://localhost:3000'),
    DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/reformflow'),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    DATABASE_LOG_QUERIES: bool.default(false),
    REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,40}$/, 'lower-case letters, digits, - and _')
      .default('reformflow'),
    RECONCILE_INTERVAL: isoDuration.default('PT30S'),
    TIMER_HORIZON: isoDuration.default('PT10M'),
    OUTBOX_POLL_INTERVAL: isoDuration.default('PT1S'),
    QUEUE_LOCK_DURATION: isoDuration.default('PT30S'),
    DIGEST_SWEEP_INTERVAL: isoDuration.default('PT1M'),
    SMTP_HOST: z.string().default('127.0.0.1'),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
    SMTP_SECURE: bool.default(false),
    SMTP_USER: z.string().optional(),
    SMTP_PASSWORD: z.string().optional(),
    SMTP_POOL: bool.default(true),
    SMTP_TIMEOUT: isoDuration.default('PT30S'),
    MAIL_FROM: z.string().min(3).default('Reformflow <noreply@reformflow.local>'),
    ROBOT_WEBHOOK_HOSTS: z
      .string()
      .default('qyapi.weixin.qq.com,oapi.dingtalk.com')
      .transform((v) =>
        v
          .split(',')
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean),
      ),
    ROBOT_ALLOW_LOOPBACK_HTTP: bool.default(false),
    ROBOT_TIMEOUT: isoDuration.default('PT10S'),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_TTL: isoDuration.default('PT8H'),
    SESSION_TTL: isoDuration.default('PT10H'),
    SIGNIN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).max(1_000_000).default(10),
    SIGNIN_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(50),
    SIGNIN_WINDOW: isoDuration.default('PT15M'),
    WEB_DIST_DIR: z.string().default('dist/web'),
    ADMIN_EMAIL: z.email().default('admin@reformflow.local'),
    ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    ADMIN_NAME: z.string().min(1).default('系统管理员'),
    ADMIN_UNIT_CODE: z
      .string()
      .regex(/^[A-Z0-9][A-Z0-9-]*$/)
      .default('SZ-CRO'),
    ADMIN_UNIT_NAME_ZH: z.string().default('深圳市综合改革试点工作办公室'),
    ADMIN_UNIT_NAME_EN: z.string().default('Shenzhen Comprehensive Reform Pilot Office'),
    WORKFLOWS_DIR: z.string().default('config/workflows'),
    CALENDARS_DIR: z.string().default('config/calendars'),
    DEFAULT_WORKFLOW: z.string().default('reform-pilot'),
    REPORT_TIME_ZONE: z.string().default('Asia/Shanghai'),
    REPORT_SCHEDULES_FILE: z.string().default('config/report-schedules.yaml'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required in production (at least 32 random characters)' });
    }
  });

export type Env = z.infer<typeof envSchema>;

export interface AppConfig {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  /** One JSON object a line (the default), or coloured lines for a person at a terminal (the default under development). */
  logFormat: 'json' | 'pretty';
  api: {
    host: string;
    port: number;
    publicUrl: string;
    /** Other origins whose pages may call the api from a browser (CORS); none by default: same-origin only. */
    corsOrigins: string[];
  };
  worker: { host: string; port: number; concurrency: number };
  database: { url: string; poolMax: number; logQueries: boolean };
  redis: { url: string };
  queues: {
    /** Redis key prefix of every queue: two deployments (or test runs) on one Redis stay apart. */
    prefix: string;
    /** How often each worker rebuilds missing delayed jobs from PostgreSQL (ms). */
    reconcileIntervalMs: number;
    /** Timers firing within this window are kept as delayed jobs in Redis; later ones wait in PostgreSQL (ms). */
    timerHorizonMs: number;
    /** The outbox relay polls this often when no notification wakes it (ms). */
    outboxPollMs: number;
    /** A job whose worker died is run again after this long (BullMQ lock duration and stalled check, ms). */
    lockDurationMs: number;
    /** How often workers look for people whose daily digest is due (ms). */
    digestSweepMs: number;
  };
  smtp: {
    host: string;
    port: number;
    secure: boolean;
    auth: { user: string; pass: string } | undefined;
    pool: boolean;
    timeoutMs: number;
    from: string;
  };
  /** Group robots (企业微信 / 钉钉) units receive their notifications in. */
  robots: {
    /** Hosts a webhook may point at (https); the two services' own by default, a private deployment's added here. */
    webhookHosts: string[];
    /** Also accept http:// webhooks on 127.0.0.1 / localhost / ::1: for tests and development only. */
    allowLoopbackHttp: boolean;
    /** A webhook request is abandoned (and retried) after this long (ms). */
    timeoutMs: number;
  };
  auth: {
    jwtSecret: string;
    jwtTtl: string;
    /** How long a browser's sign-in lasts (ISO-8601), from the moment of signing in. */
    sessionTtl: string;
    /** Cookies carry the Secure flag when the public address is https. */
    secureCookies: boolean;
    usingDevelopmentSecret: boolean;
  };
  /** Sign-in attempts allowed per account and per client address in each window, shared by every api process through Redis. */
  signIn: { perAccount: number; perAddress: number; windowMs: number };
  /** The built web app the api serves on its own origin; absent in a build without it. */
  web: { distDir: string };
  bootstrap: {
    adminEmail: string;
    adminPassword: string | undefined;
    adminName: string;
    unitCode: string;
    unitName: { zh: string; en: string };
  };
  workflows: { dir: string; defaultName: string; calendarsDir: string };
  reports: {
    /** The zone report periods and documents are in (Asia/Shanghai). */
    timeZone: string;
    /** The scheduled reports (cron, recipients); a missing file means no schedules. */
    schedulesFile: string;
  };
}

/** The length of a clock duration in milliseconds (calendar parts count as 24-hour days). */
function durationMs(text: string): number {
  return addDuration(new Date(0), parseDuration(text), 'UTC').getTime();
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

/** Reads the environment; throws one ConfigError that lists every invalid variable. */
export function loadAppConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  // an empty variable means "not set", as in most deployment tools
  const env = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = validate(envSchema, env);
  if (!parsed.ok) throw new ConfigError(parsed.errors.map((e) => `${e.field}: ${e.message}`));
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === 'development' ? 'pretty' : 'json'),
    api: { host: e.API_HOST, port: e.API_PORT, publicUrl: e.PUBLIC_URL.replace(/\/$/, ''), corsOrigins: e.CORS_ORIGINS },
    worker: { host: e.WORKER_HOST, port: e.WORKER_PORT, concurrency: e.WORKER_CONCURRENCY },
    database: { url: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX, logQueries: e.DATABASE_LOG_QUERIES },
    redis: { url: e.REDIS_URL },
    queues: {
      prefix: e.QUEUE_PREFIX,
      reconcileIntervalMs: durationMs(e.RECONCILE_INTERVAL),
      timerHorizonMs: durationMs(e.TIMER_HORIZON),
      outboxPollMs: durationMs(e.OUTBOX_POLL_INTERVAL),
      lockDurationMs: durationMs(e.QUEUE_LOCK_DURATION),
      digestSweepMs: durationMs(e.DIGEST_SWEEP_INTERVAL),
    },
    smtp: {
      host: e.SMTP_HOST,
      port: e.SMTP_PORT,
      secure: e.SMTP_SECURE,
      auth: e.SMTP_USER ? { user: e.SMTP_USER, pass: e.SMTP_PASSWORD ?? '' } : undefined,
      pool: e.SMTP_POOL,
      timeoutMs: durationMs(e.SMTP_TIMEOUT),
      from: e.MAIL_FROM,
    },
    robots: { webhookHosts: e.ROBOT_WEBHOOK_HOSTS, allowLoopbackHttp: e.ROBOT_ALLOW_LOOPBACK_HTTP, timeoutMs: durationMs(e.ROBOT_TIMEOUT) },
    auth: {
      jwtSecret: e.JWT_SECRET ?? DEV_JWT_SECRET,
      jwtTtl: e.JWT_TTL,
      sessionTtl: e.SESSION_TTL,
      secureCookies: e.PUBLIC_URL.startsWith('https:'),
      usingDevelopmentSecret: !e.JWT_SECRET,
    },
    signIn: { perAccount: e.SIGNIN_MAX_PER_ACCOUNT, perAddress: e.SIGNIN_MAX_PER_ADDRESS, windowMs: durationMs(e.SIGNIN_WINDOW) },
    web: { distDir: e.WEB_DIST_DIR },
    bootstrap: {
      adminEmail: e.ADMIN_EMAIL,
      adminPassword: e.ADMIN_PASSWORD,
      adminName: e.ADMIN_NAME,
      unitCode: e.ADMIN_UNIT_CODE,
      unitName: { zh: e.ADMIN_UNIT_NAME_ZH, en: e.ADMIN_UNIT_NAME_EN },
    },
    workflows: { dir: e.WORKFLOWS_DIR, defaultName: e.DEFAULT_WORKFLOW, calendarsDir: e.CALENDARS_DIR },
    reports: { timeZone: e.REPORT_TIME_ZONE, schedulesFile: e.REPORT_SCHEDULES_FILE },
  };
}
