import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PARENT_ACCOUNT_ID } from "./demo-platform";

let child: ChildProcess;
let base = "";
let log = "";
const dir = mkdtempSync(path.join(tmpdir(), "sandbox-standalone-"));

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
    });
  });

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ["--import", "tsx", "server/sandbox/standalone.ts"], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      SANDBOX_PORT: String(port),
      DATA_DIR: dir,
      SANDBOX_SEED_MERCHANTS: "5",
      SANDBOX_ADMIN_TOKEN: "adm",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => {
    log += String(d);
  });
  child.stderr?.on("data", (d) => {
    log += String(d);
  });
  const deadline = Date.now() + 25_000;
  while (!log.includes("listening") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}, 30_000);

afterAll(async () => {
  child.kill("SIGTERM");
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run sandbox (standalone)", () => {
  it("logs one line with its URL and no credentials", () => {
    expect(log.trim().split("\n")).toEqual([`Partnerships API sandbox listening on ${base}`]);
    expect(log).not.toMatch(/rsec_|sandbox-admin|adm\b/);
  });

  it("cuts the connection without an answer on drop_after_commit, after committing", async () => {
    const token = (
      (await (
        await fetch(`${base}/api/v1/oauth/token`, {
          method: "POST",
          body: new URLSearchParams({
            grant_type: "client_credentials",
            client_id: "rspub_demo",
            client_secret: "rsec_demo",
          }),
        })
      ).json()) as { access_token: string }
    ).access_token;
    const admin = (body: unknown) =>
      fetch(`${base}/_sandbox/faults`, {
        method: "POST",
        headers: { "X-Sandbox-Admin": "adm", "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    const list = (await (
      await fetch(`${base}/v1/partnership/accounts?parent_account_id=${DEMO_PARENT_ACCOUNT_ID}`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json()) as { data: { accounts: { account_id: string }[] } };
    const id = list.data.accounts[0]?.account_id;
    const put = () =>
      fetch(`${base}/v1/partnership/accounts/${id}/status`, {
        method: "PUT",
        headers: {
          Authorization: `Bearer ${token}`,
          "Content-Type": "application/json",
          "X-Platform-Parent-Account-Id": DEMO_PARENT_ACCOUNT_ID,
          "Idempotency-Key": "3b241101-e2bb-4255-8caf-4136c566a962",
        },
        body: JSON.stringify({ status: "paused" }),
      });
    expect((await admin({ drop_after_commit_rate: 1 })).status).toBe(200);
    await expect(put()).rejects.toThrow(TypeError);
    await admin({ drop_after_commit_rate: 0 });
    const again = await put();
    expect(again.status).toBe(200);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
  });
});
