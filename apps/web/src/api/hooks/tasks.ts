import { useQuery } from '@tanstack/react-query';
import { api } from '../client';
import { keys } from '../keys';
import type { DonePage, TaskList } from './types';

/** What awaits me; refreshed every minute and whenever the window regains focus. */
export function useMyTasks(enabled = true) {
  return useQuery({
    queryKey: keys.tasks,
    queryFn: () => api.get<TaskList>('/me/tasks'),
    enabled,
    refetchInterval: 60_000,
  });
}

export function useMyDone(page: number, pageSize = 20) {
  return useQuery({
    queryKey: keys.done(page, pageSize),
    queryFn: () => api.get<DonePage>('/me/done', { page, pageSize }),
    placeholderData: (prev) => prev,
  });
}
