import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import { Redis } from 'ioredis';
import { OutboxSignal } from '#persistence';
import { outboxWakeChannel } from '#queues';

/**
 * Tells the workers' outbox relays, through Redis, that a command of this api committed outbox
 * rows: one PUBLISH after the commit, on a connection of its own, never inside the
 * transaction. Commits while a PUBLISH is on its way are folded into one more after it, so a
 * burst of commands costs a few messages, and the last commit is always followed by one. A
 * message lost (Redis restarting, no worker subscribed yet) costs a relay poll at most.
 */
@Injectable()
export class OutboxWakePublisher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(OutboxWakePublisher.name);
  private stop: (() => void) | null = null;
  private redis: Redis | null = null;
  private sending = false;
  private again = false;
  private warnedAt = 0;

  constructor(
    private readonly signal: OutboxSignal,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // commands wait for a reconnect rather than fail: wake-ups meanwhile fold into the one waiting
    this.redis = new Redis(this.config.redis.url, { maxRetriesPerRequest: null, connectionName: 'reformflow-outbox-wake' });
    this.redis.on('error', () => undefined); // reported by send(), once a minute
    this.stop = this.signal.listen(() => this.wake());
  }

  onModuleDestroy(): void {
    this.stop?.();
    this.redis?.disconnect();
  }

  private wake(): void {
    if (!this.redis) return;
    if (this.sending) {
      this.again = true;
      return;
    }
    this.sending = true;
    void this.send();
  }

  private async send(): Promise<void> {
    const channel = outboxWakeChannel(this.config.queues.prefix);
    try {
      do {
        this.again = false;
        await this.redis!.publish(channel, '');
      } while (this.again);
    } catch (e) {
      // the relays' polling picks the rows up; one warning a minute at most
      if (Date.now() - this.warnedAt > 60_000) {
        this.warnedAt = Date.now();
        this.logger.warn(`cannot wake the outbox relays through Redis (${(e as Error).message}); they will find the rows when they poll`);
      }
    } finally {
      this.sending = false;
    }
  }
}
