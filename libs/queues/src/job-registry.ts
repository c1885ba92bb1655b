import { Injectable, Logger, type OnModuleInit, SetMetadata } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { type AnyJob, JobName } from './jobs.js';

const HANDLES_JOB = 'reformflow:handles-job';

/** Marks the method that handles one job name; the registry finds it at start-up. */
export const HandlesJob = (name: JobName) => SetMetadata(HANDLES_JOB, name);

type Handler = (job: AnyJob) => Promise<unknown>;

/**
 * Every job name has exactly one handler, or the process does not start: a job with no
 * handler would sit in its queue forever, one with two would be handled twice.
 */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly logger = new Logger(JobRegistry.name);
  private readonly handlers = new Map<JobName, Handler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found = new Map<JobName, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const name = this.reflector.get<JobName | undefined>(HANDLES_JOB, fn as (...args: unknown[]) => unknown);
        if (!name) continue;
        found.set(name, [...(found.get(name) ?? []), `${wrapper.name}.${method}`]);
        this.handlers.set(name, (job) => (fn as Handler).call(instance, job));
      }
    }
    const problems: string[] = [];
    for (const name of Object.values(JobName)) {
      const where = found.get(name) ?? [];
      if (where.length === 0) problems.push(`job "${name}" has no handler`);
      if (where.length > 1) problems.push(`job "${name}" has ${where.length} handlers: ${where.join(', ')}`);
    }
    if (problems.length) throw new Error(`job handlers are not one per job name:\n  - ${problems.join('\n  - ')}`);
    this.logger.log(`handlers: ${[...found.entries()].map(([n, w]) => `${n} → ${w[0]}`).join('; ')}`);
  }

  dispatch(job: AnyJob): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`no handler for job "${String(job.name)}"`);
    return handler(job);
  }
}
