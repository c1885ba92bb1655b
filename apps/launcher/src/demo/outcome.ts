/**
 * Whether the demo did what it says: every scenario step reached its expected state, the
 * report lists the replicable matters, and mail of each kind was captured. Written to
 * `<out>/demo/outcome.json`; `--once` exits 1 when it is not ok.
 */
import { writeFileSync } from 'node:fs';
import type { MailKind } from './mail-catcher.js';
import type { LiveResult } from './live.js';
import type { ReportRecord, StepRecord } from './scenario.js';

/** The kinds of mail the scenario causes, each at least once. */
export const EXPECTED_MAIL_KINDS: MailKind[] = [
  'approval-requested',
  'decision-made',
  'deadline-reminder',
  'deadline-escalation',
  'urge-notice',
  'urge-acknowledged',
  'evaluation-requested',
  'evaluation-logged',
  'replication-report-issued',
];

export interface Outcome {
  ok: boolean;
  problems: string[];
  /** The scenario, from its first request to the report. */
  seconds: number;
  /** Finding services, preparing the database, starting api and worker. */
  setupSeconds: number;
  services: Record<string, string>;
  steps: StepRecord[];
  report: ReportRecord;
  /** The matters left open after the stories, and what each demo account's inbox holds. */
  live: LiveResult;
  mail: {
    /** Where the .eml files are; null when mail went to a configured SMTP server. */
    dir: string | null;
    count: number;
    kinds: Record<string, number>;
    missingKinds: string[];
    files: string[];
  };
}

export function judge(input: Omit<Outcome, 'ok' | 'problems' | 'mail'> & { mail: Omit<Outcome['mail'], 'missingKinds'> }): Outcome {
  const problems: string[] = [];
  const failed = input.steps.filter((s) => !s.ok);
  for (const s of failed) problems.push(`${s.matter} ${s.label}: expected ${s.expected}, got ${s.actual}`);
  if (!input.report.ok && !failed.some((s) => s.story === 'replication report'))
    problems.push(`replication report: ${input.report.problem ?? 'not issued'}`);
  for (const r of input.live.matters.filter((x) => !x.ok)) {
    problems.push(
      r.actual !== r.expected
        ? `${r.matter} (left open): expected ${r.expected}, got ${r.actual}`
        : `${r.matter} (left open) is not in the inbox of ${r.inbox?.email} as ${r.inbox?.kind}`,
    );
  }
  const missingKinds = EXPECTED_MAIL_KINDS.filter((k) => !input.mail.kinds[k]);
  if (missingKinds.length) problems.push(`no mail of kind ${missingKinds.join(', ')}`);
  if (input.mail.dir !== null && input.mail.files.length !== input.mail.count) {
    problems.push(`${input.mail.count} mails captured but ${input.mail.files.length} files saved`);
  }
  return { ...input, ok: problems.length === 0, problems, mail: { ...input.mail, missingKinds } };
}

export function writeOutcome(file: string, outcome: Outcome): void {
  writeFileSync(file, `${JSON.stringify(outcome, null, 2)}\n`);
}
