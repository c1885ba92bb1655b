import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '#config';
import { createRootLogger, httpLogger, loggingModule, useJsonLogs } from '#observability';
import { WorkerModule } from './worker.module.js';

/** The worker's root module: its logging, then the worker itself. */
@Module({})
class WorkerApp {}

/** The worker as it runs in production; main.ts and the tests both build it here. */
export async function createWorkerApp(config: AppConfig): Promise<INestApplication> {
  const logger = createRootLogger(config, 'worker');
  const app = await NestFactory.create(
    { module: WorkerApp, imports: [loggingModule(logger), WorkerModule.forRoot(config)] },
    { bufferLogs: true },
  );
  useJsonLogs(app);
  app.use(httpLogger(logger, { quietPaths: /^\/(health|metrics)$/ }));
  // SIGTERM: the queue workers finish the jobs in flight, pools close, then exit 0 (not "killed by SIGTERM", 143)
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  return app;
}
