import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl, type Query } from '../client';
import type { components } from '../schema';
import type { Lang, LocalizedText } from './types';

/** The report shapes of libs/reports/src/model.ts, as the generated OpenAPI types give them. */
type Schemas = components['schemas'];

export type DocumentFormat = 'md' | 'html' | 'pdf';
export const DOCUMENT_FORMATS: DocumentFormat[] = ['md', 'html', 'pdf'];

/** A document link: the same endpoint with ?format=md|html|pdf&lang=…, opened or downloaded by the browser. */
export function reportDocumentUrl(path: string, format: DocumentFormat, lang: Lang, query: Query = {}): string {
  return buildUrl(path, { ...query, format, lang });
}

// --- unit scorecard

export type UnitScorecard = Schemas['UnitScorecard'];

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

export type ReplicationReport = Schemas['ReplicationReport'];
export type ExperienceEntry = ReplicationReport['groups'][number]['experiences'][number];
export type TargetResult = ExperienceEntry['evaluation']['results'][number];
export type ReplicationSummary = Schemas['ReplicationSummary'];
/** A higher authority's adoption of an experience, in the authority's own numbered batch. */
export type AdoptionEntry = NonNullable<ReplicationReport['adoptions']>['items'][number];
export type AdoptionInput = {
  authorityUnitId: string;
  batchNumber: number;
  issuedOn?: string | null;
  title?: LocalizedText | null;
  documentNumber?: string | null;
  action: 'adopted' | 'promoted';
  note?: string | null;
};

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

/** Records that a higher authority adopted or promoted an experience (reform office); the reports show it on their next read. */
export function useRecordAdoption() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ experienceId, ...body }: AdoptionInput & { experienceId: string }) =>
      api.post<Schemas['AdoptionView']>(`/experiences/${experienceId}/adoptions`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: replicationKeys.all }),
  });
}

// --- bulletins (情况通报)

export type Bulletin = Schemas['Bulletin'];
export type BulletinSummary = Schemas['BulletinSummary'];

const bulletinKeys = {
  all: ['bulletins'] as const,
  list: ['bulletins', 'list'] as const,
  draft: (q: PeriodQuery) => ['bulletins', 'draft', q.from, q.to] as const,
  one: (n: number) => ['bulletins', 'issued', n] as const,
};

export function useBulletinList() {
  return useQuery({
    queryKey: bulletinKeys.list,
    queryFn: ({ signal }) => api.get<BulletinSummary[]>('/bulletins', undefined, { signal }),
  });
}

/** What a bulletin of the period would say now (reform office). */
export function useBulletinDraft(q: PeriodQuery, enabled = true) {
  return useQuery({
    queryKey: bulletinKeys.draft(q),
    queryFn: ({ signal }) => api.get<Bulletin>('/bulletins/draft', { from: q.from, to: q.to }, { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useBulletin(n: number) {
  return useQuery({
    queryKey: bulletinKeys.one(n),
    queryFn: ({ signal }) => api.get<Bulletin>(`/bulletins/${n}`, undefined, { signal }),
    enabled: Number.isInteger(n) && n > 0,
    retry: false,
  });
}

export function useIssueBulletin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (q: PeriodQuery) => api.post<Bulletin>('/bulletins', { from: q.from, to: q.to }),
    onSuccess: (b) => {
      if (b.number) qc.setQueryData(bulletinKeys.one(b.number), b);
      void qc.invalidateQueries({ queryKey: bulletinKeys.all });
    },
  });
}
