/**
 * The demo's mail server: a real SMTP peer in this process (`smtp-server`) that accepts
 * every message, saves it as an .eml file under `dir` and tells the demo, which prints
 * one line per message. Used unless SMTP settings are given.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  /** Order of arrival, from 1. */
  n: number;
  file: string;
  to: string[];
  subject: string;
  /** The X-Reformflow-Delivery header: which delivery this is. */
  deliveryKey: string | null;
  kind: MailKind | null;
}

export type MailKind =
  | 'approval-requested'
  | 'decision-made'
  | 'deadline-reminder'
  | 'deadline-escalation'
  | 'urge-notice'
  | 'urge-acknowledgement-request'
  | 'urge-acknowledged'
  | 'evaluation-requested'
  | 'evaluation-logged'
  | 'manager-reassigned'
  | 'replication-report-issued'
  | 'progress-report'
  | 'deadline-changed'
  | 'delivery-failed'
  | 'digest';

/** Subject prefixes of each template, in both languages (libs/notifications/locales). Order matters: the first match wins. */
const SUBJECTS: Array<[MailKind, RegExp]> = [
  ['approval-requested', /^(【待审批】|\[Approval requested\])/],
  ['decision-made', /^(【审批结果|\[Decision)/],
  ['deadline-reminder', /^(【到期提醒】|\[Reminder\])/],
  ['deadline-escalation', /^(【逾期督办|\[Overdue)/],
  ['urge-acknowledged', /^(【催办已确认】|\[Urge notice acknowledged\])/],
  ['urge-acknowledgement-request', /^(【催办未确认|【催办待确认】|\[Urge notice unacknowledged|\[Urge notice: please acknowledge\])/],
  ['urge-notice', /^(【催办】|\[Urge notice\])/],
  ['evaluation-requested', /^(【评估请求】|\[Evaluation requested\])/],
  ['evaluation-logged', /^(【评估结论】|\[Evaluation logged\])/],
  ['manager-reassigned', /^(【事项移交】|\[Matter handed over\])/],
  ['replication-report-issued', /^(【复制推广】|\[Replication report\])/],
  ['progress-report', /^(【实施进展报告】|\[Progress report\])/],
  ['delivery-failed', /^(【邮件投递失败】|\[Mail not delivered\])/],
  ['digest', /^(【每日汇总】|\[Daily digest\])/],
  ['deadline-changed', /^(【[^】]+】|\[[^\]]+\])/],
];

export function kindOfSubject(subject: string): MailKind | null {
  return SUBJECTS.find(([, re]) => re.test(subject))?.[0] ?? null;
}

export interface MailCatcher {
  host: string;
  port: number;
  dir: string;
  mails: CaughtMail[];
  close(): Promise<void>;
}

const addresses = (v: AddressObject | AddressObject[] | undefined): string[] =>
  (v === undefined ? [] : Array.isArray(v) ? v : [v]).flatMap((a) => a.value.map((x) => x.address ?? '').filter(Boolean));

/** Starts the server on a free loopback port; empties `dir` of earlier runs' .eml files first. */
export async function startMailCatcher(dir: string, onMail: (mail: CaughtMail) => void): Promise<MailCatcher> {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (name.endsWith('.eml')) rmSync(join(dir, name));
  const mails: CaughtMail[] = [];
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 50 * 1024 * 1024,
    closeTimeout: 1_000,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (e: Error) => callback(e));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const n = ++received;
        simpleParser(raw).then(
          (parsed) => {
            const subject = parsed.subject ?? '';
            const kind = kindOfSubject(subject);
            const file = join(dir, `${String(n).padStart(4, '0')}-${kind ?? 'mail'}.eml`);
            writeFileSync(file, raw);
            const key = parsed.headers.get('x-reformflow-delivery');
            const mail: CaughtMail = {
              n,
              file,
              to: addresses(parsed.to),
              subject,
              deliveryKey: typeof key === 'string' ? key : null,
              kind,
            };
            mails.push(mail);
            onMail(mail);
            callback(null, `OK: saved as ${file}`);
          },
          (e: unknown) => callback(Object.assign(new Error(`cannot parse the message: ${String(e)}`), { responseCode: 451 })),
        );
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
  return {
    host: '127.0.0.1',
    port: (server.server.address() as AddressInfo).port,
    dir,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
