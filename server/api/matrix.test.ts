import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasRole, ROLES, type Role } from "@/lib/auth/roles";
import { ROUTES } from "./routes";
import { createHarness, type Harness } from "./test-harness";

/**
 * Every route in the table, called as nobody and as each role: allowed means
 * anything but 401/403, denied means exactly 401 (nobody) or 403 (a role below
 * the route's). A route added to the table without a sample here fails the test.
 */

let h: Harness;
let account: string;
let pageId: string;
let layoutId: string;
let otherUserId: string;
let pageRow: string;

interface Sample {
  path: string;
  body?: unknown;
  raw?: string;
  contentType?: string;
  /** The status an allowed caller gets (default: any 2xx). */
  okStatus?: number;
}

const TAXONOMY_HEADER =
  "partner_vertical_id,partner_vertical_name,partner_sub_vertical_id,partner_sub_vertical_name,rokt_vertical_id,rokt_sub_vertical_id";
const LAYOUT_HEADER = "account_id,page_id,layout_id,surface,layout_type";

function samples(): Record<string, () => Sample> {
  return {
    "GET /api/merchants": () => ({ path: "/api/merchants?q=a&status=active&sort=created&pageSize=2" }),
    "GET /api/merchants/export.csv": () => ({ path: "/api/merchants/export.csv?status=paused" }),
    "POST /api/merchants/sync": () => ({ path: "/api/merchants/sync" }),
    "GET /api/views": () => ({ path: "/api/views" }),
    "POST /api/views": () => ({ path: "/api/views", body: { name: "Matrix view", query: "status=paused" } }),
    "DELETE /api/views/:id": () => ({ path: "/api/views/doesnotexist", okStatus: 404 }),
    "GET /api/merchants/:accountId/controls": () => ({ path: `/api/merchants/${account}/controls` }),
    "PUT /api/merchants/:accountId/controls": () => ({
      path: `/api/merchants/${account}/controls?dry_run=true`,
      body: {
        name: "Matrix Controls",
        blockedVerticals: [{ partnerVerticalId: 1500, partnerSubVerticalId: 1610, policy: "Block" }],
      },
    }),
    "GET /api/merchants/:accountId/status": () => ({ path: `/api/merchants/${account}/status` }),
    "PUT /api/merchants/:accountId/status": () => ({
      path: `/api/merchants/${account}/status?dry_run=true`,
      body: { status: "paused", reason: "matrix" },
    }),
    "GET /api/merchants/:accountId/knowledge": () => ({ path: `/api/merchants/${account}/knowledge` }),
    "POST /api/merchants/:accountId/pages": () => ({
      path: `/api/merchants/${account}/pages?dry_run=true`,
      body: { pages: [{ surface: "returns", layout_type: "Overlay" }] },
    }),
    "PUT /api/merchants/:accountId/pages/:pageId": () => ({
      path: `/api/merchants/${account}/pages/${pageId}?dry_run=true`,
      body: { layout_type: "Embedded" },
    }),
    "PATCH /api/merchants/:accountId/layouts/:layoutId": () => ({
      path: `/api/merchants/${account}/layouts/${layoutId}?dry_run=true`,
      body: { borderRadius: 4 },
    }),
    "POST /api/merchants": () => ({
      path: "/api/merchants?dry_run=true",
      body: {
        brand: "Matrix Shop",
        vertical_id: 1500,
        sub_vertical_id: 1610,
        country_code: "GB",
        store_identifier: "https://matrix.example.com",
        external_account_id: `matrix-${randomUUID()}`,
      },
    }),
    "POST /api/merchants/:accountId/payout-setup": () => ({
      path: `/api/merchants/${account}/payout-setup`,
      body: { return_url: "https://console.example.com/back", refresh_url: "https://console.example.com/again" },
    }),
    "POST /api/privacy-requests": () => ({
      path: "/api/privacy-requests?dry_run=true",
      body: { requestType: "NETWORK_OPT_OUT", phone: "+447700900123" },
    }),
    "POST /api/merchants/:accountId/data-deletion": () => ({
      path: `/api/merchants/${account}/data-deletion?dry_run=true`,
      body: { reason: "matrix dry run" },
    }),
    "GET /api/privacy-requests": () => ({ path: "/api/privacy-requests?kind=consumer" }),
    "GET /api/privacy/merchants": () => ({ path: "/api/privacy/merchants?q=a" }),
    // A confirmation that is not the merchant's external id: refused after the merchant is found, nothing sent.
    "POST /api/privacy/deletions": () => ({
      path: "/api/privacy/deletions?dry_run=true",
      body: { accountId: account, reason: "matrix dry run", confirmExternalAccountId: "not-the-external-id" },
      okStatus: 400,
    }),
    "POST /api/privacy/deletions/:requestId/approve": () => ({
      path: "/api/privacy/deletions/zzzzzzzzzzzzzz/approve",
      okStatus: 404,
    }),
    // Drafts belong to whoever started them: another user's (or no) draft is a 404 for every allowed role.
    "GET /api/onboarding/drafts": () => ({ path: "/api/onboarding/drafts" }),
    "POST /api/onboarding/drafts": () => ({ path: "/api/onboarding/drafts" }),
    "GET /api/onboarding/drafts/:draftId": () => ({ path: "/api/onboarding/drafts/no-such-draft", okStatus: 404 }),
    "PUT /api/onboarding/drafts/:draftId": () => ({
      path: "/api/onboarding/drafts/no-such-draft",
      body: { data: {}, reached: 0 },
      okStatus: 404,
    }),
    "DELETE /api/onboarding/drafts/:draftId": () => ({ path: "/api/onboarding/drafts/no-such-draft", okStatus: 404 }),
    "POST /api/onboarding/drafts/:draftId/dry-run": () => ({
      path: "/api/onboarding/drafts/no-such-draft/dry-run?dry_run=true",
      okStatus: 404,
    }),
    "GET /api/onboarding/drafts/:draftId/run": () => ({
      path: "/api/onboarding/drafts/no-such-draft/run",
      okStatus: 404,
    }),
    "POST /api/onboarding/drafts/:draftId/run": () => ({
      path: "/api/onboarding/drafts/no-such-draft/run",
      body: { payoutLink: false },
      okStatus: 404,
    }),
    "POST /api/onboarding/drafts/:draftId/run/retry": () => ({
      path: "/api/onboarding/drafts/no-such-draft/run/retry",
      body: { step: "register", mode: "same" },
      okStatus: 404,
    }),
    "GET /api/onboarding/templates": () => ({ path: "/api/onboarding/templates" }),
    "POST /api/onboarding/templates": () => ({
      path: "/api/onboarding/templates",
      body: {
        name: "Matrix template",
        blocked: [{ partnerVerticalId: 1500, partnerSubVerticalId: 1610 }],
        domainsText: "",
      },
    }),
    "GET /api/operations": () => ({ path: "/api/operations" }),
    "GET /api/operations/:operationId": () => ({
      path: "/api/operations/op_doesnotexist00000000000000",
      okStatus: 404,
    }),
    "GET /api/audit": () => ({ path: "/api/audit?outcome=denied" }),
    "GET /api/users": () => ({ path: "/api/users" }),
    "PATCH /api/users/:userId": () => ({ path: `/api/users/${otherUserId}`, body: { disabled: false } }),
    "POST /api/users/invites": () => ({
      path: "/api/users/invites",
      body: { email: `invite-${randomUUID()}@api.test`, name: "Invited", role: "support" },
    }),
    "GET /api/settings/health": () => ({ path: "/api/settings/health" }),
    "POST /api/knowledge/import": () => ({
      path: "/api/knowledge/import",
      raw: `account_id,page_id,layout_id,surface,layout_type\n${account},${randomUUID()},${randomUUID()},returns,Overlay\n`,
      contentType: "text/csv",
    }),
    "GET /api/settings/taxonomy": () => ({ path: "/api/settings/taxonomy" }),
    "POST /api/settings/taxonomy/preview": () => ({
      path: "/api/settings/taxonomy/preview",
      raw: `${TAXONOMY_HEADER}\n1500,Apparel,1610,Women,200,4007\n`,
      contentType: "text/csv",
    }),
    // A preview made against a version that is not the current one: refused (409), nothing applied.
    "POST /api/settings/taxonomy/apply": () => ({
      path: "/api/settings/taxonomy/apply?base=999999",
      raw: `${TAXONOMY_HEADER}\n1500,Apparel,1610,Women,200,4007\n`,
      contentType: "text/csv",
      okStatus: 409,
    }),
    "GET /api/settings/taxonomy/current.csv": () => ({ path: "/api/settings/taxonomy/current.csv" }),
    "GET /api/settings/taxonomy/versions/:version/download": () => ({
      path: "/api/settings/taxonomy/versions/1/download",
    }),
    "POST /api/settings/layouts/preview": () => ({
      path: "/api/settings/layouts/preview",
      raw: `${LAYOUT_HEADER}\n${pageRow}\n${account},${randomUUID()},${randomUUID()},returns,Overlay\n`,
      contentType: "text/csv",
    }),
    "POST /api/settings/layouts/apply": () => ({
      path: "/api/settings/layouts/apply",
      raw: `${LAYOUT_HEADER}\n${pageRow}\n`,
      contentType: "text/csv",
    }),
    "GET /api/settings/layouts/current.csv": () => ({ path: "/api/settings/layouts/current.csv" }),
    "GET /api/settings/templates": () => ({ path: "/api/settings/templates" }),
    "POST /api/settings/templates": () => ({
      path: "/api/settings/templates",
      body: {
        name: `Matrix ${randomUUID()}`,
        blocked: [{ partnerVerticalId: 1500, partnerSubVerticalId: 1610 }],
        domainsText: "",
      },
    }),
    "PUT /api/settings/templates/:templateId": () => ({
      path: "/api/settings/templates/nosuchtemplate",
      body: { name: "Matrix renamed", blocked: [], domainsText: "" },
      okStatus: 404,
    }),
    "DELETE /api/settings/templates/:templateId": () => ({
      path: "/api/settings/templates/nosuchtemplate",
      okStatus: 404,
    }),
    // Bulk jobs: a selection nobody matches is refused before anything runs; unknown jobs are 404s.
    "POST /api/bulk/preview": () => ({
      path: "/api/bulk/preview",
      body: {
        params: { action: "pause", reason: "matrix" },
        selection: { kind: "filter", filter: { q: "zzzznomatch" } },
      },
      okStatus: 400,
    }),
    "GET /api/bulk/jobs": () => ({ path: "/api/bulk/jobs" }),
    "POST /api/bulk/jobs": () => ({
      path: "/api/bulk/jobs",
      body: {
        params: { action: "pause", reason: "matrix" },
        selection: { kind: "filter", filter: { q: "zzzznomatch" } },
      },
      okStatus: 400,
    }),
    "GET /api/bulk/jobs/:jobId": () => ({ path: "/api/bulk/jobs/nosuchjob000", okStatus: 404 }),
    "POST /api/bulk/jobs/:jobId/control": () => ({
      path: "/api/bulk/jobs/nosuchjob000/control",
      body: { command: "pause" },
      okStatus: 404,
    }),
    "POST /api/bulk/jobs/:jobId/retry": () => ({ path: "/api/bulk/jobs/nosuchjob000/retry", okStatus: 404 }),
    "GET /api/bulk/jobs/:jobId/failures.csv": () => ({
      path: "/api/bulk/jobs/nosuchjob000/failures.csv",
      okStatus: 404,
    }),
    "GET /api/openapi.json": () => ({ path: "/api/openapi.json" }),
    "GET /api/health": () => ({ path: "/api/health" }),
  };
}

