import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { HandlesJob, JobRegistry } from './job-registry.js';
import { type AnyJob, JobName } from './jobs.js';

@Injectable()
class Events {
  @HandlesJob(JobName.MatterEvent)
  handle(job: AnyJob) {
    return Promise.resolve(`event ${job.name}`);
  }
}

@Injectable()
class Timers {
  @HandlesJob(JobName.TimerFire)
  handle() {
    return Promise.resolve('timer');
  }
}

@Injectable()
class Mail {
  @HandlesJob(JobName.SendMail)
  handle() {
    return Promise.resolve('mail');
  }
}

/** The jobs this spec does not look at, so the registry is complete. */
@Injectable()
class Others {
  @HandlesJob(JobName.ComposeMail)
  compose() {
    return Promise.resolve('compose');
  }

  @HandlesJob(JobName.DeadlineChanged)
  changed() {
    return Promise.resolve('changed');
  }

  @HandlesJob(JobName.DeliveryFailed)
  failed() {
    return Promise.resolve('failed');
  }

  @HandlesJob(JobName.ScheduledReport)
  report() {
    return Promise.resolve('report');
  }

  @HandlesJob(JobName.SendChannelMessage)
  channel() {
    return Promise.resolve('channel');
  }
}

@Injectable()
class MoreMail {
  @HandlesJob(JobName.SendMail)
  handle() {
    return Promise.resolve('mail again');
  }
}

async function boot(...handlers: Array<new () => unknown>) {
  @Module({ imports: [DiscoveryModule], providers: [JobRegistry, ...handlers] })
  class App {}
  const module = await Test.createTestingModule({ imports: [App] }).compile();
  await module.init();
  return module;
}

describe(JobRegistry.name, () => {
  it('dispatches each job to its one handler', async () => {
    const module = await boot(Events, Timers, Mail, Others);
    const registry = module.get(JobRegistry);
    await expect(registry.dispatch({ name: JobName.SendMail, data: { deliveryId: 'd' }, attemptsMade: 0 })).resolves.toBe('mail');
    await expect(
      registry.dispatch({ name: JobName.MatterEvent, data: { matterId: 'm', seq: 1, type: 't' }, attemptsMade: 0 }),
    ).resolves.toBe('event matter-event');
    await module.close();
  });

  it('refuses to start when a job name has no handler', async () => {
    await expect(boot(Events, Mail, Others)).rejects.toThrow('job "timer-fire" has no handler');
  });

  it('refuses to start when a job name has two handlers, naming both', async () => {
    await expect(boot(Events, Timers, Mail, Others, MoreMail)).rejects.toThrow(
      /job "send-mail" has 2 handlers: Mail\.handle, MoreMail\.handle/,
    );
  });
});
