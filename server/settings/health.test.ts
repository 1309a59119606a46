import { describe, expect, it } from "vitest";
import type { PartnershipsClient } from "@/server/partnerships/types";
import { checkUpstream, tokenAge } from "./health";

const client = (listAccounts: PartnershipsClient["listAccounts"], tokenInfo?: PartnershipsClient["tokenInfo"]) =>
  ({ listAccounts, tokenInfo }) as unknown as PartnershipsClient;

describe("health checks", () => {
  it("times a cheap upstream read and reports its error or a timeout", async () => {
    const ok = await checkUpstream(client(async () => ({}) as never));
    expect(ok).toMatchObject({ ok: true, error: null });
    expect(ok.latencyMs).toBeGreaterThanOrEqual(0);
    const failed = await checkUpstream(
      client(async () => {
        throw new Error("The Partnerships API could not be reached.");
      }),
    );
    expect(failed).toEqual({ ok: false, latencyMs: null, error: "The Partnerships API could not be reached." });
    // A read that ignores its abort signal still ends the check in time.
    const started = Date.now();
    const hung = await checkUpstream(
      client(() => new Promise(() => {})),
      50,
    );
    expect(hung).toEqual({ ok: false, latencyMs: null, error: "no answer within 50 ms" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("gives the token's age and renewal, never the token, and nothing before the first", () => {
    expect(
      tokenAge(
        client(
          async () => ({}) as never,
          () => null,
        ),
      ),
    ).toEqual({
      obtainedAt: null,
      ageSeconds: null,
      renewsInSeconds: null,
    });
    const now = Date.parse("2026-12-03T10:00:00.000Z");
    const info = () => ({ obtainedAt: now - 90_000, renewAt: now + 150_000 });
    expect(
      tokenAge(
        client(async () => ({}) as never, info),
        now,
      ),
    ).toEqual({
      obtainedAt: "2026-12-03T09:58:30.000Z",
      ageSeconds: 90,
      renewsInSeconds: 150,
    });
  });
});
