const DAY_MS = 86_400_000;

/**
 * Whole days a deadline is overdue at `now` (4 d 2 h late → 4; less than a day late → 0, which
 * the web app says as "overdue"). The inbox (GET /me/tasks) and the progress report (the
 * dashboard and its documents) both use this function, so a deadline reads the same in both.
 */
export function daysOverdue(dueAt: Date | number, now: Date | number): number {
  const late = +now - +dueAt;
  return late > 0 ? Math.floor(late / DAY_MS) : 0;
}
