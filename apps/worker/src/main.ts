import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadAppConfig } from '#config';
import { WorkerModule } from './worker.module.js';

const logger = new Logger('worker');

try {
  const config = loadAppConfig();
  const app = await NestFactory.create(WorkerModule.forRoot(config), { logger: ['fatal', 'error', 'warn', 'log'] });
  app.enableShutdownHooks();
  await app.listen(config.worker.port, '127.0.0.1');
  logger.log(`Reformflow worker running; health on http://127.0.0.1:${config.worker.port}/health`);
} catch (e) {
  logger.error(e instanceof ConfigError ? e.message : ((e as Error).stack ?? String(e)));
  process.exit(1);
}
