import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { findSecrets } from "./secret-patterns";

/**
 * The partner credentials and tokens live only on the server. This scans what
 * a browser can ever receive: every file of the built client bundles, the HTML
 * of every page for each role, and the answer of every GET API route in the
 * route table; any partner secret or token-shaped value fails the test.
 */

const PASSWORD = process.env.DEMO_PASSWORD ?? "demo-password";
const DIST = process.env.NEXT_DIST_DIR ?? ".next";
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

/** GET routes, read from the route table's source so that a new route is scanned too. */
function getRoutes(): string[] {
  const source = readFileSync(path.join("server", "api", "routes.ts"), "utf8");
  return [...source.matchAll(/method:\s*"GET",\s*path:\s*"([^"]+)"/g)].map((m) => m[1] as string);
}

test("the built client bundles hold no partner secret or token", () => {
  const files = filesUnder(path.join(DIST, "static"));
  expect(files.length).toBeGreaterThan(5);
  const found = files.flatMap((f) => findSecrets(readFileSync(f, "latin1")).map((s) => `${f}: ${s}`));
  expect(found).toEqual([]);
});

/**
 * Every page of the build, from its app-paths manifest (route groups removed).
 * Dynamic segments are filled with a seeded merchant's id or a placeholder.
 */
function pagesOfBuild(accountId: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(DIST, "server", "app-paths-manifest.json"), "utf8")) as Record<
    string,
    string
  >;
  return Object.keys(manifest)
    .filter((k) => k.endsWith("/page") && !k.startsWith("/_"))
    .map((k) =>
      k
        .slice(0, -"/page".length)
        .split("/")
        .filter((seg) => !/^\(.*\)$/.test(seg))
        .map((seg) => (seg === "[accountId]" ? accountId : /^\[.*\]$/.test(seg) ? "unknown" : seg))
        .join("/"),
    )
    .map((p) => p || "/");
}

test("page HTML holds no secret, signed out and for each role", async ({ page }) => {
  const signInHtml = await (await page.request.get("/sign-in")).text();
  expect(findSecrets(signInHtml)).toEqual([]);
  let pages: string[] = [];
  for (const email of ["support@demo.test", "manager@demo.test", "admin@demo.test"]) {
    await page.context().clearCookies();
    await signIn(page, email);
    if (pages.length === 0) {
      const list = await page.request.get("/api/merchants?pageSize=1");
      pages = pagesOfBuild((await list.json()).data.merchants[0].accountId as string);
      expect(pages).toEqual(expect.arrayContaining(["/", "/merchants", "/operations", "/audit", "/sign-in"]));
    }
    for (const p of pages) {
      const res = await page.request.get(p);
      const html = await res.text();
      expect(res.status(), `${email} ${p}`).toBeLessThan(500);
      expect(findSecrets(html), `${email} ${p}`).toEqual([]);
    }
  }
});

test("every GET API route answers without a secret", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  const list = await page.request.get("/api/merchants?pageSize=1");
  expect(list.status()).toBe(200);
  const first = (await list.json()).data.merchants[0] as { accountId: string; status: string };
  const accountId = first.accountId;
  // A write so that the operations routes have something to show.
  const put = await page.request.put(`/api/merchants/${accountId}/status?dry_run=true`, {
    headers: { "X-Requested-With": "XMLHttpRequest", "Idempotency-Key": crypto.randomUUID() },
    data: { status: "paused" },
  });
  expect(put.status()).toBe(200);
  const operationId = (await put.json()).operationId as string;
  // A draft so that the onboarding routes have one to show.
  const draft = await page.request.post("/api/onboarding/drafts", {
    headers: { "X-Requested-With": "XMLHttpRequest", "Idempotency-Key": crypto.randomUUID() },
  });
  expect(draft.status()).toBe(201);
  const draftId = (await draft.json()).data.id as string;
  // A bulk job so that its routes have one to show: the merchant already matches, so it is skipped.
  const job = await page.request.post("/api/bulk/jobs", {
    headers: { "X-Requested-With": "XMLHttpRequest", "Idempotency-Key": crypto.randomUUID() },
    data: {
      params: { action: first.status === "paused" ? "pause" : "resume", reason: "secret scan" },
      selection: { kind: "ids", accountIds: [accountId] },
    },
  });
  expect(job.status()).toBe(201);
  const jobId = (await job.json()).data.id as string;

  const routes = getRoutes();
  expect(routes.length).toBeGreaterThanOrEqual(9);
  for (const route of routes) {
    const url = route
      .replace(":accountId", accountId)
      .replace(":operationId", operationId)
      .replace(":draftId", draftId)
      .replace(":jobId", jobId)
      // Taxonomy version 1 is the seed from data/taxonomy.csv: it exists once anything read the taxonomy.
      .replace(":version", "1");
    expect(url, "a GET route with a parameter this test does not fill").not.toContain(":");
    const res = await page.request.get(url);
    const text = await res.text();
    expect(res.status(), `${url}: ${text}`).toBeLessThan(400);
    expect(res.headers()["cache-control"], url).toBe("no-store");
    expect(findSecrets(text, { fieldNamesAllowed: route === "/api/openapi.json" }), url).toEqual([]);
  }
});
