/**
 * Property (issue 2, "Tests"): a random sequence of writes, retried with the same
 * Idempotency-Key until answered, leaves a sandbox with random faults in the same
 * state, with the same answers, as the same writes on a sandbox without faults.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import {
  DEMO,
  type Env,
  type Json,
  LAYOUT_PATH,
  MCL_PATH,
  openManual,
  PAGES_PATH,
  REGISTER_PATH,
  type Res,
  randomUUID,
  STATUS_PATH,
} from "./harness";

const SEED = 4;
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
  | { kind: "patch"; acc: number; theme: Record<string, string | number> }
  | { kind: "switch"; acc: number; layout: string };

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
  {
    // Adding pages is the one write that is not idempotent by nature: weighted up so a double execution shows.
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("pages" as const),
      acc,
      surface: fc.constantFrom("confirmation", "tracking", "returns"),
      layout: fc.constantFrom("Overlay", "Embedded"),
    }),
  },
  fc.record({
    kind: fc.constant("patch" as const),
    acc,
    theme: fc.record(
      { primaryColor: colour, textColor: colour, borderRadius: fc.integer({ min: 0, max: 48 }) },
      { requiredKeys: [] },
    ),
  }),
  fc.record({ kind: fc.constant("switch" as const), acc, layout: fc.constantFrom("Overlay", "Embedded") }),
);

interface Target {
  id: string;
  layoutId: string;
  pageId: string;
}

const BASE_BODY = {
  brand: "Prop",
  vertical_id: 1500,
  sub_vertical_id: 1610,
  country_code: "US",
  platform_parent_account_id: DEMO.parent,
  pages: [{ surface: "confirmation", layout_type: "Overlay" }],
};

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
    case "switch":
      return ["PUT", `${PAGES_PATH(t.id)}/${t.pageId}`, { layout_type: c.layout }];
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
function canonical(v: Json, ts: Target[]): Json {
  if (typeof v === "string") {
    let out = v.replace(UUIDS, "<uuid>").replace(/op_[a-z0-9]{26}/g, "<op>");
    ts.forEach((t, i) => {
      out = out.replaceAll(t.id, `<account ${i}>`);
    });
    return out;
  }
  if (Array.isArray(v)) {
    const items = v.map((x) => canonical(x, ts));
    return items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  }
  if (v && typeof v === "object") {
    const out: Json = {};
    for (const k of Object.keys(v).sort()) if (k !== "request_id") out[k] = canonical(v[k], ts);
    return out;
  }
  return v;
}

/** Fresh accounts with one page, registered alike on both sandboxes, so adding pages can succeed. */
async function targets(env: Env): Promise<Target[]> {
  const out: Target[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const res = await env.write(
      "POST",
      REGISTER_PATH,
      {
        ...BASE_BODY,
        external_account_id: `prop-${i}`,
        store_identifier: `https://prop-${i}.example.com`,
      },
      { key: null },
    );
    expect(res.status, res.text).toBe(200);
    out.push({
      id: res.body.data.account_id,
      layoutId: res.body.data.pages[0].layout_id,
      pageId: res.body.data.pages[0].page_id,
    });
  }
  return out;
}

async function snapshot(env: Env, ts: Target[]): Promise<Json> {
  const states = await Promise.all(ts.map((t) => env.state(t.id)));
  return canonical({ states, list: await env.listAll() }, ts);
}

it("random writes under random faults end in the same state as without faults", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(cmd, { minLength: 1, maxLength: 12 }),
      fc.double({ min: 0.1, max: 0.6, noNaN: true }),
      fc.double({ min: 0.1, max: 0.6, noNaN: true }),
      async (cmds, errorRate, dropRate) => {
        const a = openManual({ seedMerchants: SEED });
        const b = openManual({ seedMerchants: SEED });
        try {
          const ta = await targets(a);
          const tb = await targets(b);
          await b.faults({ error_rate: errorRate, drop_after_commit_rate: dropRate });
          for (const c of cmds) {
            const [method, path, body] = request(c, ta[c.acc]!);
            const ra = await a.write(method, path, body);
            const [methodB, pathB, bodyB] = request(c, tb[c.acc]!);
            const rb = await untilAnswered(b, methodB, pathB, bodyB);
            expect(rb.status, `${method} ${path}`).toBe(ra.status);
            expect(canonical(rb.body, tb)).toEqual(canonical(ra.body, ta));
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
