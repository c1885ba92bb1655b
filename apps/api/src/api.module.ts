import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig, ConfigModule } from '#config';
import { HealthProbe } from '#health';
import { ObservabilityModule } from '#observability';
import { PersistenceModule } from '#persistence';
import { QueuesModule } from '#queues';
import { UnitChannelAdmin } from '#channels';
import { DeliveryLog, DeliveryWriter } from '#notifications';
import { ReportsModule } from '#reports';
import { ExperiencesModule, WorkflowModule } from '#workflow';
import { MetricsController } from './admin/metrics.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { JwtAuthGuard } from './auth/jwt-auth.guard.js';
import { SignInAttempts, SignInThrottle } from './auth/sign-in-throttle.js';
import { BatchImportModule } from './batches/batch-import.module.js';
import { BatchesController } from './batches/batches.controller.js';
import { DefinitionsController } from './definitions/definitions.controller.js';
import { DirectoryController } from './directory/directory.controller.js';
import { HealthController } from './health/health.controller.js';
import { IdempotencyInterceptor } from './http/idempotency.interceptor.js';
import { ProblemFilter } from './http/problem.filter.js';
import { FaultToleranceController } from './matters/fault-tolerance.controller.js';
import { MattersController } from './matters/matters.controller.js';
import { ReportsController } from './reports/reports.controller.js';
import { UnitChannelsController } from './units/unit-channels.controller.js';
import { UnitsController } from './units/units.controller.js';
import { MeController } from './users/me.controller.js';
import { DeputiesController } from './users/deputies.controller.js';
import { UsersController } from './users/users.controller.js';
import { webAppModule } from './web/web-app.module.js';
import { ExperiencesController } from './experiences/experiences.controller.js';
import { OutboxWakePublisher } from './relay/outbox-wake.publisher.js';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig) {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule,
        WorkflowModule,
        ExperiencesModule,
        QueuesModule,
        ObservabilityModule,
        BatchImportModule,
        ReportsModule,
        ...webAppModule(config.web.distDir),
        JwtModule.registerAsync({
          inject: [APP_CONFIG],
          useFactory: (c: AppConfig) => {
            // a KeyObject made once: given a string, jsonwebtoken tries createPublicKey on every
            // request before falling back to a secret key (10 % of the api's CPU in bench:transitions)
            const key = createSecretKey(Buffer.from(c.auth.jwtSecret, 'utf8'));
            return {
              secretOrKeyProvider: () => key,
              signOptions: { algorithm: 'HS256' as const },
              verifyOptions: { algorithms: ['HS256' as const] },
            };
          },
        }),
      ],
      controllers: [
        AuthController,
        UnitsController,
        UnitChannelsController,
        UsersController,
        BatchesController,
        MattersController,
        FaultToleranceController,
        DefinitionsController,
        HealthController,
        MetricsController,
        MeController,
        DeputiesController,
        ReportsController,
        DirectoryController,
        ExperiencesController,
      ],
      // the api reads the delivery log; composing and sending mail is the worker's
      providers: [
        DeliveryLog,
        // a unit's robots are managed here; a test message is written like any delivery, the worker sends it
        DeliveryWriter,
        UnitChannelAdmin,
        SignInAttempts,
        SignInThrottle,
        HealthProbe,
        OutboxWakePublisher,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        // after the guard (it scopes keys to the signed-in person), around the pipes that read the body
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
