import { Module } from '@nestjs/common';
import { WorkflowModule } from '#workflow';
import { DeliveryWriter } from './delivery-writer.js';
import { FireTimer } from './fire-timer.usecase.js';
import { NotifyMatterEvent } from './notify-matter-event.usecase.js';

/** From timers and events to delivery rows. Needs the global Config, Persistence and Queues modules. */
@Module({
  imports: [WorkflowModule],
  providers: [DeliveryWriter, FireTimer, NotifyMatterEvent],
  exports: [DeliveryWriter, FireTimer, NotifyMatterEvent],
})
export class NotificationsModule {}
