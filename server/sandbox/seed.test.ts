import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createSandbox, getInProcessSandbox, sandboxOptionsFromEnv } from "./index";
import { type Json, openKit } from "./testkit";

describe("seed (SPEC §8)", () => {
  it("is a pure function of n: the same on two data folders and after a reset", async () => {
    const a = await openKit({ seedMerchants: 37 });
    const b = await openKit({ seedMerchants: 37 });
    try {
      const listA = await a.accounts();
      expect(listA).toEqual(await b.accounts());
      const stateA = await a.json(await a.admin("GET", `/_sandbox/accounts/${listA[3].account_id}`));
      const stateB = await b.json(await b.admin("GET", `/_sandbox/accounts/${listA[3].account_id}`));
      expect(stateA.body.data).toEqual(stateB.body.data);
      const csv = await (await a.admin("GET", "/_sandbox/export/layouts.csv")).text();
      await a.write("PUT", `/v1/partnership/accounts/${listA[0].account_id}/status`, { status: "paused" });
      expect((await a.json(await a.admin("POST", "/_sandbox/reset"))).status).toBe(200);
      expect(await a.accounts()).toEqual(listA);
      expect(await (await a.admin("GET", "/_sandbox/export/layouts.csv")).text()).toBe(csv);
    } finally {
      a.close();
      b.close();
    }
  });

  it("has both statuses, exactly floor(n/10) archived variants, 2025 timestamps, mapped pairs and pages", async () => {
    const kit = await openKit({ seedMerchants: 57 });
    try {
      const list = await kit.accounts();
      expect(list).toHaveLength(57);
      expect(new Set(list.map((a: Json) => a.status))).toEqual(new Set(["active", "paused"]));
      expect(list.every((a: Json) => a.created_at.startsWith("2025-") && a.updated_at.startsWith("2025-"))).toBe(true);
      let archived = 0;
      const layoutTypes = new Set<string>();
      for (const a of list) {
        const st = (await kit.json(await kit.admin("GET", `/_sandbox/accounts/${a.account_id}`))).body.data;
        expect(st.pages.length).toBeGreaterThan(0);
        for (const p of st.pages) layoutTypes.add(p.layouts[0].layout_type);
        if (st.variants.some((v: Json) => v.status === "archived")) archived++;
        expect(st.rokt_vertical.vertical_id).toBeGreaterThan(0);
      }
      expect(archived).toBe(5);
      expect(layoutTypes).toEqual(new Set(["Overlay", "Embedded"]));
    } finally {
      kit.close();
    }
  });

  it("seeds the Other Platform with 3 merchants", async () => {
    const kit = await openKit();
    try {
      const other = await (await import("./testkit")).tokenFor(kit.sb, "rspub_other", "rsec_other");
      const res = await kit.sb.fetch(
        new Request("http://x/v1/partnership/accounts?parent_account_id=1000000000000002", {
          headers: { Authorization: `Bearer ${other}` },
        }),
      );
      expect(((await res.json()) as Json).data.accounts).toHaveLength(3);
    } finally {
      kit.close();
    }
  });
});

describe("options", () => {
  it("reads the environment with the documented defaults", () => {
    expect(sandboxOptionsFromEnv({})).toEqual({
      dataDir: ".data",
      seedMerchants: 250,
      adminToken: "sandbox-admin",
      deletionMs: 15_000,
      rateLimits: true,
      rateLimitFactor: 1,
    });
    expect(
      sandboxOptionsFromEnv({
        DATA_DIR: "/tmp/x",
        SANDBOX_SEED_MERCHANTS: "12",
        SANDBOX_ADMIN_TOKEN: "t",
        SANDBOX_DELETION_MS: "50",
        SANDBOX_RATE_LIMITS: "off",
        SANDBOX_RATE_LIMIT_FACTOR: "0.5",
      }),
    ).toEqual({
      dataDir: "/tmp/x",
      seedMerchants: 12,
      adminToken: "t",
      deletionMs: 50,
      rateLimits: false,
      rateLimitFactor: 0.5,
    });
  });

  it("keeps one in-process sandbox per process on globalThis", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sandbox-singleton-"));
    const saved = process.env.DATA_DIR;
    process.env.DATA_DIR = dir;
    try {
      const one = getInProcessSandbox();
      expect(getInProcessSandbox()).toBe(one);
      one.close();
    } finally {
      process.env.DATA_DIR = saved;
      delete (globalThis as Record<symbol, unknown>)[Symbol.for("partner-console.sandbox")];
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("seeds 2,000 merchants in well under a second per thousand", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sandbox-big-"));
    const t0 = performance.now();
    const sb = createSandbox({ dataDir: dir, seedMerchants: 2000 });
    expect(performance.now() - t0).toBeLessThan(5000);
    sb.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
