import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadAppConfig } from '#config';
import { createWorkerApp } from './create-worker-app.js';

const logger = new Logger('worker');

try {
  const config = loadAppConfig();
  const app = await createWorkerApp(config);
  await app.listen(config.worker.port, config.worker.host);
  logger.log(`Reformflow worker running; health and metrics on http://${config.worker.host}:${config.worker.port}/health, /metrics`);
} catch (e) {
  logger.error(e instanceof ConfigError ? e.message : ((e as Error).stack ?? String(e)));
  process.exit(1);
}
