import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";
import { sandboxAccounts } from "./sandbox";

/**
 * The merchant list over the console's merchant index: search as you type,
 * filters kept in the URL across a reload, a merchant opened from its brand
 * link (or its row), the filtered view exported as CSV, saved views, sync now,
 * and no serious accessibility violation.
 */

function table(page: Page) {
  return page.getByRole("table", { name: "Merchants" });
}
const rows = (page: Page) => table(page).locator("tbody tr");
const brandLinks = (page: Page) => table(page).locator("tbody tr th a");

async function openList(page: Page, path = "/merchants") {
  await signIn(page, DEMO.support);
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Merchants" })).toBeVisible();
  await expect(table(page)).toBeVisible();
}

test("support searches as they type and the rows follow", async ({ page }) => {
  await openList(page);
  await expect(rows(page)).toHaveCount(25);
  for (const name of ["Brand", "Status", "Country"]) {
    await expect(table(page).getByRole("columnheader", { name, exact: true })).toBeVisible();
  }
  await expect(page.getByText(/^Last synced /)).toBeVisible();

  // The start of a brand word that the first row does not have, so the rows must change.
  const seeded = await sandboxAccounts();
  const wordsOf = (brand: string) =>
    brand
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
  const firstShown = (await brandLinks(page).first().textContent())?.trim() ?? "";
  const prefix =
    seeded
      .flatMap((a) => wordsOf(a.brand))
      .filter((w) => w.length >= 5)
      .map((w) => w.slice(0, 4))
      .find((p) => !wordsOf(firstShown).some((w) => w.startsWith(p))) ?? "";
  const expected = seeded.filter((a) => wordsOf(a.brand).some((w) => w.startsWith(prefix))).map((a) => a.brand);

  await page.getByLabel("Search merchants").pressSequentially(prefix, { delay: 40 });
  await expect(page).toHaveURL(new RegExp(`[?&]q=${prefix}(&|$)`));
  await expect(page.getByText(/^[\d,]+ merchants? match$/)).toBeVisible();
  await expect(brandLinks(page).first()).not.toHaveText(firstShown);
  const shown = (await brandLinks(page).allTextContents()).map((b) => b.trim());
  expect(shown).toHaveLength(Math.min(25, expected.length));
  for (const brand of shown) expect(expected).toContain(brand);

  // Nothing matches: an empty state with a way back.
  await page.getByLabel("Search merchants").fill("zzzzqqq");
  await expect(page.getByText("No merchants match")).toBeVisible();
  await page.getByRole("button", { name: "Clear search and filters" }).click();
  await expect(page.getByLabel("Search merchants")).toHaveValue("");
  await expect(rows(page)).toHaveCount(25);
  await expect(page).toHaveURL(/\/merchants$/);
});

test("filters by status: the URL keeps it, a reload keeps it", async ({ page }) => {
  await openList(page);
  const status = page.getByLabel("Status", { exact: true });
  await expect(status.locator("option")).toHaveText(["Any status", "Active", "Paused", "Deleting", "Deleted"]);
  await status.selectOption({ label: "Paused" });
  await expect(page).toHaveURL(/[?&]status=paused(&|$)/);
  await expect(rows(page).first()).toBeVisible();
  // The first cell is the bulk selection checkbox, then External id, then Status.
  const statusCells = rows(page).locator("td:nth-of-type(3)");
  await expect(statusCells.filter({ hasNotText: "Paused" })).toHaveCount(0);
  const before = await brandLinks(page).allTextContents();

  await page.reload();
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("paused");
  await expect(statusCells.filter({ hasNotText: "Paused" })).toHaveCount(0);
  await expect(brandLinks(page)).toHaveText(before);

  // Pages and sort are in the URL too.
  await page.getByLabel("Sort by").selectOption({ label: "Newest first" });
  await expect(page).toHaveURL(/sort=created/);
  await expect(page).toHaveURL(/status=paused/);
});

test("a merchant opens from its brand link, and from a click on its row", async ({ page }) => {
  await openList(page);
  const link = brandLinks(page).first();
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/merchants\/[1-9]\d{15}$/);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));

  await page.goto("/merchants?sort=created");
  const second = rows(page).nth(1);
  const secondHref = await second.locator("th a").getAttribute("href");
  await second.locator("td").nth(3).click(); // the Country cell (after the checkbox, external id and status)
  await expect(page).toHaveURL(new RegExp(`${secondHref}$`));
});

test("exports the filtered view as CSV: a header and every filtered row", async ({ page }) => {
  await openList(page, "/merchants?status=paused&sort=created");
  const summary = page.getByText(/^\d[\d,]* merchants? match$/);
  await expect(summary).toBeVisible();
  const total = Number((await summary.textContent())?.replace(/\D/g, ""));
  expect(total).toBeGreaterThan(25); // more than one page: the export is not the page
  const exportLink = page.getByRole("link", { name: "Export CSV" });
  await expect(exportLink).toHaveAttribute("href", "/api/merchants/export.csv?status=paused&sort=created");
  const [download] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^merchants-\d{8}-\d{4}\.csv$/);
  const text = await readFile((await download.path()) ?? "", "utf8");
  const lines = text.trimEnd().split("\r\n");
  expect(lines[0]).toBe(
    "account_id,external_account_id,brand,status,country_code,vertical_id,vertical_name,sub_vertical_id,store_identifier,created_at,updated_at",
  );
  expect(lines).toHaveLength(total + 1);
  for (const line of lines.slice(1)) expect(line).toMatch(/^[1-9]\d{15},[^,]*,.*,paused,[A-Z]{2},/);
});

test("saves, opens and deletes a view; syncs on demand", async ({ page }) => {
  await openList(page, "/merchants?status=active&sort=updated");
  await page.getByLabel("View name").fill("Active, recently updated");
  await page.getByRole("button", { name: "Save view" }).click();
  const view = page.getByRole("link", { name: "Active, recently updated" });
  await expect(view).toHaveAttribute("href", "/merchants?status=active&sort=updated");

  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Any status" });
  await expect(page).not.toHaveURL(/status=/);
  await view.click();
  await expect(page).toHaveURL(/status=active/);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("active");

  await page.getByRole("button", { name: "Delete view Active, recently updated" }).click();
  await expect(view).toHaveCount(0);

  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByRole("region", { name: "Notifications" })).toContainText(/Synced \d+ merchants\./);
});

test("the list has no serious or critical accessibility violation", async ({ page }) => {
  await openList(page, "/merchants?q=a&sort=created");
  await expect(rows(page).first()).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
});
