import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobOf, JobName } from '#queues';
import { ComposeMail } from './compose-mail.usecase.js';
import { NotifyDeadlineChanged } from './deadline-changed.usecase.js';
import { NotifyDeliveryFailed } from './delivery-failed.usecase.js';

/** The notification jobs, each handed to its use case. */
@Injectable()
export class NotificationHandlers {
  constructor(
    private readonly compose: ComposeMail,
    private readonly changed: NotifyDeadlineChanged,
    private readonly failed: NotifyDeliveryFailed,
  ) {}

  @HandlesJob(JobName.ComposeMail)
  composeMail(job: JobOf<JobName.ComposeMail>) {
    return this.compose.execute(job.data.deliveryId);
  }

  @HandlesJob(JobName.DeadlineChanged)
  deadlineChanged(job: JobOf<JobName.DeadlineChanged>) {
    return this.changed.execute(job.data.deadlineId, job.data.version, job.data.change);
  }

  @HandlesJob(JobName.DeliveryFailed)
  deliveryFailed(job: JobOf<JobName.DeliveryFailed>) {
    return this.failed.execute(job.data.deliveryId);
  }
}
