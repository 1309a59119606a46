import "server-only";
import { getEnv } from "@/server/env";
import { createConsoleDb } from "./open";
import type { ConsoleDb } from "./types";

export * from "./errors";
export type { CreateConsoleDbOptions } from "./open";
export { createConsoleDb, SQLITE_FILE } from "./open";
export { INTENT_TTL_MS, isRetryableStatus } from "./repos/intents";
export type { Database } from "./schema";
export type * from "./types";

const globalForDb = globalThis as unknown as { __consoleDb?: Promise<ConsoleDb> };

/**
 * The process-wide console database, opened and migrated on first use (never
 * at import, so `next build` touches no database). It lives on globalThis
 * because Next bundles route handlers separately; concurrent first calls
 * share one open. A failed open is forgotten so the next call tries again.
 */
export function getConsoleDb(): Promise<ConsoleDb> {
  if (!globalForDb.__consoleDb) {
    // Next sets NEXT_PHASE while prerendering at build time: a page that reaches the database then
    // would bake its data into static HTML (and create a data folder on the build machine).
    if (process.env.NEXT_PHASE === "phase-production-build") {
      return Promise.reject(
        new Error(
          "the console database is not available during `next build`: make this route dynamic " +
            '(call `await connection()` from next/server first, or export `dynamic = "force-dynamic"`)',
        ),
      );
    }
    const env = getEnv();
    const opening = createConsoleDb({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir });
    globalForDb.__consoleDb = opening;
    opening.catch(() => {
      if (globalForDb.__consoleDb === opening) globalForDb.__consoleDb = undefined;
    });
  }
  return globalForDb.__consoleDb;
}

/** Closes the process-wide database (scripts, tests, graceful shutdown); the next getConsoleDb() reopens. */
export async function closeConsoleDb(): Promise<void> {
  const current = globalForDb.__consoleDb;
  globalForDb.__consoleDb = undefined;
  if (!current) return;
  const db = await current.catch(() => undefined);
  await db?.close();
}
