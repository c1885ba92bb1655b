import { Injectable } from '@nestjs/common';
import { FireTimer } from '#notifications';
import { Metrics } from '#observability';
import { HandlesJob, type JobOf, JobName } from '#queues';

@Injectable()
export class TimerFireHandler {
  constructor(
    private readonly fire: FireTimer,
    private readonly metrics: Metrics,
  ) {}

  @HandlesJob(JobName.TimerFire)
  async handle(job: JobOf<JobName.TimerFire>): Promise<string> {
    const result = await this.fire.execute(job.data.timerId);
    if (result.outcome === 'fired') {
      this.metrics.timerLateness.observe({ kind: result.kind }, result.latenessMs / 1000);
      this.metrics.timersFired.inc({ kind: result.kind });
    } else if (result.outcome === 'skipped') {
      this.metrics.timersSkipped.inc();
    }
    return result.outcome;
  }
}
