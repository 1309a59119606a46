import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";
import { sandboxAccount, sandboxAccounts } from "./sandbox";

/**
 * Bulk actions: a support user filters the merchant list to one country,
 * selects all matching, pauses them with a reason, watches the job reach the
 * end on its own page, and finds them paused in the list and in the sandbox.
 * Then resumes them the same way, so the other journeys find the seed as it was.
 */

test.setTimeout(180_000);

async function noAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include("#main").analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

const table = (page: Page) => page.getByRole("table", { name: "Merchants" });

async function runJob(page: Page, action: "Pause" | "Resume", n: number, reason: string) {
  await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: action, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `${action} ${n} ${n === 1 ? "merchant" : "merchants"}` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("textbox", { name: "Reason" }).fill(reason);
  await dialog.getByRole("button", { name: "Preview" }).click();
  const preview = dialog.getByRole("region", { name: "Bulk preview" });
  await expect(preview.getByText(`${n} will change`, { exact: true })).toBeVisible();
  await expect(preview.getByText("0 already match (skipped)", { exact: true })).toBeVisible();
  await dialog.getByRole("button", { name: "Start job" }).click();
  await expect(page).toHaveURL(/\/bulk\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1, name: `Bulk job: ${action}` })).toBeVisible();
  const bar = page.getByRole("progressbar", { name: "Job progress" });
  await expect(bar).toHaveAttribute("aria-valuenow", "100", { timeout: 90_000 });
  await expect(page.getByText(`Done ${n}`, { exact: true })).toBeVisible();
  await expect(page.getByText("Failed 0", { exact: true })).toBeVisible();
  await expect(page.getByText("Skipped 0", { exact: true })).toBeVisible();
  await expect(page.getByText("Remaining 0", { exact: true })).toBeVisible();
  const results = page.getByRole("table", { name: "Results" });
  for (const name of ["Merchant", "Outcome", "Operation"]) {
    await expect(results.getByRole("columnheader", { name, exact: true })).toBeVisible();
  }
  await expect(results.locator("tbody tr")).toHaveCount(n);
  await expect(results.getByRole("cell", { name: "Done", exact: true })).toHaveCount(n);
  await expect(results.getByRole("link", { name: /^op_/ })).toHaveCount(n);
  await expect(page.getByRole("link", { name: "Download failures (CSV)" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Retry failed" })).toHaveCount(0);
  return page.url();
}

test("support pauses every merchant of a country with a reason, then resumes them", async ({ page }) => {
  // The country with the fewest merchants, all active (so every one of them changes), at least two.
  const seeded = await sandboxAccounts();
  const byCountry = new Map<string, typeof seeded>();
  for (const a of seeded) byCountry.set(a.country_code, [...(byCountry.get(a.country_code) ?? []), a]);
  const [country, merchants] =
    [...byCountry.entries()]
      .map(([c, list]) => [c, list.filter((a) => a.status === "active")] as const)
      .filter(([, list]) => list.length >= 2)
      .sort((a, b) => a[1].length - b[1].length)[0] ?? [];
  if (!country || !merchants) throw new Error("no country with two active merchants in the seed");
  const n = merchants.length;

  await signIn(page, DEMO.support);
  await page.goto(`/merchants?country=${country}&status=active&pageSize=1`);
  await expect(table(page).locator("tbody tr")).toHaveCount(1);
  await page.getByRole("checkbox", { name: "Select all on this page" }).check();
  await expect(table(page).locator("tbody tr").first().getByRole("checkbox")).toBeChecked();
  await page.getByRole("button", { name: `Select all ${n} matching` }).click();
  await expect(page.getByRole("toolbar", { name: "Bulk actions" }).getByText(`${n} selected`)).toBeVisible();

  const jobUrl = await runJob(page, "Pause", n, "Fraud hold across the region");
  await noAxeViolations(page);
  for (const m of merchants) expect((await sandboxAccount(m.account_id)).account).toMatchObject({ status: "paused" });

  // The list shows them paused (the index follows the job's writes at once).
  await page.goto(`/merchants?country=${country}&status=paused`);
  for (const m of merchants) {
    await expect(table(page).getByRole("link", { name: m.brand, exact: true })).toBeVisible();
  }

  await page.goto("/bulk");
  await expect(page.getByRole("heading", { level: 1, name: "Bulk jobs" })).toBeVisible();
  const jobs = page.getByRole("table", { name: "Bulk jobs, newest first" });
  for (const name of ["Action", "Merchants", "Progress", "Started by", "Started"]) {
    await expect(jobs.getByRole("columnheader", { name, exact: true })).toBeVisible();
  }
  const row = jobs
    .locator("tbody tr")
    .filter({ has: page.getByRole("link", { name: "Pause", exact: true }) })
    .first();
  await expect(row).toContainText("100%");
  await expect(row).toContainText(DEMO.support);
  await noAxeViolations(page);
  await row.getByRole("link", { name: "Pause", exact: true }).click();
  await expect(page).toHaveURL(jobUrl);

  // Back as they were: every merchant of the selection resumed, by ids this time (rows ticked one by one).
  await page.goto(`/merchants?country=${country}&status=paused&pageSize=100`);
  for (const m of merchants) await page.getByRole("checkbox", { name: `Select ${m.brand}`, exact: true }).check();
  await runJob(page, "Resume", n, "Hold lifted");
  for (const m of merchants) expect((await sandboxAccount(m.account_id)).account).toMatchObject({ status: "active" });
});

test("a block the API refuses fails for each merchant; Retry failed re-runs them in the same job; failures as CSV", async ({
  page,
}) => {
  const seeded = await sandboxAccounts();
  const picked = seeded.slice(0, 2);
  const before = await Promise.all(picked.map(async (m) => (await sandboxAccount(m.account_id)).controls));

  await signIn(page, DEMO.support);
  await page.goto("/merchants?sort=created&dir=asc");
  for (const m of picked) await page.getByRole("checkbox", { name: `Select ${m.brand}`, exact: true }).check();
  await page
    .getByRole("toolbar", { name: "Bulk actions" })
    .getByRole("button", { name: "Block verticals and domains", exact: true })
    .click();
  const dialog = page.getByRole("dialog", { name: "Block verticals and domains for 2 merchants" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Blocked domains")).toBeVisible();
  // A pair Rokt leaves unmapped: the API refuses the whole PUT (400), so nothing changes anywhere.
  await dialog.getByLabel("Search verticals").fill("gift cards");
  await dialog
    .getByRole("group", { name: "Gifts & Flowers", exact: true })
    .getByRole("checkbox", { name: "Gift Cards" })
    .check();
  await dialog.getByRole("button", { name: "Preview" }).click();
  const preview = dialog.getByRole("region", { name: "Bulk preview" });
  await expect(preview.getByText("2 will change", { exact: true })).toBeVisible();
  await expect(preview.getByText(/refused/).first()).toBeVisible();
  await dialog.getByRole("button", { name: "Start job" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Bulk job: Block verticals and domains" })).toBeVisible();
  const jobUrl = page.url();
  const bar = page.getByRole("progressbar", { name: "Job progress" });
  await expect(bar).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
  await expect(page.getByText("Failed 2", { exact: true })).toBeVisible();
  const results = page.getByRole("table", { name: "Results" });
  await expect(results.getByRole("cell", { name: /^Failed: / })).toHaveCount(2);
  await noAxeViolations(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download failures (CSV)" }).click();
  const csv = await readFile((await (await download).path()) ?? "", "utf8");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe("account_id,brand,error");
  expect(
    lines
      .slice(1)
      .map((l) => l.split(",")[0])
      .sort(),
  ).toEqual(picked.map((m) => m.account_id).sort());

  // Same job, same page, no dialog: only the failed merchants run again (and fail again, each with a new operation).
  const jobId = jobUrl.split("/").pop() ?? "";
  const snapshot = async () => {
    const res = await page.request.get(`/api/bulk/jobs/${jobId}`);
    return (await res.json()).data as {
      job: { status: string };
      items: { operationId: string | null; state: string }[];
    };
  };
  const firstOps = (await snapshot()).items.map((i) => i.operationId);
  expect(firstOps.every((op) => op?.startsWith("op_"))).toBe(true);
  await page.getByRole("button", { name: "Retry failed" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page).toHaveURL(jobUrl);
  await expect
    .poll(
      async () => {
        const { job, items } = await snapshot();
        const fresh = items.every((i, n) => i.state === "failed" && i.operationId && i.operationId !== firstOps[n]);
        return `${job.status} ${fresh}`;
      },
      { timeout: 60_000 },
    )
    .toBe("completed true");
  await expect(page.getByRole("button", { name: "Retry failed" })).toBeVisible();
  await expect(page.getByText("Failed 2", { exact: true })).toBeVisible();
  const after = await Promise.all(picked.map(async (m) => (await sandboxAccount(m.account_id)).controls));
  expect(after).toEqual(before);
});
