import { useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { keys } from '../keys';
import type { Batch, Definition, DirectoryUser, Unit } from './types';

const HOUR = 3_600_000;

export function useUnits() {
  return useQuery({ queryKey: keys.units, queryFn: () => api.get<Unit[]>('/units'), staleTime: HOUR });
}

/** A unit by id, from the cached units list. */
export function useUnitMap(): Map<string, Unit> {
  const { data } = useUnits();
  return new Map((data ?? []).map((u) => [u.id, u]));
}

export function useBatches() {
  return useQuery({
    queryKey: keys.batches,
    queryFn: async () => {
      const res = await api.get<Batch[] | { items: Batch[] }>('/batches');
      return Array.isArray(res) ? res : res.items;
    },
    staleTime: HOUR,
  });
}

export function useDefinitions() {
  return useQuery({
    queryKey: keys.definitions,
    queryFn: async () => {
      const res = await api.get<Definition[] | { items: Definition[] }>('/workflows');
      return Array.isArray(res) ? res : res.items;
    },
    staleTime: HOUR,
  });
}

export function useDirectoryUsers(role?: 'evaluator' | 'manager', unitId?: string, enabled = true) {
  return useQuery({
    queryKey: keys.directoryUsers(role, unitId),
    queryFn: async () => {
      const res = await api.get<DirectoryUser[] | { items: DirectoryUser[] }>('/directory/users', { role, unitId });
      return Array.isArray(res) ? res : res.items;
    },
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** A person's display name by id, from the directory (empty until it loads or when unknown). */
export function useUserNames(): (id: string | null | undefined) => string {
  const { data } = useDirectoryUsers();
  const map = new Map((data ?? []).map((u) => [u.id, u.displayName]));
  return (id) => (id ? (map.get(id) ?? '') : '');
}
