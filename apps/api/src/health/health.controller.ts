import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { HealthProbe } from '#health';
import { Returns } from '../openapi/returns.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly probe: HealthProbe) {}

  @Returns('HealthReport')
  @Public()
  @Get()
  @ApiOperation({ summary: 'Ready when PostgreSQL and Redis answer (503 otherwise)' })
  async health(@Res({ passthrough: true }) res: Response) {
    const report = await this.probe.check();
    res.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
