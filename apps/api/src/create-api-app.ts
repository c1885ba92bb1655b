import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { type NextFunction, type Request, type Response, json } from 'express';
import type { AppConfig } from '#config';
import { Metrics, createRootLogger, httpLogger, httpMetrics, loggingModule, useJsonLogs } from '#observability';
import { Bootstrap } from '#workflow';
import { mountQueueBoard } from './admin/queue-board.js';
import { ApiModule } from './api.module.js';
import { corsFromConfig } from './http/cors.js';
import { API_PREFIX } from './http/paths.js';
import { INVALID_UTF8, PROBLEM_CONTENT_TYPE, problemType } from './http/problem.js';
import { saveGeneratedAdminPassword } from './first-admin-password.js';
import { openApiDocument } from './openapi/document.js';

/**
 * Builds the api exactly as it runs in production, for main.ts and the end-to-end
 * tests alike: body limits, problem+json for every error, OpenAPI at /api/docs, and the
 * start-up work (definition versions, first admin).
 */
export async function createApiApp(
  config: AppConfig,
): Promise<{ app: INestApplication; firstAdmin: Awaited<ReturnType<Bootstrap['ensureFirstAdmin']>> }> {
  const logger = createRootLogger(config, 'api');
  const app = await NestFactory.create<NestExpressApplication>(
    { module: ApiApp, imports: [loggingModule(logger), ApiModule.forRoot(config)] },
    { bodyParser: false, bufferLogs: true },
  );
  useJsonLogs(app);
  app.disable('x-powered-by');
  // first, so every answer (a refused body, Bull Board, the web app's files) has a request id, a log line and a duration
  app.use(httpLogger(logger, { quietPaths: /^\/(health|metrics)$/ }));
  app.use(httpMetrics(app.get(Metrics)));
  app.use(corsFromConfig(config.api.corsOrigins));
  app.use(securityHeaders());
  app.set('etag', false); // a matter's ETag is its version, set by the controller
  mountQueueBoard(app); // Bull Board at /ops/queues, admins only, outside Nest's guards
  app.use(cookieParser());
  app.use(requireJsonBodies);
  // express.json as useBodyParser('json') would mount it, plus a UTF-8 check its typed options leave out
  app.use(skipRawBodyRoutes(json({ limit: '256kb', strict: true, verify: refuseInvalidUtf8 })));
  // SIGTERM: stop taking connections, finish the requests in flight, close pools, then exit 0
  // (Nest's default re-raises the signal, and the process ends as killed: status 143)
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  routeUnderPrefix(app);

  const document = openApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  try {
    const bootstrap = app.get(Bootstrap);
    await bootstrap.syncDefinitions();
    const firstAdmin = await bootstrap.ensureFirstAdmin({ keepGeneratedPassword: saveGeneratedAdminPassword });
    return { app, firstAdmin };
  } catch (e) {
    // a refused start (a bad definition file) must not leave its database pool and Redis connections open
    await app.close().catch(() => undefined);
    throw e;
  }
}

/**
 * The JSON API lives under a versioned prefix; human-readable paths belong to the web app,
 * and operators find /health and /metrics where they always look.
 */
export function routeUnderPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'metrics'] });
}

/** Routes whose controller reads the raw body itself (a CSV or YAML file) and checks its media type. */
const RAW_BODY_ROUTES = new Set([`/${API_PREFIX}/batches/import`]);

/**
 * The JSON parser, except on routes that read their body themselves: a JSON body sent there
 * must reach the controller's media-type check (415 naming the accepted types), not fail to parse (400).
 */
function skipRawBodyRoutes(parser: (req: Request, res: Response, next: NextFunction) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'POST' && RAW_BODY_ROUTES.has(req.path)) return next();
    parser(req, res, next);
  };
}

/** A body on a write must be JSON: anything else is refused before it is parsed. */
function requireJsonBodies(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'POST' && RAW_BODY_ROUTES.has(req.path)) return next();
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (hasBody && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method) && type !== 'application/json') {
    res
      .status(415)
      .type(PROBLEM_CONTENT_TYPE)
      .send(
        JSON.stringify({
          type: problemType('body.unsupported_media_type'),
          title: 'Unsupported media type',
          status: 415,
          detail: 'send the body as application/json',
          instance: req.originalUrl.split('?')[0],
          code: 'body.unsupported_media_type',
          errors: [{ field: 'Content-Type', rule: 'application/json', message: `"${type || 'none'}" is not accepted` }],
        }),
      );
    return;
  }
  next();
}

/** The api's root module: its logging, then the api itself. */
@Module({})
class ApiApp {}

/**
 * Security headers on every answer (helmet), with a content security policy the web app
 * works under: its scripts, styles and fonts come from this origin only; antd writes its
 * styles at run time (CSS-in-JS), hence 'unsafe-inline' for styles, never for scripts.
 * ECharts draws on canvas; images may be data: URLs (antd's icons, charts saved as PNG).
 */
function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
    // report PDFs and the mail previews open in a new tab from the page
    crossOriginEmbedderPolicy: false,
  });
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** body-parser would decode invalid UTF-8 into U+FFFD and store it: refuse the body instead (400 body.invalid_utf8). */
function refuseInvalidUtf8(_req: unknown, _res: unknown, buf: Buffer): void {
  try {
    UTF8.decode(buf);
  } catch {
    throw Object.assign(new Error(INVALID_UTF8), { status: 400, type: 'body.invalid_utf8' });
  }
}
