import { Module } from '@nestjs/common';
import { DeliverMail } from './deliver-mail.usecase.js';
import { MailTransport } from './mail-transport.js';
import { SendMailHandler } from './send-mail.handler.js';

const PROVIDERS = [MailTransport, DeliverMail, SendMailHandler];

/**
 * Sending mail over SMTP. Needs the global ConfigModule (APP_CONFIG), PersistenceModule
 * (Db) and ObservabilityModule (Metrics) imported by the app.
 */
@Module({ providers: PROVIDERS, exports: PROVIDERS })
export class MailModule {}
