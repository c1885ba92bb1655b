import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '#config';
import { WorkerModule } from './worker.module.js';

/** The worker as it runs in production; main.ts and the tests both build it here. */
export async function createWorkerApp(config: AppConfig): Promise<INestApplication> {
  const levels = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
  const app = await NestFactory.create(WorkerModule.forRoot(config), {
    logger: config.env === 'test' ? ['fatal', 'error'] : levels.slice(0, levels.indexOf(config.logLevel) + 1),
  });
  app.enableShutdownHooks();
  return app;
}
