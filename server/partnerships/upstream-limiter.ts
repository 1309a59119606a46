import "server-only";
import { type Kysely, sql } from "kysely";
import { OPERATIONS_LIMIT, READ_LIMIT, WRITE_LIMITS } from "@/lib/partnerships/rate-limits";
import type { ConsoleDb } from "@/server/db/types";
import type { Env } from "@/server/env";

/**
 * One pacing budget per partner and upstream route, kept in the console
 * database so that every console instance draws from the same one (SPEC §6:
 * the API counts per partner, whichever server calls).
 *
 * It is a GCRA ("virtual scheduling"): each call reserves the next free slot
 * of its bucket in ONE atomic upsert and waits until that slot. Slots are
 * `window / (limit · headroom)` apart, so calls go out evenly spaced and no
 * 60 s window of the API's (whenever it opens) sees more than the limit, even
 * with a little network jitter. An interactive write only reserves a slot
 * (same one statement) without waiting: the job behind it slows down instead.
 */

/** Documented per-minute limits by route (SPEC §6). Reads are per route, 600 each. */
export const DOCUMENTED_LIMITS = {
  ...WRITE_LIMITS,
  getOperation: OPERATIONS_LIMIT,
  getControls: READ_LIMIT,
  getStatus: READ_LIMIT,
  listAccounts: READ_LIMIT,
} as const;
export type UpstreamRoute = keyof typeof DOCUMENTED_LIMITS;

export interface PacingConfig {
  enabled: boolean;
  windowMs: number;
  factor: number;
  overrides: Partial<Record<UpstreamRoute, number>>;
  /** Share of the limit actually paced at: room for clock and network jitter. */
  headroom: number;
}

export const DEFAULT_HEADROOM = 0.95;

export function parseOverrides(text: string | undefined): Partial<Record<UpstreamRoute, number>> {
  const out: Partial<Record<UpstreamRoute, number>> = {};
  for (const part of (text ?? "").split(",")) {
    const [k, v] = part.split("=").map((x) => x.trim());
    if (k && v && k in DOCUMENTED_LIMITS && Number(v) > 0) out[k as UpstreamRoute] = Math.floor(Number(v));
  }
  return out;
}

export function pacingConfigFromEnv(
  env: Pick<
    Env,
    | "UPSTREAM_PACING"
    | "UPSTREAM_RATE_LIMIT_FACTOR"
    | "UPSTREAM_RATE_LIMITS"
    | "SANDBOX_RATE_LIMITS"
    | "sandboxMode"
    | "SANDBOX_URL"
  >,
): PacingConfig {
  // In-process sandbox with its limits off: nothing to pace against.
  const auto = !(env.sandboxMode && !env.SANDBOX_URL && env.SANDBOX_RATE_LIMITS === "off");
  return {
    enabled: env.UPSTREAM_PACING === "auto" ? auto : env.UPSTREAM_PACING === "on",
    windowMs: 60_000,
    factor: env.UPSTREAM_RATE_LIMIT_FACTOR,
    overrides: parseOverrides(env.UPSTREAM_RATE_LIMITS),
    headroom: DEFAULT_HEADROOM,
  };
}

export function limitOf(cfg: PacingConfig, route: UpstreamRoute): number {
  return cfg.overrides[route] ?? Math.max(1, Math.floor(DOCUMENTED_LIMITS[route] * cfg.factor));
}

/** Milliseconds between two slots of a route. */
export function intervalOf(cfg: PacingConfig, route: UpstreamRoute): number {
  return Math.ceil(cfg.windowMs / (limitOf(cfg, route) * cfg.headroom));
}

export interface UpstreamBudget {
  route: UpstreamRoute;
  limit: number;
  usedInWindow: number;
  remaining: number;
  resetMs: number;
}

export interface UpstreamLimiter {
  readonly config: PacingConfig;
  /** Reserves the next slot and waits for it. */
  take(route: UpstreamRoute): Promise<void>;
  /** Reserves a slot without waiting (an interactive write already on its way). */
  count(route: UpstreamRoute): Promise<void>;
  /** After a 429: no slot of the route before `ms` from now (Retry-After), for every instance. */
  penalize(route: UpstreamRoute, ms: number): Promise<void>;
  budget(): Promise<UpstreamBudget[]>;
}

