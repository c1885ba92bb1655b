import { Module } from '@nestjs/common';
import { WorkflowModule } from '#workflow';
import { ComposeMail } from './compose-mail.usecase.js';
import { NotifyDeadlineChanged } from './deadline-changed.usecase.js';
import { NotifyDeliveryFailed } from './delivery-failed.usecase.js';
import { DeliveryLog } from './delivery-log.js';
import { DeliveryWriter } from './delivery-writer.js';
import { BuildDigests } from './digests.usecase.js';
import { FireTimer } from './fire-timer.usecase.js';
import { NotificationHandlers } from './notification.handlers.js';
import { NotifyMatterEvent } from './notify-matter-event.usecase.js';

const PROVIDERS = [
  DeliveryLog,
  DeliveryWriter,
  FireTimer,
  NotifyMatterEvent,
  ComposeMail,
  NotifyDeadlineChanged,
  NotifyDeliveryFailed,
  BuildDigests,
  NotificationHandlers,
];

/** From timers and events to composed mail. Needs the global Config, Persistence and Queues modules. */
@Module({ imports: [WorkflowModule], providers: PROVIDERS, exports: PROVIDERS })
export class NotificationsModule {}
