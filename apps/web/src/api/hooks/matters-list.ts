import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from '../client';
import { keys } from '../keys';
import type { components } from '../schema';
import type { DeliveryStatus, Lang, Stage } from './types';

type Schemas = components['schemas'];

/** GET /matters; each matter with its delivery status now (null for closed matters). */
export type MatterPage = Schemas['MatterPage'];
export type MatterSummary = MatterPage['items'][number];

export const MATTER_SORT_KEYS = ['code', 'stage', 'nextDueAt', 'updatedAt', 'createdAt'] as const;
export type MatterSortKey = (typeof MATTER_SORT_KEYS)[number];

/** The list's filters exactly as the API (and the page's URL) names them. */
export interface MatterListQuery {
  batchId?: string;
  stage?: Stage[];
  leadingUnitId?: string;
  deliveryStatus?: DeliveryStatus;
  overdue?: boolean;
  q?: string;
  page: number;
  pageSize: number;
  /** A sort key, with a leading - for descending. */
  sort: string;
}

function apiQuery(q: Omit<MatterListQuery, 'page' | 'pageSize' | 'sort'> & Partial<MatterListQuery>) {
  return {
    batchId: q.batchId,
    stage: q.stage?.length ? q.stage : undefined,
    leadingUnitId: q.leadingUnitId,
    deliveryStatus: q.deliveryStatus,
    overdue: q.overdue === undefined ? undefined : String(q.overdue),
    q: q.q,
    page: q.page,
    pageSize: q.pageSize,
    sort: q.sort,
  };
}

export function useMatterList(q: MatterListQuery) {
  const query = apiQuery(q);
  return useQuery({
    queryKey: keys.matterList(query),
    queryFn: ({ signal }) => api.get<MatterPage>('/matters', query, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /matters?format=csv with the list's filters (the whole list, not one page), in the reader's language, for a download link. */
export function mattersCsvUrl(q: MatterListQuery, lang: Lang): string {
  const { page: _page, pageSize: _pageSize, ...filters } = apiQuery(q);
  return buildUrl('/matters', { ...filters, format: 'csv', lang });
}

export type UrgedMatters = components['schemas']['UrgedMatters'];

/**
 * 批量催办: one message, one urge notice on each selected matter, all or none
 * (POST /matters/urge-notices); afterwards the lists, the inbox and each matter read again.
 */
export function useBulkUrge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { message: string; matters: Array<{ id: string; version: number }> }) =>
      api.post<UrgedMatters>('/matters/urge-notices', body),
    onSuccess: async (res) => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: keys.matters }),
        qc.invalidateQueries({ queryKey: keys.tasks }),
        ...res.items.map((m) => qc.invalidateQueries({ queryKey: keys.matter(m.id) })),
      ]);
    },
  });
}
