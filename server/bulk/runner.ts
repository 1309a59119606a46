import "server-only";
import { randomUUID } from "node:crypto";
import type { ConsoleDb } from "@/server/db/types";
import type { PartnershipsClient } from "@/server/partnerships/types";
import type { UpstreamLimiter } from "@/server/partnerships/upstream-limiter";
import { type DriveOutcome, driveJob, type EngineDeps } from "./engine";

/**
 * Runs bulk jobs in the background of this server process: the request that
 * starts a job returns at once, and the job goes on whether or not a browser
 * watches. One drive per job per process (the map), one per job across
 * instances (the lease, engine.ts). A job another instance holds is looked at
 * again after a lease period, so an instance that died is taken over. State
 * lives on globalThis because Next bundles route handlers separately.
 */
interface RunnerState {
  holder: string;
  active: Map<string, Promise<DriveOutcome>>;
  watching: Set<string>;
  swept: boolean;
  sweeper?: ReturnType<typeof setInterval>;
}
const g = globalThis as unknown as { __bulkRunner?: RunnerState };
function state(): RunnerState {
  g.__bulkRunner ??= {
    holder: `console-${process.pid}-${randomUUID()}`,
    active: new Map(),
    watching: new Set(),
    swept: false,
  };
  return g.__bulkRunner;
}

export type RunnerDeps = { db: ConsoleDb; client: PartnershipsClient; limiter: UpstreamLimiter } & Partial<
  Omit<EngineDeps, "db" | "client" | "limiter">
>;

/**
 * How often a job another instance holds is looked at again: one lease statement
 * each time, so an abandoned job is taken over within seconds of its lease
 * lapsing (the lease TTL, 15 s, after the dead instance's last renewal).
 */
const RECHECK_MS = 3_000;
/** How often every running job is swept again, so a job created on another instance is watched here too. */
const SWEEP_MS = 15_000;

export function kickJob(deps: RunnerDeps, jobId: string): Promise<DriveOutcome> {
  const s = state();
  const running = s.active.get(jobId);
  if (running) return running;
  const drive = driveJob({ holder: s.holder, ...deps }, jobId)
    .catch((err: unknown) => {
      // Items stay recorded as sent: the next drive resends them with the same keys.
      console.error(`bulk job ${jobId} stopped:`, err instanceof Error ? err.message : err);
      return "lost_lease" as const;
    })
    .finally(() => {
      s.active.delete(jobId);
    });
  s.active.set(jobId, drive);
  void drive.then((outcome) => {
    if (outcome === "busy" || outcome === "lost_lease") watch(deps, jobId);
  });
  return drive;
}

/** Looks again later at a job another instance holds (or that stopped on an error): takes it over if abandoned. */
function watch(deps: RunnerDeps, jobId: string): void {
  const s = state();
  if (s.watching.has(jobId)) return;
  s.watching.add(jobId);
  const timer = setTimeout(async () => {
    s.watching.delete(jobId);
    try {
      const job = await deps.db.bulk.getJob(jobId);
      if (job?.status === "running") void kickJob(deps, jobId);
    } catch {
      watch(deps, jobId);
    }
  }, RECHECK_MS);
  timer.unref?.();
}

/** Kicks every running job this process neither drives nor already watches. */
async function sweepOnce(deps: RunnerDeps): Promise<void> {
  const s = state();
  for (const id of await deps.db.bulk.runningJobIds()) {
    if (!s.active.has(id) && !s.watching.has(id)) void kickJob(deps, id);
  }
}

/**
 * From the first request of a process on (a bulk page or API call): resumes
 * every job left running, then sweeps again every SWEEP_MS, so that a job
 * whose instance died is taken over here even when nobody looks at it.
 */
export async function resumeAbandonedJobs(deps: RunnerDeps): Promise<void> {
  const s = state();
  if (s.swept) return;
  s.swept = true;
  try {
    await sweepOnce(deps);
  } catch (err) {
    s.swept = false;
    console.error("bulk resume sweep failed:", err instanceof Error ? err.message : err);
    return;
  }
  const timer = setInterval(() => {
    sweepOnce(deps).catch((err: unknown) =>
      console.error("bulk resume sweep failed:", err instanceof Error ? err.message : err),
    );
  }, SWEEP_MS);
  timer.unref?.();
  s.sweeper = timer;
}

/** Whether this process is driving the job now. */
export function isDriving(jobId: string): boolean {
  return state().active.has(jobId);
}

/** For tests: forget this process's drives and sweep. */
export function resetBulkRunnerForTests(): void {
  if (g.__bulkRunner?.sweeper) clearInterval(g.__bulkRunner.sweeper);
  g.__bulkRunner = undefined;
}
