/** §8 defaults: a sandbox made with nothing but a data folder uses the documented settings. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it, onTestFinished } from "vitest";
import { createSandbox } from "../index";
import { DELETION_PATH, Env, expectEnvelope, T0 } from "./harness";

function openDefaults(): Env {
  const dir = mkdtempSync(join(tmpdir(), "sandbox-defaults-"));
  const clock = { t: T0 };
  const env = new Env(createSandbox({ dataDir: dir, now: () => clock.t }), dir, clock, {});
  onTestFinished(() => env.dispose());
  return env;
}

it("defaults: 250 merchants, admin token sandbox-admin, rate limits on, deletion 15 s", async () => {
  const env = openDefaults();
  expectEnvelope(await env.admin("GET", "/_sandbox/privacy-requests", undefined, "sandbox-admin"), 200);
  expectEnvelope(await env.admin("GET", "/_sandbox/privacy-requests"), 401);
  const all = await env.listAll();
  expect(all).toHaveLength(250);
  const list = await env.get(`/v1/partnership/accounts?parent_account_id=1000000000000001&limit=1`);
  expect(list.headers.get("x-ratelimit-limit")).toBe("600");
  const id = all[0].account_id;
  const del = await env.write("POST", DELETION_PATH(id), { reason: "r" });
  expectEnvelope(del, 202);
  const op = del.headers.get("x-operation-id")!;
  env.advance(7_499);
  expect((await env.operation(op)).body.data.status).toBe("pending");
  env.advance(1);
  expect((await env.operation(op)).body.data.status).toBe("in_progress");
  env.advance(7_499);
  expect((await env.operation(op)).body.data.status).toBe("in_progress");
  env.advance(1);
  expect((await env.operation(op)).body.data.status).toBe("completed");
}, 60_000);
