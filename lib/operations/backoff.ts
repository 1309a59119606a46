/**
 * How often a running operation is polled: every second at first, then less
 * often (×1.5 per poll) up to about 10 s, with ±20 % jitter so many tabs do not
 * poll in step. A status change starts the schedule again (something is
 * happening, so look sooner).
 */
export const POLL_BASE_MS = 1000;
export const POLL_CAP_MS = 10_000;
const FACTOR = 1.5;
const JITTER = 0.2;

/** Delay before poll number `attempt` (0 = the first poll). `random` is in [0, 1). */
export function pollDelayMs(attempt: number, random: () => number = Math.random): number {
  const raw = Math.min(POLL_CAP_MS, POLL_BASE_MS * FACTOR ** Math.max(0, attempt));
  const jittered = raw * (1 - JITTER + 2 * JITTER * random());
  return Math.round(Math.min(POLL_CAP_MS * (1 + JITTER), Math.max(POLL_BASE_MS * (1 - JITTER), jittered)));
}

export const TERMINAL_STATUSES = new Set(["completed", "failed"]);

export function isTerminal(status: string): boolean {
  return TERMINAL_STATUSES.has(status);
}

export const STATUS_LABELS: Record<string, string> = {
  pending: "Pending",
  in_progress: "In progress",
  completed: "Completed",
  failed: "Failed",
  unknown: "Outcome unknown",
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}
