/**
 * The home chart's data: the console's writes per hour over the last 24 hours,
 * by outcome. Pure, so it is tested without a database; hours are UTC and the
 * last bucket is the current (partial) hour.
 */
export const OUTCOMES = ["success", "failure", "denied", "error"] as const;
export type ChartOutcome = (typeof OUTCOMES)[number];

export interface HourBucket {
  /** Start of the hour, ISO 8601 UTC. */
  hour: string;
  counts: Record<ChartOutcome, number>;
  total: number;
}

const HOUR = 3_600_000;

/** Audit actions that are not writes to merchants or privacy (sign-ins, exports). */
export function isWrite(action: string): boolean {
  return !action.startsWith("auth.") && !action.startsWith("audit.");
}

export function hourlyBuckets(
  entries: readonly { at: string; action: string; outcome: string }[],
  now: Date,
  hours = 24,
): HourBucket[] {
  const end = Math.floor(now.getTime() / HOUR) * HOUR;
  const start = end - (hours - 1) * HOUR;
  const buckets: HourBucket[] = Array.from({ length: hours }, (_, i) => ({
    hour: new Date(start + i * HOUR).toISOString(),
    counts: { success: 0, failure: 0, denied: 0, error: 0 },
    total: 0,
  }));
  for (const e of entries) {
    if (!isWrite(e.action)) continue;
    const t = Date.parse(e.at);
    const i = Math.floor((t - start) / HOUR);
    const bucket = buckets[i];
    if (!bucket || t > now.getTime()) continue;
    const outcome = (OUTCOMES as readonly string[]).includes(e.outcome) ? (e.outcome as ChartOutcome) : "error";
    bucket.counts[outcome] += 1;
    bucket.total += 1;
  }
  return buckets;
}

/** One sentence for assistive technology: the totals by outcome and the busiest hour. */
export function describeBuckets(buckets: readonly HourBucket[]): string {
  const totals = { success: 0, failure: 0, denied: 0, error: 0 };
  for (const b of buckets) for (const o of OUTCOMES) totals[o] += b.counts[o];
  const all = OUTCOMES.reduce((n, o) => n + totals[o], 0);
  if (all === 0) return "No writes in the last 24 hours.";
  const busiest = buckets.reduce((a, b) => (b.total > a.total ? b : a));
  return `${all} writes in the last 24 hours: ${totals.success} succeeded, ${totals.failure} failed, ${totals.denied} were denied, ${totals.error} ended in an error. The busiest hour began at ${busiest.hour.slice(11, 16)} UTC with ${busiest.total}.`;
}
