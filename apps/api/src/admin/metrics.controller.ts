import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Response } from 'express';
import { Metrics, renderMetrics } from '#observability';
import { Public } from '../auth/auth.decorators.js';

/**
 * Prometheus metrics of this api process and the queue depths in Redis.
 *
 * Public on purpose: Prometheus scrapers cannot sign in for a JWT, and these numbers
 * (queue depths, counters, process statistics) carry no personal data. Keep it that way:
 * never label a metric with a person, an email address or a matter's content. Where the
 * port is reachable from outside, block /metrics at the proxy.
 */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Public()
  @Get()
  @ApiExcludeEndpoint()
  async scrape(@Res() res: Response): Promise<void> {
    const { contentType, body } = await renderMetrics(this.metrics);
    res.status(200).setHeader('Content-Type', contentType).setHeader('Cache-Control', 'no-store').send(body);
  }
}
