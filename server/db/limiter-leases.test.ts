import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import type { Database } from "./schema";
import { BACKENDS, withTestDatabase } from "./test-backends";
import type { ConsoleDb } from "./types";

describe.each(BACKENDS)("limiter and leases on $name, across two console instances", (backend) => {
  let a: ConsoleDb;
  let b: ConsoleDb;
  withTestDatabase(backend, async (created) => {
    a = await created.open();
    b = await created.open();
  });

  it("limiter: two instances share one count per bucket and window", async () => {
    const windowMs = 60_000;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).limiter.hit("writes:u1", 6, windowMs)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(6);
    expect(results.map((r) => r.remaining).sort((x, y) => x - y)).toEqual([0, 0, 0, 0, 0, 1, 2, 3, 4, 5]);
    for (const r of results) {
      expect(r.resetMs).toBeGreaterThan(0);
      expect(r.resetMs).toBeLessThanOrEqual(windowMs);
    }
    // Another bucket is counted on its own.
    expect(await a.limiter.hit("writes:u2", 6, windowMs)).toMatchObject({ allowed: true, remaining: 5 });
  });

  it("limiter: a new window starts a new count; a lagging clock does not reset a newer window", async () => {
    const windowMs = 60_000;
    expect((await a.limiter.hit("w", 2, windowMs)).allowed).toBe(true);
    expect((await b.limiter.hit("w", 2, windowMs)).allowed).toBe(true);
    expect(await a.limiter.hit("w", 2, windowMs)).toMatchObject({ allowed: false, remaining: 0 });
    const k = a.kysely as Kysely<Database>;
    // As if the window had passed: the stored window is an older one.
    await k
      .updateTable("rate_limits")
      .set((eb) => ({ window_start: eb("window_start", "-", windowMs) }))
      .execute();
    expect(await b.limiter.hit("w", 2, windowMs)).toMatchObject({ allowed: true, remaining: 1 });
    // As if another instance's clock ran ahead: the stored window is newer and keeps counting.
    await k
      .updateTable("rate_limits")
      .set((eb) => ({ window_start: eb("window_start", "+", windowMs) }))
      .execute();
    expect(await a.limiter.hit("w", 2, windowMs)).toMatchObject({ allowed: true, remaining: 0 });
    const next = await a.limiter.hit("w", 2, windowMs);
    expect(next).toMatchObject({ allowed: false, remaining: 0 });
    expect(next.resetMs).toBeGreaterThan(windowMs);
  });

  it("leases: exclusive across instances, renewed and released by the holder only", async () => {
    const grabs = await Promise.all([
      a.leases.acquire("bulk-job", "instance-a", 10_000),
      b.leases.acquire("bulk-job", "instance-b", 10_000),
      a.leases.acquire("bulk-job", "instance-a2", 10_000),
      b.leases.acquire("bulk-job", "instance-b2", 10_000),
    ]);
    expect(grabs.filter(Boolean)).toHaveLength(1);
    const winner = ["instance-a", "instance-b", "instance-a2", "instance-b2"][grabs.indexOf(true)]!;
    const loser = winner === "instance-a" ? "instance-b" : "instance-a";

    expect(await b.leases.acquire("bulk-job", loser, 10_000)).toBe(false);
    expect(await a.leases.acquire("bulk-job", winner, 10_000)).toBe(true); // re-acquire by the holder
    expect(await b.leases.renew("bulk-job", winner, 10_000)).toBe(true);
    expect(await a.leases.renew("bulk-job", loser, 10_000)).toBe(false);
    await a.leases.release("bulk-job", loser); // not the holder: no effect
    expect(await b.leases.acquire("bulk-job", loser, 10_000)).toBe(false);
    await b.leases.release("bulk-job", winner);
    expect(await a.leases.acquire("bulk-job", loser, 10_000)).toBe(true);
    expect(await a.leases.renew("bulk-job", winner, 10_000)).toBe(false);
    // Leases are independent by name.
    expect(await b.leases.acquire("other-job", winner, 10_000)).toBe(true);
  });

  it("leases: an expired lease can be taken by exactly one other instance, and the old holder cannot renew", async () => {
    expect(await a.leases.acquire("job", "a", 300)).toBe(true);
    expect(await b.leases.acquire("job", "b", 10_000)).toBe(false);
    await new Promise((r) => setTimeout(r, 350));
    const grabs = await Promise.all([
      b.leases.acquire("job", "b", 10_000),
      a.leases.acquire("job", "c", 10_000),
      b.leases.acquire("job", "d", 10_000),
    ]);
    expect(grabs.filter(Boolean)).toHaveLength(1);
    expect(await a.leases.renew("job", "a", 10_000)).toBe(false);
  });
});