beforeAll(async () => {
  h = await createHarness({ seedMerchants: 6 });
  [account = ""] = await h.merchants(1);
  h.as(h.users.support);
  const known = await h.call("GET", `/api/merchants/${account}/knowledge`);
  const page = known.body.data.pages[0];
  pageId = page.pageId;
  layoutId = page.layoutId;
  pageRow = `${account},${pageId},${layoutId},${page.surface},${page.layoutType}`;
  otherUserId = (
    await h.db.users.create({ email: "other@api.test", name: "Other", role: "support", passwordHash: null })
  ).id;
});
afterAll(async () => {
  await h.close();
});

describe("role × route matrix", () => {
  const table = samples();
  it("has a sample for every route in the table, and no other", () => {
    expect(Object.keys(table).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  for (const route of ROUTES) {
    const name = `${route.method} ${route.path}`;
    for (const who of ["nobody", ...ROLES] as const) {
      const allowed = route.role === null || (who !== "nobody" && hasRole(who as Role, route.role));
      it(`${name} as ${who} → ${allowed ? "allowed" : "denied"}`, async () => {
        h.as(who === "nobody" ? null : h.users[who as Role]);
        const sample = table[name]?.();
        expect(sample, `no sample for ${name}`).toBeDefined();
        if (!sample) return;
        const res = await h.call(route.method, sample.path, {
          body: sample.body,
          raw: sample.raw,
          contentType: sample.contentType,
        });
        if (allowed) {
          expect([401, 403], `${name} as ${who}: ${res.text}`).not.toContain(res.status);
          if (sample.okStatus) expect(res.status, res.text).toBe(sample.okStatus);
          else expect(res.status, `${name} as ${who}: ${res.text}`).toBeLessThan(300);
        } else {
          expect(res.status, res.text).toBe(who === "nobody" ? 401 : 403);
        }
        expect(res.headers.get("cache-control")).toBe("no-store");
      });
    }
  }
});
