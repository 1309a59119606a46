import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";
import { sandboxAccount, sandboxAccounts } from "./sandbox";

/** The operation tracker, its live progress, the operation page and the shell's tray. */

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include("#main").analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

/** A write from the page's own context, as the merchant page sends it. */
async function apiWrite(page: Page, method: string, path: string, body: unknown) {
  const res = await page.request.fetch(path, {
    method,
    data: body,
    headers: {
      "X-Requested-With": "XMLHttpRequest",
      "Idempotency-Key": randomUUID(),
      "Content-Type": "application/json",
    },
  });
  const json = await res.json();
  expect(res.status(), JSON.stringify(json)).toBeLessThan(300);
  return json as { operationId: string; data: unknown };
}

test("a status change shows in the tracker as completed, filters live in the URL, and the operation page tells its story", async ({
  page,
}) => {
  const [target] = (await sandboxAccounts())
    .slice(141, 160)
    .filter((a) => a.status === "active" || a.status === "paused");
  expect(target).toBeDefined();
  await signIn(page, DEMO.support);
  const { operationId } = await apiWrite(page, "PUT", `/api/merchants/${target!.account_id}/status`, {
    status: target!.status,
  });
  await page.goto("/operations");
  await expect(page.getByRole("heading", { name: "Operations", level: 1 })).toBeVisible();
  const table = page.getByRole("table");
  for (const name of ["Operation", "Action", "Merchant", "Status", "User", "Started"])
    await expect(table.getByRole("columnheader", { name, exact: true })).toBeVisible();
  const row = table.getByRole("row").filter({ hasText: operationId });
  await expect(row).toContainText("Status change");
  await expect(row).toContainText(target!.account_id);
  await expect(row).toContainText("Completed");
  await expect(row).toContainText(DEMO.support);

  // Support sees their own by default; filters apply on change and stay in the URL.
  const everyone = page.getByRole("checkbox", { name: "Everyone's operations" });
  await expect(everyone).not.toBeChecked();
  const status = page.getByRole("combobox", { name: "Status" });
  for (const name of ["Any status", "Pending", "In progress", "Completed", "Failed"])
    await expect(status.getByRole("option", { name, exact: true })).toHaveCount(1);
  await status.selectOption({ label: "Failed" });
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.getByRole("row").filter({ hasText: operationId })).toHaveCount(0);
  await status.selectOption({ label: "Completed" });
  await expect(page).toHaveURL(/status=completed/);
  await expect(page.getByRole("row").filter({ hasText: operationId })).toBeVisible();
  await everyone.check();
  await expect(page).toHaveURL(/everyone=1/);
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Everyone's operations" })).toBeChecked();
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("completed");
  await expectNoAxeViolations(page);

  // Find operation: a made-up id is not found; a real one opens its page.
  await page.getByRole("searchbox", { name: "Find operation" }).fill("op_madeupmadeupmadeupmadeup00");
  await page.getByRole("button", { name: "Open" }).click();
  await expect(page.getByText("Operation not found").first()).toBeVisible();
  await page.goto("/operations");
  await page.getByRole("searchbox", { name: "Find operation" }).fill(operationId);
  await page.getByRole("button", { name: "Open" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(operationId);
  await expect(page.getByRole("list", { name: "Timeline" })).toBeVisible();
  await expect(page.getByText("Completed", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: target!.account_id })).toHaveAttribute(
    "href",
    `/merchants/${target!.account_id}`,
  );
  await expect(page.getByText(`/api/merchants/${target!.account_id}/status`)).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a long-running deletion moves to completed live, in the tracker and the shell's tray", async ({ page }) => {
  test.setTimeout(90_000);
  const target = (await sandboxAccounts()).slice(160, 200).find((a) => a.status === "active" || a.status === "paused");
  expect(target).toBeDefined();
  await signIn(page, DEMO.admin);
  await page.goto("/operations");
  const { operationId } = await apiWrite(page, "POST", `/api/merchants/${target!.account_id}/data-deletion`, {
    reason: "tracker journey",
  });
  await page.reload();
  const row = page.getByRole("row").filter({ hasText: operationId });
  await expect(row).toContainText(/Pending|In progress/);
  const tray = page.getByRole("banner").getByRole("button", { name: /^Running operations \(\d+\)$/ });
  await expect(tray).toHaveAccessibleName("Running operations (1)");
  await tray.click();
  await expect(
    page.getByRole("banner").getByRole("link", { name: new RegExp(`Data deletion · ${target!.account_id}`) }),
  ).toBeVisible();
  // Live, without a reload: the row reaches Completed and the tray announces it.
  await expect(row).toContainText("Completed", { timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Notifications" })).toContainText("operation completed", {
    timeout: 20_000,
  });
  await expect(tray).toHaveAccessibleName("Running operations (0)");
  expect((await sandboxAccount(target!.account_id)).account).toMatchObject({ status: "deleted" });

  await page.goto(`/operations/${operationId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(operationId);
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText("Completed");
});
