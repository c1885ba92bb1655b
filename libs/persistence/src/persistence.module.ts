import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '#config';
import { AuditLog } from './audit/audit-log.js';
import { dataSourceOptions } from './data-source.js';
import { Db } from './db.js';
import { DeadlineStore } from './deadlines/deadline.store.js';
import { DeliveryStore } from './deliveries/delivery.store.js';
import { DefinitionStore } from './definitions/definition.store.js';
import { DirectoryStore } from './directory.store.js';
import { MatterQueries } from './matters/matter.queries.js';
import { MatterStore } from './matters/matter.store.js';
import { Outbox, OutboxSignal } from './outbox/outbox.js';
import { SessionStore } from './sessions/session.store.js';
import { InboxQueries } from './inbox/inbox.queries.js';
import { IdempotencyKeyStore } from './idempotency/idempotency-key.store.js';
import { DeputyStore } from './deputies/deputy.store.js';
import { UnitChannelStore } from './channels/unit-channel.store.js';
import { BulletinStore } from './bulletins/bulletin.store.js';

const STORES = [
  Db,
  MatterStore,
  MatterQueries,
  AuditLog,
  Outbox,
  OutboxSignal,
  DefinitionStore,
  DirectoryStore,
  DeadlineStore,
  DeliveryStore,
  SessionStore,
  InboxQueries,
  IdempotencyKeyStore,
  DeputyStore,
  UnitChannelStore,
  BulletinStore,
];

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.database), retryAttempts: 3, retryDelay: 1000 }),
    }),
  ],
  providers: STORES,
  exports: STORES,
})
export class PersistenceModule {}
