import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../client';
import type { components } from '../schema';
import type { Lang } from './types';
import { reportDocumentUrl } from './reports';

/** GET /reports/progress (libs/reports/src/model.ts ProgressReport). */
export type ProgressReport = components['schemas']['ProgressReport'];
export type DeadlineRef = ProgressReport['overdue'][number]['deadline'];

export interface ProgressQuery {
  /** YYYY-MM-DD, inclusive, read in the report zone. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
  unitId?: string;
}

export function useProgressReport(q: ProgressQuery, enabled = true) {
  return useQuery({
    queryKey: ['reports', 'progress', q.from, q.to, q.unitId ?? null],
    queryFn: ({ signal }) => api.get<ProgressReport>('/reports/progress', { from: q.from, to: q.to, unitId: q.unitId }, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const progressDocumentUrl = (q: ProgressQuery, format: 'md' | 'html' | 'pdf', lang: Lang) =>
  reportDocumentUrl('/reports/progress', format, lang, { from: q.from, to: q.to, unitId: q.unitId });
