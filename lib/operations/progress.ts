/**
 * A determinate progress value (0–100) for a long-running operation such as a
 * merchant data deletion, from what the API says of it: `pending` until about
 * half-way, `in_progress` for the second half (SPEC §5.11), `completed` at the
 * end. The second half's length is estimated from the first's (the time from
 * creation to the switch to in_progress), so the bar moves steadily and never
 * claims to be done before the API says so.
 */
export interface OperationTimes {
  status: string;
  created_at: string;
  updated_at: string;
}

export function operationProgress(op: OperationTimes, now: Date): number {
  if (op.status === "completed" || op.status === "failed") return 100;
  const created = Date.parse(op.created_at);
  const elapsed = Math.max(0, now.getTime() - created);
  if (op.status === "in_progress") {
    const half = Math.max(1, Date.parse(op.updated_at) - created);
    return Math.min(95, Math.round(50 + (50 * (now.getTime() - Date.parse(op.updated_at))) / half));
  }
  // Pending: creep towards 45 % (a minute at most), without knowing the total.
  return Math.min(45, Math.round(5 + 40 * (1 - Math.exp(-elapsed / 20_000))));
}
