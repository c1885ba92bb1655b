import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { type AppConfig, ConfigError, loadAppConfig } from '#config';
import { createRootLogger } from '#observability';
import { createWorkerApp } from './create-worker-app.js';

// Nest's Logger writes through pino once the app exists (createWorkerApp routes it there)
const logger = new Logger('worker');
let config: AppConfig | undefined;

try {
  config = loadAppConfig();
  const app = await createWorkerApp(config);
  await app.listen(config.worker.port, config.worker.host);
  logger.log(`Reformflow worker running; health and metrics on http://${config.worker.host}:${config.worker.port}/health, /metrics`);
} catch (e) {
  // before the app exists nothing routes Nest's Logger to pino: write the line with a logger of our own
  const fallback = createRootLogger(config ?? { env: 'production', logLevel: 'log', logFormat: 'json' }, 'worker');
  if (e instanceof ConfigError) fallback.fatal({ problems: e.problems }, e.message);
  else fallback.fatal({ err: e }, 'the worker did not start');
  process.exit(1);
}
