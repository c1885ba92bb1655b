import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { type AppConfig, ConfigError, loadAppConfig } from '#config';
import { createRootLogger } from '#observability';
import { createApiApp } from './create-api-app.js';

// Nest's Logger writes through pino once the app exists (createApiApp routes it there)
const logger = new Logger('api');
let config: AppConfig | undefined;

try {
  config = loadAppConfig();
  const { app, firstAdmin } = await createApiApp(config);
  if (config.auth.usingDevelopmentSecret) {
    logger.warn('JWT_SECRET is not set: tokens are signed with a development secret. Set JWT_SECRET before real use.');
  }
  await app.listen(config.api.port, config.api.host);
  if (firstAdmin?.generatedPassword) {
    // shown once, on purpose: the operator has no other way to learn it (set ADMIN_PASSWORD to avoid this)
    logger.warn(
      `first admin: ${firstAdmin.email} / ${firstAdmin.generatedPassword}  (generated because ADMIN_PASSWORD is not set; change it)`,
    );
  }
  logger.log(
    `Reformflow api listening on ${config.api.publicUrl}  —  web app: ${config.api.publicUrl}/  —  API docs: ${config.api.publicUrl}/api/docs`,
  );
} catch (e) {
  // before the app exists nothing routes Nest's Logger to pino: write the line with a logger of our own
  const fallback = createRootLogger(config ?? { env: 'production', logLevel: 'log', logFormat: 'json' }, 'api');
  if (e instanceof ConfigError) fallback.fatal({ problems: e.problems }, e.message);
  else fallback.fatal({ err: e }, 'the api did not start');
  process.exit(1);
}
