import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiProblem, api, markSignedIn } from '../client';
import { dropPrefetched } from '../prefetch';
import { keys } from '../keys';
import type { UserView } from './types';

/** The signed-in person; null when signed out (a 401 here does not redirect: the caller decides). */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async () => {
      try {
        const me = await api.get<UserView>('/me', undefined, { allowUnauthorized: true });
        markSignedIn(true);
        return me;
      } catch (e) {
        if (e instanceof ApiProblem && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api.post<{ user: UserView; expiresAt: string }>('/auth/session', body, { allowUnauthorized: true }),
    onSuccess: (res) => {
      markSignedIn(true);
      dropPrefetched();
      // forget what the last person saw; keep the queries themselves, which mounted pages observe
      qc.removeQueries({ predicate: (q) => q.queryKey.length !== 1 || q.queryKey[0] !== 'me' });
      qc.setQueryData(keys.me, res.user);
    },
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/auth/session', { allowUnauthorized: true }),
    onSettled: () => {
      markSignedIn(false);
      dropPrefetched();
      qc.removeQueries({ predicate: (q) => q.queryKey.length !== 1 || q.queryKey[0] !== 'me' });
      qc.setQueryData(keys.me, null);
    },
  });
}

export type MePatch = Partial<Pick<UserView, 'displayName' | 'locale' | 'timeZone' | 'notificationMode' | 'digestTime'>>;

export function useUpdateMe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MePatch) => api.patch<UserView>('/me', body),
    // the answer is the new /me, unit included
    onSuccess: (me) => qc.setQueryData<UserView | null>(keys.me, me),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post<void>('/me/password', body),
  });
}
