export * from './jobs.js';
export * from './job-registry.js';
export * from './queues.module.js';
