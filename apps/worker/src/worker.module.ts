import { Controller, Get, HttpStatus, Module, Res } from '@nestjs/common';
import type { Response } from 'express';
import { type AppConfig, ConfigModule } from '#config';
import { HealthProbe } from '#health';
import { PersistenceModule } from '#persistence';

@Controller('health')
class WorkerHealthController {
  constructor(private readonly probe: HealthProbe) {}

  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    const report = await this.probe.check();
    res.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}

/** The worker: queue processors (outbox relay, timers, mail, reports) and an HTTP port for health. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig) {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), PersistenceModule],
      controllers: [WorkerHealthController],
      providers: [HealthProbe],
    };
  }
}
