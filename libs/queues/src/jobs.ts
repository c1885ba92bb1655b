import type { JobsOptions } from 'bullmq';

/**
 * Queue names and job names. Renaming a value strands every job already queued under
 * the old name: add a new name and drain the old one instead.
 */
export enum QueueName {
  /** Domain events of matters, relayed from the outbox: notifications follow from them. */
  Events = 'events',
  /** Delayed jobs that fire reminders and escalations. */
  Timers = 'timers',
  /** One job per delivery: a mail, or a message to a unit's group robot. */
  Mail = 'mail',
  /** Scheduled reports, one job per schedule tick (BullMQ job schedulers). */
  Reports = 'reports',
}

export enum JobName {
  MatterEvent = 'matter-event',
  TimerFire = 'timer-fire',
  /** Renders a delivery's template into its subject, bodies and calendar part. */
  ComposeMail = 'compose-mail',
  SendMail = 'send-mail',
  /** Posts a composed delivery to its unit's group robot (企业微信 / 钉钉). */
  SendChannelMessage = 'send-channel-message',
  /** A deadline whose calendar entry people hold moved, was met or was cancelled. */
  DeadlineChanged = 'deadline-changed',
  /** A mail failed for good: the reform office is told. */
  DeliveryFailed = 'delivery-failed',
  /** One tick of a report schedule: build, store and mail the report of the period that just ended. */
  ScheduledReport = 'scheduled-report',
}

/** What each job carries: ids and small scalars only; handlers reload the rest from PostgreSQL. */
export interface JobPayloads {
  [JobName.MatterEvent]: { matterId: string; seq: number; type: string };
  [JobName.TimerFire]: { timerId: string };
  [JobName.ComposeMail]: { deliveryId: string };
  [JobName.SendMail]: { deliveryId: string };
  [JobName.SendChannelMessage]: { deliveryId: string };
  [JobName.DeadlineChanged]: { deadlineId: string; version: number; change: 'moved' | 'met' | 'cancelled' };
  [JobName.DeliveryFailed]: { deliveryId: string };
  [JobName.ScheduledReport]: { scheduleKey: string };
}

export type JobOf<N extends JobName> = { name: N; data: JobPayloads[N]; id?: string; attemptsMade: number };
export type AnyJob = { [N in JobName]: JobOf<N> }[JobName];

export const QUEUE_OF: Readonly<Record<JobName, QueueName>> = {
  [JobName.MatterEvent]: QueueName.Events,
  [JobName.TimerFire]: QueueName.Timers,
  [JobName.ComposeMail]: QueueName.Mail,
  [JobName.SendMail]: QueueName.Mail,
  [JobName.SendChannelMessage]: QueueName.Mail,
  [JobName.DeadlineChanged]: QueueName.Events,
  [JobName.DeliveryFailed]: QueueName.Events,
  [JobName.ScheduledReport]: QueueName.Reports,
};

export const isJobName = (name: string): name is JobName => (Object.values(JobName) as string[]).includes(name);

/**
 * Attempts, backoff and retention of every queue, in one place. Completed jobs are kept
 * a while so a job relayed twice within that time is recognised by its id and not run
 * again; processors are idempotent for the rare repeat after that.
 */
export const JOB_OPTIONS: Readonly<Record<QueueName, JobsOptions>> = {
  [QueueName.Events]: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
  [QueueName.Timers]: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: { age: 24 * 3600, count: 50_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
  [QueueName.Mail]: {
    // transient SMTP failures (4xx, resets, timeouts) retry over about an hour; permanent ones stop at once
    attempts: 10,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: { age: 24 * 3600, count: 50_000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  },
  [QueueName.Reports]: {
    // a run is stored once per period (report_runs), so a retry after a crash is safe
    attempts: 5,
    backoff: { type: 'exponential', delay: 30_000 },
    removeOnComplete: { age: 90 * 24 * 3600, count: 1_000 },
    removeOnFail: { age: 90 * 24 * 3600 },
  },
};

/** BullMQ refuses `:` in custom job ids (it separates Redis keys) and ids made only of digits. */
export function assertJobId(id: string): string {
  if (id.includes(':') || /^\d+$/.test(id) || id.length > 250)
    throw new Error(`"${id}" cannot be a job id: no colons, not only digits, at most 250 characters`);
  return id;
}

/** The Redis pub/sub channel on which the api tells the workers' relays that outbox rows were committed. */
export const outboxWakeChannel = (prefix: string) => `${prefix}:outbox-committed`;

/** Deterministic job ids: relaying the same outbox row twice adds one job. */
export const jobIds = {
  matterEvent: (matterId: string, seq: number) => `ev.${matterId}.${seq}`,
  timer: (deadlineId: string, version: number, label: string) => `t.${deadlineId}.v${version}.${label}`,
  compose: (deliveryId: string) => `compose.${deliveryId}`,
  mail: (deliveryId: string) => `mail.${deliveryId}`,
  channel: (deliveryId: string) => `chan.${deliveryId}`,
  deadlineChanged: (deadlineId: string, version: number) => `chg.${deadlineId}.v${version}`,
  deliveryFailed: (deliveryId: string) => `dfail.${deliveryId}`,
};
