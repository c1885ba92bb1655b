import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Global, Inject, Injectable, Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '#config';
import { QueueName } from './jobs.js';

/** Every queue, by name: the relay, the reconciler, Bull Board and the metrics all use this one map. */
@Injectable()
export class Queues {
  readonly all: ReadonlyMap<QueueName, Queue>;

  constructor(
    @Inject(getQueueToken(QueueName.Events)) events: Queue,
    @Inject(getQueueToken(QueueName.Timers)) timers: Queue,
    @Inject(getQueueToken(QueueName.Mail)) mail: Queue,
    @Inject(getQueueToken(QueueName.Reports)) reports: Queue,
  ) {
    this.all = new Map([
      [QueueName.Events, events],
      [QueueName.Timers, timers],
      [QueueName.Mail, mail],
      [QueueName.Reports, reports],
    ]);
  }

  get(name: QueueName): Queue {
    return this.all.get(name)!;
  }
}

const registered = BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name })));

/** BullMQ on the configured Redis, with every queue registered. Used by the api and the worker. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // null: BullMQ workers must wait for Redis rather than fail a command mid-job
        connection: { url: config.redis.url, maxRetriesPerRequest: null },
        prefix: config.queues.prefix,
      }),
    }),
    registered,
  ],
  providers: [Queues],
  exports: [registered, Queues],
})
export class QueuesModule {}
