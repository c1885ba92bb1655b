import { Global, Module } from '@nestjs/common';
import { type AppConfig, loadAppConfig } from './app-config.js';

/** Injection token for the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  /** Provides the given config (tests), or the one read from the environment. */
  static forRoot(config: AppConfig = loadAppConfig()) {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
