import { context, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createHarness, type Harness } from "@/server/api/test-harness";

/** Traces of real requests through the wrapper, the client and the in-process sandbox with faults. */
const exporter = new InMemorySpanExporter();
let provider: NodeTracerProvider;
let h: Harness | undefined;

beforeAll(() => {
  provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  provider.register();
});
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
});
afterEach(async () => {
  exporter.reset();
  await h?.close();
  h = undefined;
});

const named = (prefix: string) => exporter.getFinishedSpans().filter((s) => s.name.startsWith(prefix));
const childrenOf = (parent: ReadableSpan) =>
  exporter.getFinishedSpans().filter((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId);

describe("tracing", () => {
  it("a write whose first answer is dropped after commit: one request span, two attempt spans", async () => {
    let outageOver = false;
    h = await createHarness({
      client: {
        // The retry's backoff is where the outage ends: the second try gets the replayed answer.
        sleep: async () => {
          if (outageOver) return;
          outageOver = true;
          await h!.sandbox("POST", "/_sandbox/faults", { drop_after_commit_rate: 0 });
        },
      },
    });
    h.as(h.users.support);
    const [id] = await h.merchants(1);
    exporter.reset();
    await h.sandbox("POST", "/_sandbox/faults", { drop_after_commit_rate: 1 });
    const key = "5f0c7a3e-8d2b-4c1a-9e6f-0a1b2c3d4e5f";
    const res = await h.call("PUT", `/api/merchants/${id}/status`, { body: { status: "paused" }, key });
    expect(res.status).toBe(200);
    expect(outageOver).toBe(true);

    const requests = named("PUT /api/merchants/:accountId/status");
    expect(requests).toHaveLength(1);
    const req = requests[0]!;
    expect(req.attributes).toMatchObject({
      "http.route": "/api/merchants/:accountId/status",
      "http.response.status_code": 200,
      "console.role": "support",
      "console.outcome": "ok",
      "console.idempotency_key": key,
    });
    const attempts = childrenOf(req).filter((s) => s.name === "PUT /v1/partnership/accounts/{account_id}/status");
    expect(attempts.map((s) => s.attributes["partnerships.attempt"])).toEqual([1, 2]);
    expect(attempts[0]!.attributes["error.type"]).toBe("network");
    const second = attempts[1]!.attributes;
    expect(second).toMatchObject({ "http.response.status_code": 200, "http.request.resend_count": 1 });
    expect(second["partnerships.replayed"]).toBe(true);
    expect(second["partnerships.request_id"]).toEqual(expect.any(String));
    expect(second["partnerships.operation_id"]).toEqual(expect.any(String));
    for (const s of attempts) expect(s.spanContext().traceId).toBe(req.spanContext().traceId);
  });

  it("no personal identifier, path value, body or secret on any span", async () => {
    h = await createHarness();
    h.as(h.users.admin);
    const [id] = await h.merchants(1);
    await h.call("PUT", `/api/merchants/${id}/status`, { body: { status: "active", reason: "secret-reason" } });
    await h.call("GET", `/api/merchants/${id}/controls`);
    await h.call("PUT", `/api/merchants/${id}/status`, { body: { status: "nope" }, key: "not-a-uuid" });
    const spans = exporter.getFinishedSpans();
    expect(spans.length).toBeGreaterThan(3);
    const dump = JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })));
    for (const banned of [id!, "admin@api.test", "secret-reason", "not-a-uuid", "Bearer", "client_secret"]) {
      expect(dump).not.toContain(banned);
    }
    const refused = named("PUT /api/merchants/:accountId/status").at(-1)!;
    expect(refused.attributes).toMatchObject({ "http.response.status_code": 400, "console.outcome": "refused" });
    expect(refused.attributes["console.idempotency_key"]).toBeUndefined();
  });

  it("each request's access-log line carries its span's trace id, and no path value", async () => {
    h = await createHarness();
    h.as(h.users.support);
    const [id] = await h.merchants(1);
    exporter.reset();
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    vi.stubEnv("CONSOLE_REQUEST_LOG", "on");
    try {
      await h.call("GET", `/api/merchants/${id}/controls`);
      await new Promise((r) => setImmediate(r));
    } finally {
      vi.unstubAllEnvs();
      spy.mockRestore();
    }
    const lines = written
      .join("")
      .split("\n")
      .filter((l) => l.includes('"api.request"'))
      .map((l) => JSON.parse(l));
    const span = named("GET /api/merchants/:accountId/controls")[0]!;
    expect(lines).toEqual([
      expect.objectContaining({
        route: "/api/merchants/:accountId/controls",
        status: 200,
        outcome: "ok",
        traceId: span.spanContext().traceId,
      }),
    ]);
    expect(written.join("")).not.toContain(id!);
  });
});
