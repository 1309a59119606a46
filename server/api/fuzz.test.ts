import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseIdempotencyKey } from "@/lib/partnerships/formats";
import {
  type BodyInput,
  hostileBody,
  hostileHeaders,
  hostileKeyHeader,
  hostileQuery,
  hostileString,
} from "./fuzz-inputs";
import { DEFAULT_MAX_BODY_BYTES, parseBody, readBodyText } from "./request-body";
import { matchRoute } from "./router";
import { ROUTES } from "./routes";
import { createHarness, type Harness, ORIGIN } from "./test-harness";
import type { AnyRoute } from "./types";

/**
 * Every route of the table, through the real wrapper, with random and hostile
 * params, query strings, headers and bodies: never a 5xx, never an unhandled
 * rejection, and a request that fails validation sends nothing upstream.
 * Upstream requests are attributed to the fuzz run that caused them with
 * AsyncLocalStorage (background work started by a run carries its id too).
 */
const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const run = new AsyncLocalStorage<number>();
const upstreamByRun = new Map<number, string[]>();
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
let h: Harness;
let merchantId: string;
let runId = 0;

beforeAll(async () => {
  process.on("unhandledRejection", onRejection);
  h = await createHarness({
    writeLimitPerMinute: 1_000_000,
    onUpstream: (req) => {
      const id = run.getStore();
      if (id === undefined || new URL(req.url).pathname.includes("/oauth/")) return;
      upstreamByRun.set(id, [...(upstreamByRun.get(id) ?? []), `${req.method} ${new URL(req.url).pathname}`]);
    },
  });
  h.as(h.users.admin);
  [merchantId] = (await h.merchants(1)) as [string];
});
afterAll(async () => {
  await h.close();
  process.off("unhandledRejection", onRejection);
});

/**
 * Would the wrapper let this request reach its handler? Uses the wrapper's own
 * parsers and the route's schemas. "elsewhere": an empty or dot-segment id made
 * the URL another route's (e.g. /api/operations/ is the list), judged there.
 */
async function passesValidation(route: AnyRoute, request: Request): Promise<boolean | "elsewhere"> {
  const url = new URL(request.url);
  const match = matchRoute(ROUTES, request.method, url.pathname);
  if (match.kind === "found" && match.route !== route) return "elsewhere";
  if (match.kind !== "found") return false;
  if (route.params && !route.params.safeParse(match.params).success) return false;
  if (route.query && !route.query.safeParse(Object.fromEntries(url.searchParams)).success) return false;
  if (route.body) {
    try {
      const text = await readBodyText(request, route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      if (!route.body.safeParse(parseBody(request, text, route.bodyType ?? "json")).success) return false;
    } catch {
      return false;
    }
  }
  return !route.write || parseIdempotencyKey(request.headers.get("idempotency-key")) !== null;
}

const encode = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, "?")); // a lone surrogate cannot be percent-encoded
  }
};

const paramNames = (route: AnyRoute) => route.path.split("/").filter((s) => s.startsWith(":"));

describe.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))("fuzz %s", (_name, route) => {
  it("hostile input: no 5xx, and nothing upstream unless the input is valid", { timeout: 120_000 }, async () => {
    const params = fc.tuple(
      ...paramNames(route).map(() =>
        fc.oneof(fc.constant(null), hostileString.map(encode), fc.constantFrom("..", "%2e%2e", "a/../b")),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        params,
        hostileQuery,
        // A GET has no body (fetch refuses to build one).
        route.method === "GET" ? fc.constant(undefined) : hostileBody,
        hostileKeyHeader,
        hostileHeaders,
        async (values, query, body: BodyInput, key, headers) => {
          let i = 0;
          // null: a real merchant id, so the body and query reach validation with a valid path.
          const path = route.path.replace(/:[A-Za-z]+/g, () => values[i++] ?? merchantId);
          const qs = new URLSearchParams(query).toString();
          const target = `${path}${qs ? `?${qs}` : ""}`;
          const id = ++runId;
          const probe = new Request(ORIGIN + target, {
            method: route.method,
            headers: {
              ...(body?.contentType ? { "Content-Type": body.contentType } : {}),
              ...(route.write && key !== null ? { "Idempotency-Key": key ?? randomUUID() } : {}),
            },
            body: body?.text,
          });
          const valid = await passesValidation(route, probe);
          const res = await run.run(id, () =>
            h.call(route.method, target, {
              raw: body?.text,
              contentType: body?.contentType ?? null,
              key: route.write ? (key === undefined ? (probe.headers.get("idempotency-key") ?? null) : key) : null,
              headers,
            }),
          );
          expect(res.status, `${route.method} ${target.slice(0, 200)} → ${res.text.slice(0, 300)}`).toBeLessThan(500);
          if (valid === false) {
            expect(res.status).toBeGreaterThanOrEqual(400);
            expect(upstreamByRun.get(id) ?? [], "an invalid request reached the upstream").toEqual([]);
          }
        },
      ),
      { numRuns: NUM_RUNS, endOnFailure: true },
    );
    expect(rejections).toEqual([]);
  });
});

describe("found by the fuzzer", () => {
  it("a paging cursor the console never handed out is a 400, not a 500", async () => {
    for (const p of ["/api/privacy-requests", "/api/audit", "/api/operations"]) {
      const res = await h.call("GET", `${p}?cursor=${encodeURIComponent("##&")}`);
      expect(res.status, p).toBe(400);
      expect(res.body.error.fields).toEqual({ "query.cursor": "is not a valid cursor" });
    }
  });
});

describe("fuzz harness", () => {
  it("attributes upstream requests to runs (so the zero counts above can fail)", () => {
    expect([...upstreamByRun.values()].flat().length).toBeGreaterThan(0);
  });
});
