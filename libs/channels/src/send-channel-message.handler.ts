import { Injectable } from '@nestjs/common';
import { HandlesJob, JOB_OPTIONS, JobName, type JobOf, QueueName } from '#queues';
import { type ChannelOutcome, DeliverChannelMessage, TransientChannelError } from './deliver-channel-message.usecase.js';

export type SendChannelMessageJob = JobOf<JobName.SendChannelMessage> & { opts?: { attempts?: number } };

/** `send-channel-message` jobs: one robot delivery each. */
@Injectable()
export class SendChannelMessageHandler {
  constructor(private readonly deliver: DeliverChannelMessage) {}

  @HandlesJob(JobName.SendChannelMessage)
  async handle(job: SendChannelMessageJob): Promise<ChannelOutcome> {
    const attempts = job.opts?.attempts ?? JOB_OPTIONS[QueueName.Mail].attempts ?? 1;
    const outcome = await this.deliver.execute(job.data.deliveryId, { finalAttempt: job.attemptsMade + 1 >= attempts });
    // another attempt holds the row (see SendMailHandler): retry later rather than leave it 'sending' with no job
    if (outcome === 'busy') throw new TransientChannelError(`delivery ${job.data.deliveryId} is being sent by another attempt`);
    return outcome;
  }
}
