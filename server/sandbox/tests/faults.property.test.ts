/**
 * Property (issue 2, "Tests"): a random sequence of writes, retried with the same
 * Idempotency-Key until answered, leaves a sandbox with random faults in the same
 * state, with the same answers, as the same writes on a sandbox without faults.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import {
  type Env,
  type Json,
  LAYOUT_PATH,
  MCL_PATH,
  openManual,
  PAGES_PATH,
  randomUUID,
  type Res,
  STATUS_PATH,
} from "./harness";

const SEED = 6;
const ACCOUNTS = 3;
const PAIRS = [
  [1500, 1610],
  [1502, 1620],
  [1504, 1612],
] as const;
const DOMAINS = ["a.example.com", "B.example.com", "c.example.org"];

type Cmd =
  | { kind: "status"; acc: number; status: "active" | "paused" }
  | { kind: "mcl"; acc: number; name: string; pairs: number[]; domains: number[] }
  | { kind: "pages"; acc: number; surface: string; layout: string }
  | { kind: "patch"; acc: number; theme: Record<string, string | number> };

const acc = fc.integer({ min: 0, max: ACCOUNTS - 1 });
const colour = fc.constantFrom("#abc", "#112233", "#FFF", "#0a0B0c");
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({
    kind: fc.constant("status" as const),
    acc,
    status: fc.constantFrom("active" as const, "paused" as const),
  }),
  fc.record({
    kind: fc.constant("mcl" as const),
    acc,
    name: fc.constantFrom("Controls", "Blocked", "Other"),
    pairs: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 3 }),
    domains: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant("pages" as const),
    acc,
    surface: fc.constantFrom("confirmation", "tracking", "returns"),
    layout: fc.constantFrom("Overlay", "Embedded"),
  }),
  fc.record({
    kind: fc.constant("patch" as const),
    acc,
    theme: fc.record(
      { primaryColor: colour, textColor: colour, borderRadius: fc.integer({ min: 0, max: 48 }) },
      { requiredKeys: [] },
    ),
  }),
);

interface Target {
  id: string;
  layoutId: string;
}

function request(c: Cmd, t: Target): [string, string, unknown] {
  switch (c.kind) {
    case "status":
      return ["PUT", STATUS_PATH(t.id), { status: c.status }];
    case "mcl":
      return [
        "PUT",
        MCL_PATH(t.id),
        {
          name: c.name,
          blockedVerticals: c.pairs.map((i) => ({
            partnerVerticalId: PAIRS[i]![0],
            partnerSubVerticalId: PAIRS[i]![1],
            policy: "Block",
          })),
          domains: c.domains.map((i) => ({ domain: DOMAINS[i], policy: "Block" })),
        },
      ];
    case "pages":
      return ["POST", PAGES_PATH(t.id), { pages: [{ surface: c.surface, layout_type: c.layout }] }];
    case "patch":
      return ["PATCH", LAYOUT_PATH(t.id, t.layoutId), c.theme];
  }
}

/** Sends one write, resending it with the same key after a dropped answer, a 500 or a 409 in flight. */
async function untilAnswered(env: Env, method: string, path: string, body: unknown): Promise<Res> {
  const key = randomUUID();
  for (let attempt = 0; attempt < 200; attempt++) {
    let res: Res;
    try {
      res = await env.write(method, path, body, { key });
    } catch (e) {
      if (e instanceof TypeError) continue;
      throw e;
    }
    if (res.status === 500 || (res.status === 409 && res.headers.get("retry-after"))) continue;
    return res;
  }
  throw new Error(`no answer for ${method} ${path}`);
}

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** Ids minted at random (new pages, layouts, variants, operations, requests) differ by nature; arrays keyed by them may too. */
function canonical(v: Json): Json {
  if (typeof v === "string") return v.replace(UUIDS, "<uuid>").replace(/op_[a-z0-9]{26}/g, "<op>");
  if (Array.isArray(v)) return v.map(canonical).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  if (v && typeof v === "object") {
    const out: Json = {};
    for (const k of Object.keys(v).sort()) if (k !== "request_id") out[k] = canonical(v[k]);
    return out;
  }
  return v;
}

async function targets(env: Env): Promise<Target[]> {
  const rows = (await env.admin("GET", "/_sandbox/export/layouts.csv")).text.trim().split(/\r?\n/).slice(1);
  const ids = [...new Set(rows.map((r) => r.split(",")[0]!))].slice(0, ACCOUNTS);
  return ids.map((id) => ({ id, layoutId: rows.find((r) => r.startsWith(`${id},`))!.split(",")[2]! }));
}

async function snapshot(env: Env, ts: Target[]): Promise<Json> {
  const states = await Promise.all(ts.map((t) => env.state(t.id)));
  return canonical({ states, list: await env.listAll() });
}

it("random writes under random faults end in the same state as without faults", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(cmd, { minLength: 1, maxLength: 12 }),
      fc.double({ min: 0, max: 0.6, noNaN: true }),
      fc.double({ min: 0, max: 0.6, noNaN: true }),
      async (cmds, errorRate, dropRate) => {
        const a = openManual({ seedMerchants: SEED });
        const b = openManual({ seedMerchants: SEED });
        try {
          const ta = await targets(a);
          const tb = await targets(b);
          expect(tb).toEqual(ta);
          await b.faults({ error_rate: errorRate, drop_after_commit_rate: dropRate });
          for (const c of cmds) {
            const [method, path, body] = request(c, ta[c.acc]!);
            const ra = await a.write(method, path, body);
            const rb = await untilAnswered(b, method, path, body);
            expect(rb.status, `${method} ${path}`).toBe(ra.status);
            expect(canonical(rb.body)).toEqual(canonical(ra.body));
          }
          await b.faults({ error_rate: 0, drop_after_commit_rate: 0 });
          expect(await snapshot(b, tb)).toEqual(await snapshot(a, ta));
        } finally {
          a.dispose();
          b.dispose();
        }
      },
    ),
    { numRuns: 25 },
  );
}, 120_000);
