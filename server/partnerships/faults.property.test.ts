import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PartnershipsError } from "./errors";
import { key, openSandbox, type SandboxRig } from "./test-sandbox";

/**
 * Property: a random sequence of writes sent through the client to a sandbox with
 * random faults (injected 500s, answers cut after commit) ends in the same account
 * state, with the same per-write outcomes, as the same writes sent to a sandbox
 * without faults. That is "retries never duplicate or lose a write".
 */

const SURFACES = ["confirmation", "tracking", "returns"] as const;
const TYPES = ["Overlay", "Embedded"] as const;
const DOMAINS = ["a.example.com", "b.example.com", "c.example.com"];
const PAIRS = [
  [1500, 1610],
  [1502, 1620],
  [1504, 1612],
] as const;

const op = fc.oneof(
  fc.record({ kind: fc.constant("status" as const), status: fc.constantFrom("active" as const, "paused" as const) }),
  fc.record({
    kind: fc.constant("controls" as const),
    name: fc.constantFrom("Safety", "Strict"),
    domains: fc.subarray(DOMAINS),
    pairs: fc.subarray([0, 1, 2]),
  }),
  fc.record({
    kind: fc.constant("addPage" as const),
    surface: fc.constantFrom(...SURFACES),
    type: fc.constantFrom(...TYPES),
  }),
  fc.record({
    kind: fc.constant("switch" as const),
    surface: fc.constantFrom(...SURFACES),
    type: fc.constantFrom(...TYPES),
  }),
  fc.record({
    kind: fc.constant("patch" as const),
    surface: fc.constantFrom(...SURFACES),
    radius: fc.integer({ min: 0, max: 48 }),
  }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

interface StoredPage {
  page_id: string;
  surface: string;
  current_layout_id: string;
  layouts: { layout_id: string; layout_type: string }[];
}
const pagesOf = async (rig: SandboxRig, id: string) =>
  ((await rig.admin.getAccountState(id)) as { pages: StoredPage[] }).pages;

/** Runs one write; the outcome is "ok", "skip" (nothing to address) or the typed error's code and reason. */
async function run(rig: SandboxRig, id: string, o: Op): Promise<string> {
  const opts = { idempotencyKey: key() };
  const page = (await pagesOf(rig, id)).find((p) => "surface" in o && p.surface === o.surface);
  try {
    if (o.kind === "status") await rig.client.putStatus(id, { status: o.status }, opts);
    else if (o.kind === "controls") {
      const blockedVerticals = o.pairs.map((i) => ({
        partnerVerticalId: PAIRS[i]![0],
        partnerSubVerticalId: PAIRS[i]![1],
        policy: "Block" as const,
      }));
      await rig.client.putControls(
        id,
        { name: o.name, blockedVerticals, domains: o.domains.map((domain) => ({ domain, policy: "Block" as const })) },
        opts,
      );
    } else if (o.kind === "addPage") {
      await rig.client.addPages(id, { pages: [{ surface: o.surface, layout_type: o.type }] }, opts);
    } else if (!page) return "skip";
    else if (o.kind === "switch") await rig.client.switchPageLayout(id, page.page_id, { layout_type: o.type }, opts);
    else await rig.client.patchLayout(id, page.current_layout_id, { borderRadius: o.radius }, opts);
    return "ok";
  } catch (err) {
    if (!(err instanceof PartnershipsError)) throw err;
    return `${err.code}:${"reason" in err ? String(err.reason) : ""}`;
  }
}

const VOLATILE = new Set([
  "page_id",
  "pageId",
  "pageVariantId",
  "layout_id",
  "marketplaceControlsListId",
  "created_at",
  "updated_at",
]);
/** The account's stored state without generated ids and times; the current layout named by its type. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value === null || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (VOLATILE.has(k)) continue;
    if (k === "current_layout_id") {
      const layouts = (obj.layouts ?? []) as { layout_id: string; layout_type: string }[];
      out.current_layout_type = layouts.find((l) => l.layout_id === v)?.layout_type;
    } else if (k === "layouts" && Array.isArray(v)) {
      // A page has at most one layout per type; generated ids (and equal timestamps) make the stored order arbitrary.
      out[k] = (v as { layout_type: string }[])
        .map(normalize)
        .sort((a, b) =>
          String((a as { layout_type: string }).layout_type).localeCompare(
            String((b as { layout_type: string }).layout_type),
          ),
        );
    } else out[k] = normalize(v);
  }
  return out;
}

let faulty: SandboxRig;
let clean: SandboxRig;
let accounts: string[];
beforeAll(async () => {
  faulty = openSandbox({ client: { maxAttempts: 40 } });
  clean = openSandbox();
  accounts = (await clean.client.listAccounts({ limit: 20 })).data.accounts.map((a) => a.account_id);
  const same = (await faulty.client.listAccounts({ limit: 20 })).data.accounts.map((a) => a.account_id);
  expect(same).toEqual(accounts);
});
afterAll(() => {
  faulty.close();
  clean.close();
});

describe("client retries under random faults (property)", () => {
  it("end in the same state and outcomes as without faults", { timeout: 120_000 }, async () => {
    let next = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(0, 0.25, 0.4),
        fc.constantFrom(0, 0.25, 0.4),
        async (ops, errorRate, dropRate) => {
          const id = accounts[next++ % accounts.length]!;
          const expected: string[] = [];
          for (const o of ops) expected.push(await run(clean, id, o));
          await faulty.admin.setFaults({ error_rate: errorRate, drop_after_commit_rate: dropRate });
          const got: string[] = [];
          try {
            for (const o of ops) got.push(await run(faulty, id, o));
          } finally {
            await faulty.admin.setFaults({ error_rate: 0, drop_after_commit_rate: 0 });
          }
          expect(got).toEqual(expected);
          expect(normalize(await faulty.admin.getAccountState(id))).toEqual(
            normalize(await clean.admin.getAccountState(id)),
          );
        },
      ),
      { numRuns: 20 },
    );
    // The faults did act: injected 500s and cut answers were met and overcome.
    expect(faulty.logs.some((l) => l.status === 500)).toBe(true);
    expect(faulty.logs.some((l) => l.error === "network")).toBe(true);
  });
});
