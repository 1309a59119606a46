import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultLogger, resolveConfig } from "./config";

describe("the default logger", () => {
  afterEach(() => vi.restoreAllMocks());

  it("skips upstream calls that succeeded, and keeps error answers, recoveries, token renewals and failures", () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    defaultLogger.info({ event: "partnerships.request", status: 200, ms: 3 });
    defaultLogger.info({ event: "partnerships.request", status: 202, ms: 3 });
    expect(info).not.toHaveBeenCalled();
    defaultLogger.info({ event: "partnerships.request", status: 429, ms: 3 });
    defaultLogger.info({ event: "partnerships.recovery", operationId: "op_1", status: "succeeded" });
    defaultLogger.info({ event: "partnerships.token", status: 200, ms: 9 });
    defaultLogger.warn({ event: "partnerships.request", error: "timeout" });
    expect(info.mock.calls.map(([line]) => JSON.parse(String(line)).event)).toEqual([
      "partnerships.request",
      "partnerships.recovery",
      "partnerships.token",
    ]);
    expect(JSON.parse(String(info.mock.calls[0]?.[0]))).toMatchObject({ source: "partnerships", status: 429 });
    expect(warn).toHaveBeenCalledTimes(1);
  });
});

describe("the default fetch", () => {
  afterEach(() => vi.unstubAllGlobals());
  const cfg = () =>
    resolveConfig({ apiUrl: "http://a", authUrl: "http://b", clientId: "c", clientSecret: "s", parentAccountId: "p" });

  it("goes around the fetch Next.js patches for its data cache, to Node's own", async () => {
    const original = vi.fn(async () => new Response("original"));
    const patched = Object.assign(
      vi.fn(async () => new Response("patched")),
      { _nextOriginalFetch: original },
    );
    vi.stubGlobal("fetch", patched);
    expect(await (await cfg().fetch("http://a/x")).text()).toBe("original");
    expect(patched).not.toHaveBeenCalled();
  });

  it("uses the global fetch when nothing patched it, looked up at call time", async () => {
    const resolved = cfg();
    const plain = vi.fn(async () => new Response("plain"));
    vi.stubGlobal("fetch", plain);
    expect(await (await resolved.fetch("http://a/x")).text()).toBe("plain");
  });
});
