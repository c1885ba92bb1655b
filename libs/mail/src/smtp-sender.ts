import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { Readable } from 'node:stream';

/**
 * SMTP with one extra guarantee: `onEndOfData` runs the moment the message's
 * terminating "." has been handed to the socket, before the server's reply.
 *
 * Why: a server accepts a message when that dot arrives, and says so with a 250 some
 * time later. A sender that records "sent" only when the 250 has been read leaves a
 * window — as long as its event loop takes to get round to the reply, milliseconds
 * under load — in which it can die with the mail accepted but not recorded, and send it
 * again. Recording at end-of-data (DeliverMail commits its prepared transaction there)
 * closes that window: the server cannot have accepted before the dot, and the commit
 * follows the dot within the same run of ticks, with no I/O in between.
 *
 * nodemailer's transports have no such hook, so this drives nodemailer's own
 * SMTPConnection (TLS, STARTTLS, AUTH, timeouts stay nodemailer's) with messages built
 * by nodemailer's MailComposer, and observes one internal: the per-message DATA stream
 * that SMTPConnection creates in `_createSendStream`. `endOfDataHookAvailable()` and
 * the unit test guard it against a nodemailer release that changes it.
 */
export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
  /** Per connect, greeting and socket idle, and the bound on one whole send. */
  timeoutMs: number;
  /** Keep connections open between messages, at most `maxConnections` of them. */
  pool: boolean;
  maxConnections: number;
}

export interface ComposedMail {
  /** An address, or an address with the display name the recipient sees. */
  from: string | { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** With its angle brackets. */
  messageId: string;
  headers?: Record<string, string>;
  /** An iCalendar event; nodemailer adds the text/calendar part and its attachment. */
  icalEvent?: { method: string; content: string; filename?: string };
  /** Files carried as attachments (a scheduled report's PDF). */
  attachments?: Array<{ filename: string; contentType: string; content: Buffer }>;
}

export interface SendHooks {
  /** Runs once the terminating dot is in the socket: from here the server may accept the message. */
  onEndOfData?: () => void;
}

export interface SmtpResult {
  /** The server's reply to the end of data, such as `250 2.0.0 Ok: queued as …`. */
  response: string;
  messageId: string;
}

interface Internals {
  _createSendStream?: (callback: (...args: unknown[]) => void) => Readable;
  _socket?: { writableLength: number; once(event: 'drain', listener: () => void): void };
}

/** Whether this nodemailer still creates its DATA stream where the end-of-data hook looks for it. */
export function endOfDataHookAvailable(): boolean {
  return typeof (SMTPConnection.prototype as unknown as Internals)._createSendStream === 'function';
}

interface Idle {
  connection: SMTPConnection;
  /** Takes the connection out of the pool if the server drops it while idle. */
  drop: () => void;
}

export class SmtpSender {
  private readonly idle: Idle[] = [];
  private closed = false;

  constructor(private readonly settings: SmtpSettings) {
    if (!endOfDataHookAvailable()) {
      throw new Error('nodemailer no longer has SMTPConnection._createSendStream: see libs/mail/src/smtp-sender.ts before upgrading it');
    }
  }

  async send(mail: ComposedMail, hooks: SendHooks = {}): Promise<SmtpResult> {
    const message = new MailComposer({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
      messageId: mail.messageId,
      headers: mail.headers ?? {},
      ...(mail.icalEvent ? { icalEvent: mail.icalEvent } : {}),
      ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
    }).compile();
    const connection = await this.acquire();
    let reusable = false;
    try {
      const response = await this.transmit(connection, message.getEnvelope(), message.createReadStream(), hooks);
      reusable = true;
      return { response, messageId: mail.messageId };
    } finally {
      this.release(connection, reusable);
    }
  }

  close(): void {
    this.closed = true;
    for (const { connection } of this.idle.splice(0)) connection.quit();
  }

  private transmit(connection: SMTPConnection, envelope: SMTPConnection.Envelope, stream: Readable, hooks: SendHooks): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      let settled = false;
      const settle = (err: Error | null, response?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        connection.removeListener('error', onError);
        connection.removeListener('end', onEnd);
        if (err) reject(err);
        else resolve(response ?? '');
      };
      const onError = (err: Error) => settle(err);
      const onEnd = () => settle(Object.assign(new Error('the SMTP server closed the connection'), { code: 'ECONNECTION' }));
      const timer = setTimeout(() => {
        settle(Object.assign(new Error(`the SMTP send took longer than ${this.settings.timeoutMs} ms`), { code: 'ETIMEDOUT' }));
        connection.close();
      }, this.settings.timeoutMs);
      connection.once('error', onError);
      connection.once('end', onEnd);
      if (hooks.onEndOfData) this.hookEndOfData(connection, hooks.onEndOfData);
      connection.send(envelope, stream, (err, info) => settle(err, info ? String(info.response ?? '') : undefined));
    });
  }

  /** Wraps the next DATA stream of this connection: when it ends, the dot has been written to the socket. */
  private hookEndOfData(connection: SMTPConnection, hook: () => void): void {
    const internals = connection as unknown as Internals;
    const create = internals._createSendStream!;
    internals._createSendStream = (callback) => {
      delete internals._createSendStream; // one message only: the prototype's again
      const data = create.call(connection, callback);
      data.once('end', () => {
        // the dot may still sit in Node's buffer if the kernel's was full: wait until it is the kernel's
        const socket = internals._socket;
        if (socket && socket.writableLength > 0) socket.once('drain', hook);
        else hook();
      });
      return data;
    };
  }

  private async acquire(): Promise<SMTPConnection> {
    const pooled = this.idle.pop();
    if (pooled) {
      pooled.connection.removeListener('end', pooled.drop);
      pooled.connection.removeListener('error', pooled.drop);
      return pooled.connection;
    }
    const connection = new SMTPConnection({
      host: this.settings.host,
      port: this.settings.port,
      secure: this.settings.secure,
      connectionTimeout: this.settings.timeoutMs,
      greetingTimeout: this.settings.timeoutMs,
      socketTimeout: this.settings.timeoutMs,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        connection.once('error', reject);
        connection.connect(() => {
          connection.removeListener('error', reject);
          resolve();
        });
      });
      if (this.settings.auth) {
        const auth = this.settings.auth;
        await new Promise<void>((resolve, reject) =>
          connection.login({ user: auth.user, pass: auth.pass }, (err) => (err ? reject(err) : resolve())),
        );
      }
      return connection;
    } catch (e) {
      connection.close();
      throw e;
    }
  }

  private release(connection: SMTPConnection, reusable: boolean): void {
    if (!reusable || !this.settings.pool || this.closed || this.idle.length >= this.settings.maxConnections) {
      if (reusable) connection.quit();
      else connection.close();
      return;
    }
    connection.reset((err) => {
      if (err || this.closed) {
        connection.close();
        return;
      }
      const entry: Idle = {
        connection,
        drop: () => {
          const i = this.idle.indexOf(entry);
          if (i >= 0) this.idle.splice(i, 1);
        },
      };
      connection.once('end', entry.drop);
      connection.once('error', entry.drop);
      this.idle.push(entry);
    });
  }
}
