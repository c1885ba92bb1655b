import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl, type Query } from '../client';
import type { DeliveryStatus, Lang, LocalizedText, MatterKind, Stage } from './types';

/** The report shapes of libs/reports/src/model.ts, as the JSON answers carry them. */
export interface UnitRefOf {
  id: string;
  code: string;
  name: LocalizedText;
}

export interface MatterRef {
  id: string;
  code: string;
  title: LocalizedText;
  batch: { code: string; title: LocalizedText };
  leadingUnit: UnitRefOf;
  kind: MatterKind;
  policyArea: { key: string; title: LocalizedText };
  stage: Stage;
  deliveryStatus: DeliveryStatus | null;
  url: string;
}

export interface ReportBase {
  title: LocalizedText;
  generatedAt: string;
  timeZone: string;
  checksum: string;
}

export type DocumentFormat = 'md' | 'html' | 'pdf';
export const DOCUMENT_FORMATS: DocumentFormat[] = ['md', 'html', 'pdf'];

/** A document link: the same endpoint with ?format=md|html|pdf&lang=…, opened or downloaded by the browser. */
export function reportDocumentUrl(path: string, format: DocumentFormat, lang: Lang, query: Query = {}): string {
  return buildUrl(path, { ...query, format, lang });
}

// --- unit scorecard

export interface UnitScorecard extends ReportBase {
  kind: 'scorecard';
  period: { from: string; to: string };
  asOf: string;
  rows: Array<{
    unit: UnitRefOf;
    matters: number;
    open: number;
    deadlinesDue: number;
    metOnTime: number;
    onScheduleRate: number | null;
    averageDaysOverdue: number | null;
    urgeNotices: { received: number; acknowledgedInTime: number; acknowledgedLate: number; unanswered: number };
  }>;
}

export interface PeriodQuery {
  from: string;
  to: string;
}

export function useScorecard(q: PeriodQuery) {
  return useQuery({
    queryKey: ['reports', 'scorecard', q.from, q.to],
    queryFn: ({ signal }) => api.get<UnitScorecard>('/reports/scorecard', { from: q.from, to: q.to }, { signal }),
    placeholderData: keepPreviousData,
  });
}

// --- replication of experience

export interface TargetResult {
  indicator: LocalizedText;
  unit: string;
  baseline: number | null;
  targetValue: number;
  byDate: string;
  actualValue: number | null;
  met: boolean | null;
  evidence: { text: string; links: string[] };
}

export interface ExperienceEntry {
  id: string;
  matter: MatterRef;
  title: LocalizedText;
  practice: LocalizedText;
  conditions: LocalizedText;
  regions: string[];
  fields: string[];
  contactUnit: UnitRefOf;
  recordedAt: string;
  evaluation: {
    evaluator: { name: string; unit: UnitRefOf };
    loggedAt: string;
    narrative: string;
    scores: Array<{ criterion: string; score: number }>;
    averageScore: number;
    results: TargetResult[];
  };
}

export interface ReplicationReport extends ReportBase {
  kind: 'replication';
  number: number | null;
  issuedAt: string | null;
  issuedBy: { name: string; unit: UnitRefOf } | null;
  rubric: Array<{ key: string; title: LocalizedText; min: number; max: number }>;
  groups: Array<{ policyArea: { key: string; title: LocalizedText }; experiences: ExperienceEntry[] }>;
  total: number;
}

export interface ReplicationSummary {
  number: number;
  title: LocalizedText;
  issuedAt: string;
  issuedBy: string;
  experienceCount: number;
  checksum: string;
}

const replicationKeys = {
  all: ['replication'] as const,
  list: ['replication', 'list'] as const,
  draft: ['replication', 'draft'] as const,
  one: (n: number) => ['replication', 'issued', n] as const,
};

export function useReplicationList() {
  return useQuery({
    queryKey: replicationKeys.list,
    queryFn: ({ signal }) => api.get<ReplicationSummary[]>('/replication-reports', undefined, { signal }),
  });
}

export function useReplicationDraft(enabled = true) {
  return useQuery({
    queryKey: replicationKeys.draft,
    queryFn: ({ signal }) => api.get<ReplicationReport>('/replication-reports/draft', undefined, { signal }),
    enabled,
  });
}

export function useReplicationReport(n: number) {
  return useQuery({
    queryKey: replicationKeys.one(n),
    queryFn: ({ signal }) => api.get<ReplicationReport>(`/replication-reports/${n}`, undefined, { signal }),
    enabled: Number.isInteger(n) && n > 0,
    retry: false,
  });
}

export function useIssueReplication() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (title?: LocalizedText) => api.post<ReplicationReport>('/replication-reports', title ? { title } : {}),
    onSuccess: (report) => {
      if (report.number) qc.setQueryData(replicationKeys.one(report.number), report);
      void qc.invalidateQueries({ queryKey: replicationKeys.all });
    },
  });
}
