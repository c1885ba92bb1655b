/** Every TanStack Query key of the app, in one place, so invalidation hits what it means to. */
export const keys = {
  me: ['me'] as const,
  tasks: ['me', 'tasks'] as const,
  done: (page: number, pageSize: number) => ['me', 'done', page, pageSize] as const,
  units: ['units'] as const,
  /** A unit's group robots (企业微信 / 钉钉), and what was posted to one. */
  unitChannels: (unitId: string) => ['units', unitId, 'channels'] as const,
  unitChannelLog: (unitId: string, kind: string) => ['units', unitId, 'channels', kind, 'deliveries'] as const,
  batches: ['batches'] as const,
  definitions: ['definitions'] as const,
  directoryUsers: (role?: string, unitId?: string) => ['directory', 'users', role ?? null, unitId ?? null] as const,
  /** 委托代理: a person's periods ('me' for the signed-in person's own list). */
  deputies: (userId: string) => ['deputies', userId] as const,
  matters: ['matters'] as const,
  matterList: (query: Record<string, unknown>) => ['matters', 'list', query] as const,
  matter: (id: string) => ['matter', id] as const,
  matterPart: (id: string, part: 'actions' | 'timeline' | 'verify' | 'status' | 'trajectory' | 'deliveries') =>
    ['matter', id, part] as const,
};
