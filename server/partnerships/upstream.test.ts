import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv, resetEnvForTests } from "@/server/env";
import { DEMO_CLIENT_ID, DEMO_PARENT_ACCOUNT_ID } from "@/server/sandbox/demo-platform";
import { UnauthorizedError } from "./errors";
import { getPartnershipsClient, getUpstreamMode, resetPartnershipsClientForTests } from "./index";
import { createSandboxAdmin, getSandboxAdmin } from "./sandbox-admin";
import { clientConfigFromEnv, IN_PROCESS_ORIGIN, upstreamModeOf } from "./upstream";

const real = {
  PARTNERSHIPS_API_URL: "https://accounts.rokt.com",
  PARTNERSHIPS_AUTH_URL: "https://auth.rokt.com",
  PARTNERSHIPS_CLIENT_ID: "rspub_live",
  PARTNERSHIPS_CLIENT_SECRET: "rsec_live",
  PARTNERSHIPS_PARENT_ACCOUNT_ID: "1234567890123456",
  AUTH_SECRET: "x".repeat(32),
};

describe("upstream selection", () => {
  it("real API when the PARTNERSHIPS_* settings are set", () => {
    const env = parseEnv(real);
    expect(upstreamModeOf(env)).toBe("api");
    const cfg = clientConfigFromEnv(env);
    expect(cfg).toMatchObject({
      apiUrl: "https://accounts.rokt.com",
      authUrl: "https://auth.rokt.com",
      clientId: "rspub_live",
      parentAccountId: "1234567890123456",
    });
    expect(cfg.fetch).toBeUndefined();
  });

  it("standalone sandbox over HTTP when only SANDBOX_URL is set", () => {
    const env = parseEnv({ SANDBOX_URL: "http://127.0.0.1:4010" });
    expect(upstreamModeOf(env)).toBe("sandbox-http");
    expect(clientConfigFromEnv(env)).toMatchObject({
      apiUrl: "http://127.0.0.1:4010",
      authUrl: "http://127.0.0.1:4010",
      clientId: DEMO_CLIENT_ID,
      parentAccountId: DEMO_PARENT_ACCOUNT_ID,
    });
  });

  it("in-process sandbox when nothing is set", () => {
    const env = parseEnv({});
    expect(upstreamModeOf(env)).toBe("sandbox-inprocess");
    expect(clientConfigFromEnv(env)).toMatchObject({ apiUrl: IN_PROCESS_ORIGIN, clientId: DEMO_CLIENT_ID });
  });
});

describe("process singleton on the in-process sandbox", () => {
  let dataDir: string;
  const saved = { ...process.env };
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "partnerships-singleton-"));
    for (const k of Object.keys(real)) delete process.env[k];
    delete process.env.SANDBOX_URL;
    process.env.DATA_DIR = dataDir;
    process.env.SANDBOX_SEED_MERCHANTS = "7";
    process.env.SANDBOX_RATE_LIMITS = "off";
    process.env.SANDBOX_ADMIN_TOKEN = "singleton-admin";
    resetEnvForTests();
    resetPartnershipsClientForTests();
  });
  afterAll(() => {
    process.env = saved;
    resetEnvForTests();
    resetPartnershipsClientForTests();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is one client per process, talking to the lazily loaded sandbox", async () => {
    expect(getUpstreamMode()).toBe("sandbox-inprocess");
    const client = getPartnershipsClient();
    expect(getPartnershipsClient()).toBe(client);
    expect(client.parentAccountId).toBe(DEMO_PARENT_ACCOUNT_ID);
    const list = await client.listAccounts();
    expect(list.data.accounts).toHaveLength(7);
    expect(await client.ping()).toBe(true);
  });

  it("sandbox admin reaches the same sandbox with SANDBOX_ADMIN_TOKEN", async () => {
    const admin = getSandboxAdmin();
    expect(admin).not.toBeNull();
    const csv = await admin!.exportLayoutsCsv();
    expect(csv.split("\n")[0]).toBe("account_id,page_id,layout_id,surface,layout_type");
    const [first] = (await getPartnershipsClient().listAccounts({ limit: 1 })).data.accounts;
    expect(JSON.stringify(await admin!.getAccountState(first!.account_id))).toContain(first!.account_id);
    await admin!.setFaults({ latency_ms: 0 });
    await admin!.reset();
  });

  it("a wrong admin token is an UnauthorizedError that does not quote the token", async () => {
    const { inProcessFetch } = await import("./upstream");
    const wrong = createSandboxAdmin({ origin: IN_PROCESS_ORIGIN, fetch: inProcessFetch, adminToken: "not-the-token" });
    const err = await wrong.reset().catch((e) => e);
    expect(err).toBeInstanceOf(UnauthorizedError);
    expect(JSON.stringify(err) + err.message).not.toContain("not-the-token");
  });
});

describe("sandbox admin outside sandbox mode", () => {
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
    resetEnvForTests();
  });
  it("is null on the real API", () => {
    Object.assign(process.env, real);
    resetEnvForTests();
    expect(getUpstreamMode()).toBe("api");
    expect(getSandboxAdmin()).toBeNull();
  });
});
