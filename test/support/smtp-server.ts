import type { AddressInfo } from 'node:net';
import { type AddressObject, type Attachment, type HeaderValue, type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/**
 * A real SMTP peer in this process, for tests and the demo: nodemailer talks SMTP to it
 * over loopback, and every message it accepts is parsed back with mailparser. Its
 * answer at the end of DATA is scripted per message: accept, or reply with any code
 * (451 to make the sender retry, 550 to make it give up), or greylist (`greylisting`).
 */

/** How to answer one message at the end of DATA: at once, or after holding the reply (a stalled server). */
export type SmtpReply = 'ok' | { code: number; message: string } | { holdMs: number; then?: 'ok' | { code: number; message: string } };

export interface ReceivedMail {
  /** Envelope (MAIL FROM, RCPT TO), which is what the server delivers by. */
  envelope: { from: string | null; to: string[] };
  from: string;
  /** The display name beside the From address, decoded. */
  fromName: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  /** With angle brackets, as in the header. */
  messageId: string | null;
  /** The `X-Reformflow-Delivery` header: the delivery key. */
  deliveryKey: string | null;
  /** Lower-case header names to their raw values (the last one when a header repeats). */
  headers: Record<string, string>;
  attachments: Attachment[];
  /** The text/calendar part (nodemailer's `icalEvent`), if any. */
  calendar: { method: string | null; content: string } | null;
  parsed: ParsedMail;
}

export interface RejectedMail {
  mail: ReceivedMail;
  reply: { code: number; message: string };
}

interface ServerState {
  messages: ReceivedMail[];
  rejected: RejectedMail[];
  /** Replies being held (a stalled server), cleared on close so no timer outlives the server. */
  holds: Set<NodeJS.Timeout>;
}

function answer(reply: SmtpReply, mail: ReceivedMail, index: number, record: ServerState) {
  return (callback: (err?: Error | null, message?: string) => void, wake: () => void): void => {
    if (typeof reply === 'object' && 'holdMs' in reply) {
      const hold = setTimeout(() => {
        record.holds.delete(hold);
        answer(reply.then ?? 'ok', mail, index, record)(callback, wake);
      }, reply.holdMs);
      record.holds.add(hold);
      return;
    }
    if (reply === 'ok') {
      // an MTA answers 250 once the message is safe in its queue; this one's queue is memory
      record.messages.push(mail);
      wake();
      callback(null, `OK: queued as test-${index}`);
    } else {
      record.rejected.push({ mail, reply });
      callback(Object.assign(new Error(reply.message), { responseCode: reply.code }));
    }
  };
}

/**
 * The replies of a greylisting server: the first attempt at each message `match` picks
 * (known by its delivery key, or its Message-ID) is answered 451, as greylisting MTAs
 * answer a sender they have not seen; its retries, and every other message, are accepted.
 */
export function greylisting(match: (mail: ReceivedMail) => boolean): (mail: ReceivedMail) => SmtpReply {
  const seen = new Set<string>();
  return (mail) => {
    const id = mail.deliveryKey ?? mail.messageId ?? '';
    if (!match(mail) || seen.has(id)) return 'ok';
    seen.add(id);
    return { code: 451, message: '4.7.1 Greylisted, try again later' };
  };
}

export interface StartSmtpServerOptions {
  /** Per message, in the order received (accepted and refused alike); messages past the end of a list are accepted. */
  replies?: SmtpReply[] | ((mail: ReceivedMail, index: number) => SmtpReply);
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
}

export interface TestSmtpServer {
  port: number;
  host: string;
  /** Messages accepted with 250, in order (a held reply counts when it is finally given). */
  messages: ReceivedMail[];
  /** Messages answered with an error at the end of DATA. */
  rejected: RejectedMail[];
  /** Resolves with the accepted messages once there are at least `count`; fails after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Accepted messages per delivery key (X-Reformflow-Delivery); more than one is a duplicate. */
  byDeliveryKey(): Map<string, number>;
  close(): Promise<void>;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '').filter(Boolean));
}

function rawHeaders(parsed: ParsedMail): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    out[key.toLowerCase()] = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  }
  return out;
}

function headerText(value: HeaderValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

type Envelope = Pick<SMTPServerSession['envelope'], 'mailFrom' | 'rcptTo'>;

async function toReceived(raw: Buffer, session: { envelope: Envelope }): Promise<ReceivedMail> {
  const parsed = await simpleParser(raw);
  const calendarPart = parsed.attachments.find((a) => a.contentType === 'text/calendar');
  const method = calendarPart ? /METHOD:([A-Z-]+)/.exec(calendarPart.content.toString('utf8'))?.[1] : undefined;
  const mailFrom = session.envelope.mailFrom;
  return {
    envelope: { from: mailFrom ? mailFrom.address : null, to: session.envelope.rcptTo.map((r) => r.address) },
    from: addresses(parsed.from)[0] ?? '',
    fromName: (Array.isArray(parsed.from) ? parsed.from[0] : parsed.from)?.value[0]?.name ?? '',
    to: addresses(parsed.to),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: parsed.html === false ? null : parsed.html,
    messageId: parsed.messageId ?? null,
    deliveryKey: headerText(parsed.headers.get('x-reformflow-delivery')),
    headers: rawHeaders(parsed),
    attachments: parsed.attachments,
    calendar: calendarPart ? { method: method ?? null, content: calendarPart.content.toString('utf8') } : null,
    parsed,
  };
}

export async function startSmtpServer(options: StartSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const rejected: RejectedMail[] = [];
  const waiters = new Set<() => void>();
  const holds = new Set<NodeJS.Timeout>();
  let received = 0;

  const replyFor = (mail: ReceivedMail, index: number): SmtpReply => {
    const { replies } = options;
    if (typeof replies === 'function') return replies(mail, index);
    return replies?.[index] ?? 'ok';
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    size: 50 * 1024 * 1024,
    logger: false,
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (e: Error) => callback(e));
      stream.on('end', () => {
        const index = received++;
        const raw = Buffer.concat(chunks);
        // the envelope is the session's until the next transaction: keep it with the message
        const envelope: Envelope = { mailFrom: session.envelope.mailFrom, rcptTo: [...session.envelope.rcptTo] };
        toReceived(raw, { envelope }).then(
          (mail) =>
            answer(replyFor(mail, index), mail, index, { messages, rejected, holds })(callback, () => {
              for (const wake of waiters) wake();
            }),
          (e: unknown) => callback(Object.assign(new Error(`cannot parse the message: ${String(e)}`), { responseCode: 451 })),
        );
      });
    },
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // keep a late socket error from crashing the test process
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    host,
    messages,
    rejected,
    waitFor(count, timeoutMs = 5_000) {
      if (messages.length >= count) return Promise.resolve(messages.slice());
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(messages.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${count} messages; received ${messages.length}`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    byDeliveryKey() {
      const counts = new Map<string, number>();
      for (const m of messages) if (m.deliveryKey) counts.set(m.deliveryKey, (counts.get(m.deliveryKey) ?? 0) + 1);
      return counts;
    },
    close() {
      for (const hold of holds) clearTimeout(hold);
      holds.clear();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
