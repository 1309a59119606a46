import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";
import { sandboxAccounts } from "./sandbox";

/**
 * The merchant page's frame: the brand as heading, one URL per section, one
 * answer for an account that is unknown or another platform's, and the danger
 * zone only for admins.
 */

const SECTIONS = [
  ["Controls", ""],
  ["Status", "/status"],
  ["Theme", "/theme"],
  ["Pages", "/pages"],
  ["Payouts", "/payouts"],
  ["Activity", "/activity"],
] as const;

test("the brand heads the page and every section is its own URL", async ({ page }) => {
  const [merchant] = (await sandboxAccounts()).slice(5, 6);
  if (!merchant) throw new Error("the sandbox has no merchants");
  await signIn(page, DEMO.support);
  await page.goto(`/merchants/${merchant.account_id}`);
  await expect(page.getByRole("heading", { level: 1, name: merchant.brand })).toBeVisible();
  const tabs = page.getByRole("navigation", { name: "Merchant sections" });
  await expect(tabs.getByRole("link", { name: "Controls" })).toHaveAttribute("aria-current", "page");
  for (const [label, suffix] of SECTIONS) {
    await tabs.getByRole("link", { name: label }).click();
    await expect(page).toHaveURL(new RegExp(`/merchants/${merchant.account_id}${suffix}$`));
    await expect(tabs.getByRole("link", { name: label })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { level: 1, name: merchant.brand })).toBeVisible();
  }
  // Support staff see no danger zone.
  await page.goto(`/merchants/${merchant.account_id}/status`);
  await expect(page.getByRole("switch", { name: "Active" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Danger zone" })).toHaveCount(0);
});

test("an unknown, malformed or other platform's account says 'not found or not yours'", async ({ page }) => {
  await signIn(page, DEMO.support);
  // 1000000000000002 manages its own merchants; an id of the demo parent itself is no managed account.
  for (const id of ["1000000000000001", "9999999999999999", "not-an-id"]) {
    await page.goto(`/merchants/${id}`);
    await expect(page.getByRole("heading", { name: "Merchant not found or not yours" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Merchant sections" })).toHaveCount(0);
  }
});

test("admins find the data deletion in the Status section's danger zone", async ({ page }) => {
  const [merchant] = (await sandboxAccounts()).slice(6, 7);
  if (!merchant) throw new Error("the sandbox has no merchants");
  await signIn(page, DEMO.admin);
  await page.goto(`/merchants/${merchant.account_id}/status`);
  const zone = page.getByRole("region", { name: "Danger zone" });
  await expect(zone).toBeVisible();
  await expect(zone.getByLabel("Type the external account ID to confirm")).toBeVisible();
  await expect(zone.getByRole("button", { name: "Delete merchant data" })).toBeVisible();
});
