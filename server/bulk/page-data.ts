import "server-only";
import type { ConsoleDb } from "@/server/db/types";
import { getEnv } from "@/server/env";
import { getPartnershipsClient } from "@/server/partnerships";
import { limiterFor } from "@/server/partnerships/upstream-limiter";
import { type RunnerDeps, resumeAbandonedJobs } from "./runner";

/** The runner's dependencies for server pages (the API routes build theirs from the request context). */
export async function pageRunnerDeps(db: ConsoleDb): Promise<RunnerDeps> {
  const client = getPartnershipsClient();
  return {
    db,
    client,
    limiter: await limiterFor(db, client.parentAccountId),
    concurrency: getEnv().BULK_CONCURRENCY,
  };
}

/** First page view of a process: jobs left running by a stopped instance go on (never fails the page). */
export async function resumeJobsFromPage(db: ConsoleDb): Promise<void> {
  try {
    await resumeAbandonedJobs(await pageRunnerDeps(db));
  } catch (err) {
    console.error("bulk resume failed:", err instanceof Error ? err.message : err);
  }
}
