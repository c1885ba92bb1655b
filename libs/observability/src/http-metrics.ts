import type { IncomingMessage, ServerResponse } from 'node:http';
import { routeOf } from './logging.js';
import type { Metrics } from './metrics.js';

/**
 * Express middleware: each answer's duration into `reformflow_http_request_duration_seconds`,
 * labelled by the route pattern it matched (`/api/v1/matters/:id`), so a label set stays
 * bounded whatever paths clients send.
 */
export function httpMetrics(metrics: Metrics) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const end = metrics.httpRequestDuration.startTimer();
    res.once('finish', () => end({ method: req.method ?? 'GET', route: routeOf(req), status: String(res.statusCode) }));
    next();
  };
}