// biome-ignore lint/suspicious/noExplicitAny: the table typing lives in schema.ts
type AnyKysely = Kysely<any>;
const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createUpstreamLimiter(
  kysely: AnyKysely,
  partner: string,
  config: PacingConfig,
  opts: { now?: () => number; sleep?: (ms: number) => Promise<void> } = {},
): UpstreamLimiter {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? realSleep;
  const bucket = (route: UpstreamRoute) => `${partner} ${route}`;

  async function reserve(route: UpstreamRoute): Promise<number> {
    const t = now();
    const i = intervalOf(config, route);
    const w = config.windowMs;
    // One statement: the slot is the bucket's previous "theoretical arrival time" (or now, if that passed).
    const r = await sql<{ tat: number | string }>`
      insert into upstream_pacing (bucket, tat, window_start, window_count)
      values (${bucket(route)}, ${t + i}, ${t}, 1)
      on conflict (bucket) do update set
        tat = case when upstream_pacing.tat < ${t} then ${t + i} else upstream_pacing.tat + ${i} end,
        window_start = case when upstream_pacing.window_start + ${w} <= ${t} then ${t} else upstream_pacing.window_start end,
        window_count = case when upstream_pacing.window_start + ${w} <= ${t} then 1 else upstream_pacing.window_count + 1 end
      returning tat`.execute(kysely);
    return Number(r.rows[0]?.tat ?? t + i) - i;
  }

  return {
    config,
    async take(route) {
      if (!config.enabled) return;
      const slot = await reserve(route);
      const wait = slot - now();
      if (wait > 0) await sleep(wait);
    },
    async count(route) {
      if (!config.enabled) return;
      await reserve(route);
    },
    async penalize(route, ms) {
      if (!config.enabled) return;
      const t = now();
      await sql`
        insert into upstream_pacing (bucket, tat, window_start, window_count)
        values (${bucket(route)}, ${t + ms}, ${t}, 0)
        on conflict (bucket) do update set
          tat = case when upstream_pacing.tat < ${t + ms} then ${t + ms} else upstream_pacing.tat end`.execute(kysely);
    },
    async budget() {
      const t = now();
      const rows = await kysely
        .selectFrom("upstream_pacing")
        .select(["bucket", "window_start", "window_count"])
        .where("bucket", "like", `${partner} %`)
        .execute();
      const seen = new Map(rows.map((r) => [String(r.bucket).slice(partner.length + 1), r]));
      return (Object.keys(DOCUMENTED_LIMITS) as UpstreamRoute[]).map((route) => {
        const limit = limitOf(config, route);
        const row = seen.get(route);
        const start = row ? Number(row.window_start) : 0;
        const open = row !== undefined && start + config.windowMs > t;
        const used = open ? Number(row.window_count) : 0;
        return {
          route,
          limit,
          usedInWindow: used,
          remaining: Math.max(0, limit - used),
          resetMs: open ? start + config.windowMs - t : 0,
        };
      });
    },
  };
}

const g = globalThis as unknown as { __upstreamLimiters?: WeakMap<object, UpstreamLimiter> };

/** The limiter of a console database for a partner, made once per database (the config is read from the env). */
export async function limiterFor(db: ConsoleDb, partner: string): Promise<UpstreamLimiter> {
  g.__upstreamLimiters ??= new WeakMap();
  let limiter = g.__upstreamLimiters.get(db);
  if (!limiter) {
    const { getEnv } = await import("@/server/env");
    limiter = createUpstreamLimiter(db.kysely, partner, pacingConfigFromEnv(getEnv()));
    g.__upstreamLimiters.set(db, limiter);
  }
  return limiter;
}

/** The process-wide limiter on the console database, for the configured partner. */
export async function getUpstreamLimiter(): Promise<UpstreamLimiter> {
  const [{ getConsoleDb }, { getPartnershipsClient }] = await Promise.all([import("@/server/db"), import("./index")]);
  return limiterFor(await getConsoleDb(), getPartnershipsClient().parentAccountId);
}

/** Per route: the limit paced against, calls reserved in the current window, what is left, and when it resets. */
export async function readUpstreamBudget(): Promise<UpstreamBudget[]> {
  return (await getUpstreamLimiter()).budget();
}
