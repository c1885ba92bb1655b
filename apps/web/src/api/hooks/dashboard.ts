import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../client';
import type { DeliveryStatus, Lang, Stage } from './types';
import type { MatterRef, ReportBase, UnitRefOf } from './reports';
import { reportDocumentUrl } from './reports';

/** GET /reports/progress: libs/reports/src/model.ts ProgressReport. */
export interface DeadlineRef {
  kind: 'stage' | 'approval_step' | 'milestone' | 'progress_report' | 'urge_notice';
  title: { zh?: string; en?: string };
  dueAt: string;
}

export interface ProgressReport extends ReportBase {
  kind: 'progress';
  period: { from: string; to: string };
  asOf: string;
  unit: UnitRefOf | null;
  totals: { matters: number; byStage: Record<Stage, number>; byStatus: Record<DeliveryStatus, number> };
  units: Array<{
    unit: UnitRefOf;
    matters: number;
    byStatus: Record<DeliveryStatus, number>;
    deadlinesDue: number;
    metOnTime: number;
    onScheduleRate: number | null;
  }>;
  overdue: Array<{ matter: MatterRef; deadline: DeadlineRef; daysOverdue: number; escalationLevel: number }>;
  upcoming: Array<{ matter: MatterRef; deadline: DeadlineRef; daysLeft: number }>;
  upcomingWindowDays: number;
  milestonesCompleted: Array<{
    matter: MatterRef;
    milestone: { title: { zh?: string; en?: string }; dueAt: string; completedAt: string; onTime: boolean };
  }>;
}

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
