import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { type ComposedMail, type SendHooks, SmtpSender, type SmtpResult } from './smtp-sender.js';
import { APP_CONFIG, type AppConfig } from '#config';

/** A mail as DeliverMail hands it over: everything but the sender, which is configuration, and the recipient's language. */
export type OutgoingMail = Omit<ComposedMail, 'from'> & { locale?: string };

/** The name the recipient sees beside the sender's address, in their language. */
export const SENDER_NAMES: Readonly<Record<string, string>> = { 'zh-CN': '综合改革试点事项管理系统', en: 'Reformflow' };

/** `Name <address>` or a bare address: the address part. */
export function addressOf(from: string): string {
  return /<([^>]+)>\s*$/.exec(from)?.[1]?.trim() ?? from.trim();
}

export type { SmtpResult as SentMail } from './smtp-sender.js';

/**
 * The SMTP door: the only place that knows nodemailer. Settings come from `smtp` in
 * the configuration; every send is bounded by `sendTimeoutMs` in all (connecting,
 * waiting in the pool, and a server that trickles its replies included), which is what
 * lets DeliverMail treat a row left 'sending' for longer than that as abandoned.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  readonly sendTimeoutMs: number;
  private readonly from: string;
  private readonly sender: SmtpSender;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const smtp = config.smtp;
    this.from = smtp.from;
    this.sendTimeoutMs = smtp.timeoutMs;
    // retries belong to the queue, where each one is a claimed attempt on the delivery row:
    // nothing here resends a message by itself
    this.sender = new SmtpSender({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      ...(smtp.auth ? { auth: smtp.auth } : {}),
      timeoutMs: smtp.timeoutMs,
      pool: smtp.pool,
      maxConnections: config.worker.concurrency,
    });
  }

  /** Sends one mail; `hooks.onEndOfData` runs when the server may accept it (see SmtpSender). */
  send({ locale, ...message }: OutgoingMail, hooks: SendHooks = {}): Promise<SmtpResult> {
    const from = { name: SENDER_NAMES[locale ?? 'zh-CN'] ?? SENDER_NAMES['zh-CN'], address: addressOf(this.from) };
    return this.sender.send({ ...message, from }, hooks);
  }

  onModuleDestroy(): void {
    this.sender.close();
  }
}

export type SmtpFailureKind = 'transient' | 'permanent';

/** The fields nodemailer 10 puts on its errors (smtp-connection `_formatError`). */
interface SmtpErrorShape {
  code?: unknown;
  originalCode?: unknown;
  responseCode?: unknown;
  response?: unknown;
  message?: unknown;
}

/** Codes of a connection that failed or ended, whatever the message: another attempt may get through. */
const NETWORK_CODES = new Set([
  'ECONNECTION',
  'ESOCKET',
  'ETIMEDOUT',
  'EDNS',
  'ETLS',
  'EPROXY',
  'EABORT', // our own deadline on the send (AbortSignal.timeout)
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Whether retrying the same message can succeed.
 *
 * - An SMTP reply decides first: 4xx is transient, 5xx permanent, as RFC 5321 classes
 *   them. Two exceptions: 503 (bad sequence of commands) is about the session, not the
 *   message, and nodemailer 10 also counts it as not permanent; and a refused login
 *   (EAUTH, 535) is our configuration, not this mail: retrying lets a corrected password
 *   deliver the backlog instead of failing every mail for good.
 * - Without a reply: a failed or dropped connection, a timeout, DNS or TLS trouble is
 *   transient. An envelope or message nodemailer refuses before sending (an invalid
 *   address, an empty message: EENVELOPE/EMESSAGE without a reply) is permanent: it would
 *   be refused the same way every time.
 * - Anything else is transient: a retry costs little, a mail given up wrongly is lost.
 */
export function classifySmtpError(e: unknown): SmtpFailureKind {
  if (typeof e !== 'object' || e === null) return 'transient';
  const err = e as SmtpErrorShape;
  const code = typeof err.code === 'string' ? err.code : undefined;
  const reply = typeof err.responseCode === 'number' ? err.responseCode : undefined;
  if (reply !== undefined && reply >= 400 && reply < 600) {
    if (reply < 500 || reply === 503 || code === 'EAUTH') return 'transient';
    return 'permanent';
  }
  if (code && NETWORK_CODES.has(code)) return 'transient';
  if (code === 'EENVELOPE' || code === 'EMESSAGE') return 'permanent';
  return 'transient';
}

/** The server's reply carried by an SMTP error, if it got one. */
export function smtpReplyOf(e: unknown): string | null {
  const response = (e as SmtpErrorShape | null)?.response;
  return typeof response === 'string' && response.length > 0 ? response : null;
}

/** One line for `last_error`: the code (and the system code under it) and the message, which includes any reply. */
export function describeSmtpError(e: unknown): string {
  if (typeof e !== 'object' || e === null) return String(e);
  const err = e as SmtpErrorShape;
  const codes = [err.code, err.originalCode].filter((c): c is string => typeof c === 'string' && c.length > 0);
  const message = typeof err.message === 'string' ? err.message : JSON.stringify(e);
  return codes.length ? `${codes.join('/')}: ${message}` : message;
}
