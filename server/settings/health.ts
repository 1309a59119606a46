import "server-only";
import type { ConsoleDb } from "@/server/db/types";
import type { Env } from "@/server/env";
import type { PartnershipsClient } from "@/server/partnerships/types";
import { type UpstreamMode, upstreamModeOf } from "@/server/partnerships/upstream";
import { limiterFor, type UpstreamBudget } from "@/server/partnerships/upstream-limiter";

/**
 * Settings → Health: what an admin needs to judge the console at a glance. Each
 * part is computed on its own (and the page shows each as its own section), so one
 * failing check never hides the others. Never the token, a secret or a password.
 */
export const UPSTREAM_CHECK_TIMEOUT_MS = 3_000;

export interface HealthReport {
  checkedAt: string;
  mode: { kind: UpstreamMode; label: string; target: string | null };
  upstream: { ok: boolean; latencyMs: number | null; error: string | null };
  token: { obtainedAt: string | null; ageSeconds: number | null; renewsInSeconds: number | null };
  database: { kind: "SQLite" | "PostgreSQL"; reachable: boolean; migration: string | null; error: string | null };
  build: { version: string; commit: string | null };
  /** Per upstream route, this window of the limiter every instance shares (never a 429 read from the API). */
  rateBudget: { routes: UpstreamBudget[]; error: null } | { routes: null; error: string };
}

const MODE_LABELS: Record<UpstreamMode, string> = {
  "sandbox-inprocess": "Sandbox (embedded)",
  "sandbox-http": "Sandbox (standalone, SANDBOX_URL)",
  api: "Configured Partnerships API",
};

export function modeOf(env: Env): HealthReport["mode"] {
  const kind = upstreamModeOf(env);
  const target =
    kind === "api" ? (env.PARTNERSHIPS_API_URL ?? null) : kind === "sandbox-http" ? (env.SANDBOX_URL ?? null) : null;
  return { kind, label: MODE_LABELS[kind], target };
}

/** A cheap live read (one account) through the server client, bounded in time. */
export async function checkUpstream(
  client: PartnershipsClient,
  timeoutMs = UPSTREAM_CHECK_TIMEOUT_MS,
): Promise<HealthReport["upstream"]> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The signal bounds the client's own retries; the race bounds anything that ignores it.
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs + 250);
  });
  try {
    await Promise.race([client.listAccounts({ limit: 1 }, { signal }), late]);
    return { ok: true, latencyMs: Math.round(performance.now() - started), error: null };
  } catch (err) {
    const message = signal.aborted
      ? `no answer within ${timeoutMs} ms`
      : err instanceof Error
        ? err.message
        : String(err);
    return { ok: false, latencyMs: null, error: message };
  } finally {
    clearTimeout(timer);
  }
}

export function tokenAge(client: PartnershipsClient, now = Date.now()): HealthReport["token"] {
  const info = client.tokenInfo?.() ?? null;
  if (!info) return { obtainedAt: null, ageSeconds: null, renewsInSeconds: null };
  return {
    obtainedAt: new Date(info.obtainedAt).toISOString(),
    ageSeconds: Math.max(0, Math.round((now - info.obtainedAt) / 1000)),
    renewsInSeconds: Math.max(0, Math.round((info.renewAt - now) / 1000)),
  };
}

/** The latest migration applied to this database (Kysely's own table, in the schema in use). */
export async function databaseState(db: ConsoleDb): Promise<HealthReport["database"]> {
  const kind = db.dialect === "postgres" ? "PostgreSQL" : "SQLite";
  try {
    const row = (await db.kysely
      .selectFrom("kysely_migration")
      .select("name")
      .orderBy("name", "desc")
      .limit(1)
      .executeTakeFirst()) as { name: string } | undefined;
    return { kind, reachable: true, migration: row?.name ?? null, error: null };
  } catch (err) {
    return { kind, reachable: false, migration: null, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Set at build time by next.config.mjs (package.json version, git commit when git is there). */
export function buildInfo(): HealthReport["build"] {
  return {
    version: process.env.CONSOLE_BUILD_VERSION || "unknown",
    commit: process.env.CONSOLE_BUILD_COMMIT || null,
  };
}

/** The shared limiter's window per route, read from the console database (so it is the same on every instance). */
export async function rateBudget(db: ConsoleDb, client: PartnershipsClient): Promise<HealthReport["rateBudget"]> {
  try {
    const limiter = await limiterFor(db, client.parentAccountId);
    return { routes: await limiter.budget(), error: null };
  } catch (err) {
    return { routes: null, error: err instanceof Error ? err.message : String(err) };
  }
}

export async function healthReport(deps: {
  env: Env;
  db: ConsoleDb;
  client: PartnershipsClient;
  now?: () => number;
}): Promise<HealthReport> {
  const now = deps.now ?? Date.now;
  const [upstream, database, budget] = await Promise.all([
    checkUpstream(deps.client),
    databaseState(deps.db),
    rateBudget(deps.db, deps.client),
  ]);
  return {
    checkedAt: new Date(now()).toISOString(),
    mode: modeOf(deps.env),
    upstream,
    // After the upstream check, which obtains a token when there was none yet.
    token: tokenAge(deps.client, now()),
    database,
    build: buildInfo(),
    rateBudget: budget,
  };
}
