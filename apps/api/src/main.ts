import 'reflect-metadata';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { type AppConfig, ConfigError, loadAppConfig } from '#config';
import { createRootLogger } from '#observability';
import { createApiApp } from './create-api-app.js';
import { GENERATED_ADMIN_PASSWORD_FILE } from './first-admin-password.js';

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
  if (firstAdmin?.generated) {
    // the password itself is never logged: it is in a file only this user can read
    logger.warn(
      `first admin ${firstAdmin.email} created with a generated password (ADMIN_PASSWORD is not set): it is in ${resolve(GENERATED_ADMIN_PASSWORD_FILE)}, readable by this user only. Sign in, change the password, then delete the file.`,
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
