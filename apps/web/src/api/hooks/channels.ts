import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../client';
import { keys } from '../keys';
import type { DeliveryPage, Lang, RobotKind, UnitChannel } from './types';

export const ROBOT_KINDS: RobotKind[] = ['wecom', 'dingtalk'];

export interface UnitChannelInput {
  /** Left out keeps the stored webhook. */
  webhookUrl?: string;
  /** 钉钉 only; left out keeps the stored secret. */
  secret?: string;
  language: Lang;
  enabled: boolean;
}

/** A unit's group robots, credentials masked (GET /units/:id/channels). */
export function useUnitChannels(unitId: string) {
  return useQuery({
    queryKey: keys.unitChannels(unitId),
    queryFn: ({ signal }) => api.get<UnitChannel[]>(`/units/${unitId}/channels`, undefined, { signal }),
  });
}

/** What was posted to one robot, newest first; refreshed every few seconds while a message may still be on its way. */
export function useUnitChannelLog(unitId: string, kind: RobotKind, enabled: boolean) {
  return useQuery({
    queryKey: keys.unitChannelLog(unitId, kind),
    enabled,
    queryFn: ({ signal }) => api.get<DeliveryPage>(`/units/${unitId}/channels/${kind}/deliveries`, { pageSize: 5 }, { signal }),
    refetchInterval: (q) => (q.state.data?.items.some((d) => !['sent', 'failed', 'cancelled'].includes(d.state)) ? 2_000 : false),
  });
}

export function usePutUnitChannel(unitId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, ...body }: UnitChannelInput & { kind: RobotKind }) =>
      api.put<UnitChannel>(`/units/${unitId}/channels/${kind}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.unitChannels(unitId) }),
  });
}

export function useDeleteUnitChannel(unitId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (kind: RobotKind) => api.delete(`/units/${unitId}/channels/${kind}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.unitChannels(unitId) }),
  });
}

export function useTestUnitChannel(unitId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (kind: RobotKind) => api.post<{ deliveryId: string }>(`/units/${unitId}/channels/${kind}/test`),
    onSuccess: (_, kind) => qc.invalidateQueries({ queryKey: keys.unitChannelLog(unitId, kind) }),
  });
}
