import { Injectable } from '@nestjs/common';
import { NotifyMatterEvent } from '#notifications';
import { HandlesJob, type JobOf, JobName } from '#queues';

@Injectable()
export class MatterEventHandler {
  constructor(private readonly notify: NotifyMatterEvent) {}

  @HandlesJob(JobName.MatterEvent)
  async handle(job: JobOf<JobName.MatterEvent>): Promise<number> {
    return this.notify.execute(job.data.matterId, job.data.seq);
  }
}
