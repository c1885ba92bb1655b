import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../client';
import { keys } from '../keys';
import { onBehalfOfIn } from '../onBehalfOf';
import type { DeputyPeriod } from './types';

export interface NameDeputyInput {
  deputyId: string;
  startsAt: string;
  endsAt: string;
  reason: string;
  keepCopy: boolean;
}

/**
 * 委托代理 periods: the signed-in person's (userId omitted: who stands in for them and for whom
 * they stand in), or another person's (an admin or the reform office).
 */
export function useDeputies(userId?: string, enabled = true) {
  return useQuery({
    queryKey: keys.deputies(userId ?? 'me'),
    queryFn: () => api.get<DeputyPeriod[]>(userId ? `/users/${userId}/deputies` : '/me/deputies'),
    enabled,
  });
}

/** Names a deputy for the signed-in person, or for `userId` (an admin or the reform office). */
export function useNameDeputy(userId?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NameDeputyInput) => api.post<DeputyPeriod>(userId ? `/users/${userId}/deputies` : '/me/deputies', body),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['deputies'] });
      await qc.invalidateQueries({ queryKey: keys.tasks });
    },
  });
}

/** Ends a period now. */
export function useEndDeputy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (periodId: string) => api.post<DeputyPeriod>(`/deputies/${periodId}/end`),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['deputies'] });
      await qc.invalidateQueries({ queryKey: keys.tasks });
    },
  });
}

/** The absent person this page acts for (`?onBehalfOf=<id>`), or null in one's own name. */
export function useOnBehalfOf(): string | null {
  const [params] = useSearchParams();
  return onBehalfOfIn(params);
}
