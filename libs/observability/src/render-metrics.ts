import { Metrics } from './metrics.js';

export interface RenderedMetrics {
  contentType: string;
  body: string;
}

/**
 * The Prometheus text exposition of a process's metrics, for the api's and the worker's
 * GET /metrics. Queue gauges read Redis here, each within a short timeout.
 */
export async function renderMetrics(metrics: Metrics): Promise<RenderedMetrics> {
  return { contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
}
