export * from './http-metrics.js';
export * from './logging.js';
export * from './metrics.js';
export * from './observability.module.js';
export * from './queue-metrics.collector.js';
export * from './render-metrics.js';
