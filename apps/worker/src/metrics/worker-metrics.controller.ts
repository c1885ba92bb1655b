import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Metrics, renderMetrics } from '#observability';

/**
 * Prometheus metrics of this worker: the mails it sent or failed, its timers' lateness,
 * and the queue depths in Redis. The worker's port is for operators only (health and
 * metrics, no personal data), like the api's /metrics.
 */
@Controller('metrics')
export class WorkerMetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  async scrape(@Res() res: Response): Promise<void> {
    const { contentType, body } = await renderMetrics(this.metrics);
    res.status(200).setHeader('Content-Type', contentType).setHeader('Cache-Control', 'no-store').send(body);
  }
}
