import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

/** The overview: what each role sees first, each card linking to the view behind it. */

test("an admin's overview shows merchants by status, onboarding, operations and the writes chart", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  for (const name of [
    "Merchants by status",
    "Onboarding in progress",
    "Operations in progress",
    "Failed operations",
    "Writes in the last 24 hours",
  ])
    await expect(page.getByRole("region", { name })).toBeVisible();

  const merchants = page.getByRole("region", { name: "Merchants by status" });
  await expect(merchants.getByRole("link", { name: /^Active \d+$/ })).toHaveAttribute(
    "href",
    "/merchants?status=active",
  );
  await expect(merchants.getByRole("link", { name: /^Deleting \d+$/ })).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Failed operations" }).getByRole("link", { name: "See them in Operations" }),
  ).toHaveAttribute("href", /\/operations\?status=failed/);
  const chart = page.getByRole("region", { name: "Writes in the last 24 hours" }).getByRole("img");
  await expect(chart).toHaveAttribute("aria-label", /writes in the last 24 hours|No writes/);
  // The chart keeps its size whatever its data: a fixed aspect ratio.
  const box = await chart.boundingBox();
  expect(box && box.height > 0 && Math.abs(box.width / box.height - 480 / 136) < 0.05).toBe(true);

  const results = await new AxeBuilder({ page }).include("#main").analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test("a support user's overview leaves out what their role does not use", async ({ page }) => {
  await signIn(page, DEMO.support);
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Operations in progress" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Merchants by status" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Onboarding in progress" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Writes in the last 24 hours" })).toHaveCount(0);
});
