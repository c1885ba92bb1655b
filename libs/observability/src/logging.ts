/**
 * Logs an auditor can search: one JSON object a line on stdout (pino), with the request id,
 * the actor and the matter of each HTTP request, and nothing secret in them. Pretty, coloured
 * lines only when asked for (LOG_FORMAT=pretty, the default under NODE_ENV=development).
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { LoggerModule, Logger as NestPinoLogger, type Params, PinoLogger } from 'nestjs-pino';
import { type DestinationStream, type Level, type Logger, type LoggerOptions, pino } from 'pino';
import { type HttpLogger, type Options as HttpOptions, pinoHttp } from 'pino-http';

/** The header a request id comes in (from a proxy or the client) and goes back out in. */
export const REQUEST_ID_HEADER = 'X-Request-Id';
/** An incoming request id is kept only if it is short and plain; anything else is replaced by a UUID. */
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The configuration logging needs (a slice of AppConfig, so this file does not depend on #config). */
export interface LoggingConfig {
  env: 'development' | 'test' | 'production';
  logLevel: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  logFormat: 'json' | 'pretty';
}

const PINO_LEVEL: Record<LoggingConfig['logLevel'], Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Never written, whatever a caller passes in: credentials, tokens, cookies, and mail content.
 * Request and response objects are reduced by the serializers below to fields that hold none
 * of these; this list catches objects a use case logs itself.
 */
const SECRET_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'adminPassword',
  'pass',
  'token',
  'accessToken',
  'refreshToken',
  'csrfToken',
  'authorization',
  'cookie',
  'set-cookie',
  'html',
  'htmlBody',
  'html_body',
  'text',
  'textBody',
  'icalEvent',
];
export const REDACTED_PATHS = SECRET_KEYS.flatMap((k) => [`["${k}"]`, `*["${k}"]`, `*.*["${k}"]`]);

/** The options of every process's root logger. */
export function loggerOptions(config: LoggingConfig, service: string): LoggerOptions {
  // in tests the in-process apps stay quiet: only errors, as Nest's logger was set before
  const level = config.env === 'test' ? 'error' : PINO_LEVEL[config.logLevel];
  return {
    level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // "level":"warn" rather than 40: readable in a log search without a table
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err },
  };
}

/**
 * The root logger of a process: JSON on stdout, or pretty when the configuration says so and
 * pino-pretty is installed (it is a development dependency: a production image has JSON only).
 */
export function createRootLogger(config: LoggingConfig, service: string, destination?: DestinationStream): Logger {
  const options = loggerOptions(config, service);
  if (!destination && config.logFormat === 'pretty' && prettyAvailable()) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid' } } });
  }
  return destination ? pino(options, destination) : pino(options);
}

function prettyAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** What a request log line says about the request: no headers, no query string, no body. */
interface LoggedRequest extends IncomingMessage {
  originalUrl?: string;
  baseUrl?: string;
  route?: { path?: string };
  params?: Record<string, string>;
  actor?: { userId: string; roles?: string[] };
  ip?: string;
}

/** The route pattern a request matched (`/api/v1/matters/:id/approve`), never the raw path; bounded for metric labels. */
export function routeOf(req: IncomingMessage): string {
  const r = req as LoggedRequest;
  if (r.route?.path) return `${r.baseUrl ?? ''}${r.route.path}`;
  if (r.baseUrl) return `${r.baseUrl}/*`;
  return '(unmatched)';
}

/** The matter a request is about, when its route names one. */
function matterOf(req: LoggedRequest): string | undefined {
  const route = req.route?.path ?? '';
  return /\/matters\/:id(\/|$)/.test(route) ? req.params?.id : undefined;
}

/** Request logging for the api and the worker: request id in and out, one line per answer. */
export function httpLogger(logger: Logger, options: { quietPaths?: RegExp } = {}): HttpLogger {
  const httpOptions: HttpOptions = {
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    autoLogging: options.quietPaths ? { ignore: (req) => options.quietPaths!.test((req.url ?? '').split('?')[0]) } : true,
    customLogLevel(_req, res, err) {
      if (err || res.statusCode >= 500) return 'error';
      if (res.statusCode === 401 || res.statusCode === 403 || res.statusCode === 429) return 'warn';
      return 'info';
    },
    customSuccessMessage: (req, res) => `${req.method} ${routeOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${routeOf(req)} ${res.statusCode}`,
    // the route is known once the router has matched it: on the closing line, not on the request's bindings
    customSuccessObject: (req, _res, value: object) => ({ ...value, route: routeOf(req) }),
    customErrorObject: (req, _res, _err, value: object) => ({ ...value, route: routeOf(req) }),
    // read when the request starts (nothing yet) and again when it ends (who it was, which matter)
    customProps(req: IncomingMessage) {
      const r = req as LoggedRequest;
      const props: Record<string, unknown> = {};
      if (r.actor) props.actorId = r.actor.userId;
      const matterId = matterOf(r);
      if (matterId) props.matterId = matterId;
      return props;
    },
    serializers: {
      req: (req: LoggedRequest) => ({
        method: req.method,
        path: (req.originalUrl ?? req.url ?? '').split('?')[0],
        address: req.ip ?? req.socket?.remoteAddress,
        userAgent: req.headers?.['user-agent'],
      }),
      res: (res: ServerResponse) => ({ status: res.statusCode }),
    },
  };
  return pinoHttp(httpOptions);
}

/**
 * nestjs-pino for the Nest side: `useExisting`, because `httpLogger` is mounted as the first
 * Express middleware (before the body parser and Bull Board, so every answer has its id and
 * line); the module binds that request logger to everything Nest logs while handling it.
 */
export function nestLoggerParams(logger: Logger): Params {
  return { pinoHttp: { logger }, useExisting: true };
}

/** The Nest module that routes Nest's Logger into `logger`, bound per request (see nestLoggerParams). */
export function loggingModule(logger: Logger): DynamicModule {
  return LoggerModule.forRoot(nestLoggerParams(logger));
}

/** Routes the Nest application's own logs (and every `new Logger(X.name)`) through pino. */
export function useJsonLogs(app: INestApplicationContext): void {
  app.useLogger(app.get(NestPinoLogger));
}

let contexts: PinoLogger | undefined;

/**
 * Runs `work` with `bindings` on every line logged inside it: a queue job's id, name and
 * matter, the way an HTTP request's id is on the lines of its request.
 */
export function withLogContext<T>(bindings: Record<string, unknown>, work: () => T): T {
  contexts ??= new PinoLogger({ useExisting: true });
  return contexts.runInContext(work, { bindings });
}
