import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiProblem, api, requestFull } from '../client';
import { keys } from '../keys';
import { onBehalfOfHeaders } from '../onBehalfOf';
import { useOnBehalfOf } from './deputies';
import type {
  AuditVerdict,
  Delivery,
  DeliveryPage,
  DeliveryStatusView,
  MatterActions,
  MatterView,
  TimelineEntry,
  MatterTrajectory,
} from './types';

const noRetryOn4xx = (count: number, e: unknown) => !(e instanceof ApiProblem && e.status >= 400 && e.status < 500) && count < 2;

export function useMatter(id: string) {
  return useQuery({ queryKey: keys.matter(id), queryFn: () => api.get<MatterView>(`/matters/${id}`), retry: noRetryOn4xx });
}

/** What the reader may do; on a page opened on behalf of someone (?onBehalfOf=), what that person may do. */
export function useMatterActions(id: string, enabled = true) {
  const onBehalfOf = useOnBehalfOf();
  return useQuery({
    queryKey: [...keys.matterPart(id, 'actions'), onBehalfOf],
    queryFn: () =>
      api.get<MatterActions>(`/matters/${id}/actions`, undefined, { headers: onBehalfOf ? onBehalfOfHeaders(onBehalfOf) : undefined }),
    enabled,
    retry: noRetryOn4xx,
  });
}

export function useTimeline(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.matterPart(id, 'timeline'),
    queryFn: async () => {
      return api.get<TimelineEntry[]>(`/matters/${id}/timeline`);
    },
    enabled,
    retry: noRetryOn4xx,
  });
}

export function useAuditVerify(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.matterPart(id, 'verify'),
    queryFn: () => api.get<AuditVerdict>(`/matters/${id}/audit/verify`),
    enabled,
    retry: noRetryOn4xx,
  });
}

export function useDeliveryStatus(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.matterPart(id, 'status'),
    queryFn: () => api.get<DeliveryStatusView>(`/matters/${id}/status`),
    enabled,
    retry: noRetryOn4xx,
  });
}

export function useTrajectory(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.matterPart(id, 'trajectory'),
    queryFn: async () => {
      const res = await api.get<MatterTrajectory>(`/matters/${id}/trajectory`);
      return res.targets;
    },
    enabled,
    retry: noRetryOn4xx,
  });
}

/** The mail log; a 403 (not the reform office or the leading unit) is `forbidden`, not an error. */
export function useDeliveries(id: string, enabled = true) {
  return useQuery({
    queryKey: keys.matterPart(id, 'deliveries'),
    queryFn: async (): Promise<{ forbidden: boolean; items: Delivery[] }> => {
      try {
        const res = await api.get<DeliveryPage>(`/matters/${id}/deliveries`, { pageSize: 200 });
        return { forbidden: false, items: res.items };
      } catch (e) {
        if (e instanceof ApiProblem && e.status === 403) return { forbidden: true, items: [] };
        throw e;
      }
    },
    enabled,
    retry: noRetryOn4xx,
  });
}

export interface MatterCommand {
  method: 'POST' | 'PATCH' | 'DELETE';
  /** Below /matters/:id, e.g. `/approve`, `/milestones/<mid>/complete`; '' for the matter itself. */
  path: string;
  body?: unknown;
  /** The version the person read. */
  version: number;
}

/**
 * A write on one matter: sends If-Match, puts the answer in the cache, refreshes what depends on it.
 * On a page opened on behalf of an absent person (?onBehalfOf=<id>, 委托代理) it carries On-Behalf-Of.
 */
export function useMatterCommand(id: string) {
  const qc = useQueryClient();
  const onBehalfOf = useOnBehalfOf();
  return useMutation({
    mutationFn: async (c: MatterCommand) =>
      (
        await requestFull<MatterView | undefined>(c.method, `/matters/${id}${c.path}`, {
          body: c.body ?? (c.method === 'DELETE' ? undefined : {}),
          version: c.version,
          headers: onBehalfOf ? onBehalfOfHeaders(onBehalfOf) : undefined,
        })
      ).data,
    onSuccess: async (view) => {
      if (view && typeof view === 'object' && 'id' in view) qc.setQueryData(keys.matter(id), view);
      await Promise.all([
        qc.invalidateQueries({ queryKey: keys.matter(id) }),
        qc.invalidateQueries({ queryKey: keys.tasks }),
        qc.invalidateQueries({ queryKey: ['me', 'done'] }),
        qc.invalidateQueries({ queryKey: keys.matters }),
      ]);
    },
    onError: async (e) => {
      // someone else changed it: fetch what they did, so the form can show it
      if (e instanceof ApiProblem && e.status === 409) await qc.invalidateQueries({ queryKey: keys.matter(id) });
    },
  });
}

export function useCreateMatter() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => api.post<MatterView>('/matters', body),
    onSuccess: async (view) => {
      qc.setQueryData(keys.matter(view.id), view);
      await qc.invalidateQueries({ queryKey: keys.matters });
    },
  });
}
