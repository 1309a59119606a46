import "server-only";
import { randomUUID } from "node:crypto";
import type { ConsoleDb } from "@/server/db/types";
import type { PartnershipsClient } from "@/server/partnerships/types";
import { type DriveOutcome, driveRun } from "./saga";

/**
 * Runs go-live sagas in the background of this server process: the request
 * that starts (or polls) a run returns at once and the page polls for step
 * states. One drive per run per process (the map), one per run across
 * instances (the lease, in saga.ts). Everything lives on globalThis because
 * Next bundles route handlers separately.
 */
interface RunnerState {
  holder: string;
  active: Map<string, Promise<DriveOutcome>>;
  swept: boolean;
}
const g = globalThis as unknown as { __onboardingRunner?: RunnerState };
function state(): RunnerState {
  g.__onboardingRunner ??= { holder: `console-${process.pid}-${randomUUID()}`, active: new Map(), swept: false };
  return g.__onboardingRunner;
}

export interface RunnerDeps {
  db: ConsoleDb;
  client: PartnershipsClient;
}

/** Starts driving the run unless this process already is; the promise settles when that drive ends. */
export function kickRun(deps: RunnerDeps, draftId: string): Promise<DriveOutcome> {
  const s = state();
  const running = s.active.get(draftId);
  if (running) return running;
  const drive = driveRun({ ...deps, holder: s.holder }, draftId)
    .catch((err: unknown) => {
      // The step stays recorded as sent: the next poll (or restart) resends it with the same key.
      console.error(`onboarding run ${draftId} stopped:`, err instanceof Error ? err.message : err);
      return "busy" as const;
    })
    .finally(() => {
      s.active.delete(draftId);
    });
  s.active.set(draftId, drive);
  return drive;
}

/**
 * Once per process: resumes every run left "running" (its instance stopped
 * mid-run; the lease tells whether another instance is still on it).
 */
export async function resumeAbandonedRuns(deps: RunnerDeps): Promise<void> {
  const s = state();
  if (s.swept) return;
  s.swept = true;
  try {
    for (const run of await deps.db.onboarding.listRunningRuns()) void kickRun(deps, run.draftId);
  } catch (err) {
    s.swept = false;
    console.error("onboarding resume sweep failed:", err instanceof Error ? err.message : err);
  }
}

/** For tests: forget this process's drives and sweep. */
export function resetRunnerForTests(): void {
  g.__onboardingRunner = undefined;
}
