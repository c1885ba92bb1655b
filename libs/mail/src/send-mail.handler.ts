import { Injectable } from '@nestjs/common';
import { HandlesJob, JOB_OPTIONS, JobName, type JobOf, QueueName } from '#queues';
import { DeliverMail, type DeliveryOutcome, TransientMailError } from './deliver-mail.usecase.js';

/** The BullMQ job as it reaches the handler: the typed payload, and the options it was added with. */
export type SendMailJob = JobOf<JobName.SendMail> & { opts?: { attempts?: number } };

/** `send-mail` jobs: one delivery row each. */
@Injectable()
export class SendMailHandler {
  constructor(private readonly deliverMail: DeliverMail) {}

  @HandlesJob(JobName.SendMail)
  async handle(job: SendMailJob): Promise<DeliveryOutcome> {
    const attempts = job.opts?.attempts ?? JOB_OPTIONS[QueueName.Mail].attempts ?? 1;
    const outcome = await this.deliverMail.execute(job.data.deliveryId, { finalAttempt: job.attemptsMade + 1 >= attempts });
    // Another attempt holds the row. If that worker died mid-send, completing this job
    // would leave the row 'sending' with no job to finish it (a reconciler re-adds only
    // jobs missing from Redis, and a completed one is kept for a day): retry with the
    // backoff instead, and a later attempt finds it 'sent' or, once stale, takes it over.
    if (outcome === 'busy')
      throw new TransientMailError(job.data.deliveryId, `delivery ${job.data.deliveryId} is being sent by another attempt`);
    return outcome;
  }
}
