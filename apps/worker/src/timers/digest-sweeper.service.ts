import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import { BuildDigests } from '#notifications';

/**
 * Every DIGEST_SWEEP_INTERVAL, makes the daily digests that are due. In-process and
 * driven from PostgreSQL, like the reconciler, so Redis losing its data cannot stop it;
 * a digest is keyed by person and date, so several workers sweeping make one.
 */
@Injectable()
export class DigestSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DigestSweeper.name);
  private interval: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly digests: BuildDigests,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.interval = setInterval(() => this.tick(), this.config.queues.digestSweepMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.interval) clearInterval(this.interval);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.digests
      .run()
      .catch((e: Error) => this.logger.error(`digest sweep failed: ${e.message}`))
      .finally(() => (this.running = null));
  }
}
