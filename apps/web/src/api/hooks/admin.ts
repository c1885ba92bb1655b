import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../client';
import { keys } from '../keys';
import type { Lang, LocalizedText, Role, Unit, UserView } from './types';

export const UNIT_KINDS = ['municipal_bureau', 'district', 'provincial', 'national', 'leading_group', 'reform_office'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const ROLES: Role[] = ['admin', 'reform_office', 'approver', 'manager', 'evaluator'];

export interface UnitInput {
  code: string;
  name: LocalizedText;
  kind: UnitKind;
  parentId: string | null;
}

export interface UserInput {
  email: string;
  displayName: string;
  password: string;
  roles: Role[];
  unitId: string;
  locale?: Lang;
  timeZone?: string;
}

export type UserPatch = Partial<
  Pick<UserView, 'displayName' | 'roles' | 'unitId' | 'locale' | 'timeZone' | 'active' | 'notificationMode' | 'digestTime'> & {
    password: string;
  }
>;

const usersKey = ['admin', 'users'] as const;

export function useAdminUsers() {
  return useQuery({ queryKey: usersKey, queryFn: ({ signal }) => api.get<UserView[]>('/users', undefined, { signal }) });
}

export function useCreateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UnitInput) => api.post<Unit>('/units', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.units }),
  });
}

export function useUpdateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<UnitInput> & { id: string }) => api.patch<Unit>(`/units/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.units }),
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UserInput) => api.post<UserView>('/users', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UserPatch & { id: string }) => api.patch<UserView>(`/users/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: usersKey }),
  });
}
