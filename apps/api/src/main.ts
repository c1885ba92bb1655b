import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadAppConfig } from '#config';
import { createApiApp } from './create-api-app.js';

const logger = new Logger('api');

try {
  const config = loadAppConfig();
  if (config.auth.usingDevelopmentSecret) {
    logger.warn('JWT_SECRET is not set: tokens are signed with a development secret. Set JWT_SECRET before real use.');
  }
  const { app, firstAdmin } = await createApiApp(config);
  await app.listen(config.api.port, config.api.host);
  if (firstAdmin?.generatedPassword) {
    logger.warn(
      `first admin: ${firstAdmin.email} / ${firstAdmin.generatedPassword}  (generated because ADMIN_PASSWORD is not set; change it)`,
    );
  }
  logger.log(
    `Reformflow api listening on ${config.api.publicUrl}  —  web app: ${config.api.publicUrl}/  —  API docs: ${config.api.publicUrl}/api/docs`,
  );
} catch (e) {
  logger.error(e instanceof ConfigError ? e.message : ((e as Error).stack ?? String(e)));
  process.exit(1);
}
