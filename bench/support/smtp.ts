/**
 * An SMTP server for benchmarks: accepts every message with 250 and records, per
 * message, the delivery key (the X-Reformflow-Delivery header) and the wall-clock time
 * of the 250. Unlike the tests' server it does not parse messages (mailparser would
 * cost more CPU than the system under test at thousands of mails a second).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { onCleanup } from './run.js';

export interface Accepted {
  key: string;
  /** Date.now() when the 250 was given. */
  at: number;
  bytes: number;
}

export interface BenchSmtp {
  port: number;
  accepted: Accepted[];
  /** Delivery keys accepted more than once (an exactly-once failure). */
  duplicates(): string[];
  close(): Promise<void>;
}

const HEADER = /^x-reformflow-delivery:[ \t]*([^\r\n]+)/im;

export async function benchSmtp(): Promise<BenchSmtp> {
  const accepted: Accepted[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // the bench's own server should cost as little as it can: no reverse DNS per connection
    disableReverseLookup: true,
    logger: false,
    size: 50 * 1024 * 1024,
    maxClients: 1000,
    closeTimeout: 1_000,
    onData(stream, _session, callback) {
      let head = '';
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (head.length < 16_384 && !head.includes('\r\n\r\n')) head += chunk.toString('latin1');
      });
      stream.on('error', (e: Error) => callback(e));
      stream.on('end', () => {
        // unfolded: nodemailer folds a long header onto the next line
        const headers = head.slice(0, head.indexOf('\r\n\r\n') >>> 0).replace(/\r\n[ \t]+/g, ' ');
        const key = HEADER.exec(headers)?.[1]?.trim() ?? '(none)';
        accepted.push({ key, at: Date.now(), bytes });
        callback(null, 'OK: queued');
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => undefined);
  const smtp: BenchSmtp = {
    port: (server.server.address() as AddressInfo).port,
    accepted,
    duplicates() {
      const seen = new Set<string>();
      const twice = new Set<string>();
      for (const a of accepted) (seen.has(a.key) ? twice : seen).add(a.key);
      return [...twice];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  onCleanup('stop the SMTP server', () => smtp.close());
  return smtp;
}
