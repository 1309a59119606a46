import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createConsoleDb } from "@/server/db/open";
import type { ConsoleDb } from "@/server/db/types";
import {
  createUpstreamLimiter,
  intervalOf,
  limitOf,
  type PacingConfig,
  pacingConfigFromEnv,
  parseOverrides,
} from "./upstream-limiter";

const PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test";
const BACKENDS = process.env.SKIP_PG_TESTS === "1" ? (["sqlite"] as const) : (["sqlite", "postgres"] as const);
const CONFIG: PacingConfig = { enabled: true, windowMs: 60_000, factor: 1, overrides: {}, headroom: 0.95 };

describe("pacing configuration", () => {
  it("scales the documented limits, lets single routes be overridden, and is off against an unlimited in-process sandbox", () => {
    expect(limitOf(CONFIG, "putStatus")).toBe(60);
    expect(limitOf({ ...CONFIG, factor: 0.5 }, "putControls")).toBe(30);
    expect(limitOf({ ...CONFIG, factor: 0.01 }, "register")).toBe(1);
    expect(limitOf({ ...CONFIG, overrides: parseOverrides("putStatus=12, nope=3,addPages=x") }, "putStatus")).toBe(12);
    expect(intervalOf(CONFIG, "putStatus")).toBe(Math.ceil(60_000 / (60 * 0.95)));
    const env = {
      UPSTREAM_PACING: "auto" as const,
      UPSTREAM_RATE_LIMIT_FACTOR: 1,
      UPSTREAM_RATE_LIMITS: undefined,
      SANDBOX_RATE_LIMITS: "off" as const,
      sandboxMode: true,
      SANDBOX_URL: undefined,
    };
    expect(pacingConfigFromEnv(env).enabled).toBe(false);
    expect(pacingConfigFromEnv({ ...env, SANDBOX_RATE_LIMITS: "on" }).enabled).toBe(true);
    expect(pacingConfigFromEnv({ ...env, sandboxMode: false }).enabled).toBe(true);
    expect(pacingConfigFromEnv({ ...env, sandboxMode: false, UPSTREAM_PACING: "off" }).enabled).toBe(false);
  });
});

describe.each(BACKENDS)("shared upstream limiter on %s", (backend) => {
  let dbs: ConsoleDb[] = [];
  let cleanup = async () => {};
  afterEach(async () => {
    await Promise.all(dbs.map((d) => d.close()));
    dbs = [];
    await cleanup();
  });
  async function twoInstances(): Promise<[ConsoleDb, ConsoleDb]> {
    if (backend === "sqlite") {
      const dir = mkdtempSync(join(tmpdir(), "bulk-limiter-"));
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
      dbs = [await createConsoleDb({ dataDir: dir }), await createConsoleDb({ dataDir: dir })];
    } else {
      const schema = `bulk_limiter_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      cleanup = async () => {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => c.end());
      };
      dbs = [
        await createConsoleDb({ databaseUrl: PG_URL, pgSchema: schema }),
        await createConsoleDb({ databaseUrl: PG_URL, pgSchema: schema }),
      ];
    }
    return dbs as [ConsoleDb, ConsoleDb];
  }

  it("hands out evenly spaced slots across instances, honours a Retry-After for all, and reports the budget", async () => {
    const [one, two] = await twoInstances();
    const clock = { now: 1_000_000 };
    const waits: number[] = [];
    const fake = { now: () => clock.now, sleep: async (ms: number) => void waits.push(ms) };
    const a = createUpstreamLimiter(one.kysely, "p1", CONFIG, fake);
    const b = createUpstreamLimiter(two.kysely, "p1", CONFIG, fake);
    const other = createUpstreamLimiter(two.kysely, "p2", CONFIG, fake);
    const i = intervalOf(CONFIG, "putStatus");
    await a.take("putStatus"); // free: no wait
    await b.take("putStatus");
    await a.count("putStatus"); // an interactive write: reserves, never waits
    await b.take("putStatus");
    await other.take("putStatus"); // another partner has its own bucket
    expect(waits).toEqual([i, 3 * i]);
    await a.penalize("putStatus", 30_000);
    await b.take("putStatus");
    expect(waits.at(-1)).toBe(30_000);
    const budget = (await a.budget()).find((x) => x.route === "putStatus");
    expect(budget).toEqual({ route: "putStatus", limit: 60, usedInWindow: 5, remaining: 55, resetMs: 60_000 });
    clock.now += 61_000;
    expect((await b.budget()).find((x) => x.route === "putStatus")).toMatchObject({ usedInWindow: 0, resetMs: 0 });
  });
});
