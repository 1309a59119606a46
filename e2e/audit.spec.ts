import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";
import { sandboxAccounts } from "./sandbox";

/** The audit log: filters in the URL, an entry's details, CSV export, and nothing to change or delete. */

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include("#main").analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

test("an admin filters the audit log, opens an entry's before and after, and exports the view as CSV", async ({
  page,
}) => {
  const target = (await sandboxAccounts()).slice(200, 220).find((a) => a.status === "active" || a.status === "paused");
  expect(target).toBeDefined();
  await signIn(page, DEMO.admin);
  const res = await page.request.put(`/api/merchants/${target!.account_id}/status`, {
    data: { status: target!.status },
    headers: { "X-Requested-With": "XMLHttpRequest", "Idempotency-Key": randomUUID() },
  });
  expect(res.status()).toBe(200);
  const { operationId, requestId } = (await res.json()) as { operationId: string; requestId: string };

  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  const table = page.getByRole("table", { name: "Audit log entries, newest first" });
  for (const name of ["Time", "User", "Action", "Merchant", "Outcome"])
    await expect(table.getByRole("columnheader", { name, exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  const action = page.getByRole("combobox", { name: "Action" });
  for (const name of [
    "Privacy request",
    "Data deletion",
    "Controls update",
    "Status change",
    "Theme update",
    "Pages change",
    "Payout setup",
    "Register",
    "Sign-in",
  ])
    await expect(action.getByRole("option", { name, exact: true })).toHaveCount(1);
  await action.selectOption({ label: "Status change" });
  await expect(page).toHaveURL(/action=status/);
  await page.getByRole("searchbox", { name: "Merchant" }).fill(target!.account_id);
  await expect(page).toHaveURL(new RegExp(`merchantId=${target!.account_id}`));
  await page.getByRole("combobox", { name: "Outcome" }).selectOption("success");
  await expect(page).toHaveURL(/outcome=success/);
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("From", { exact: true }).fill(today);
  await expect(page).toHaveURL(new RegExp(`from=${today}`));
  await page.getByRole("searchbox", { name: "User" }).fill(DEMO.admin);
  await expect(page).toHaveURL(/user=admin%40demo\.test/);

  const rows = table.locator("tbody tr:not([hidden])");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Status change");
  await rows.first().getByRole("button", { name: "Show details" }).click();
  const details = table.locator("tbody tr:not([hidden])").nth(1);
  for (const term of ["Before", "After", "Request ID", "Operation ID"])
    await expect(details.getByText(term, { exact: true })).toBeVisible();
  await expect(details).toContainText(operationId);
  await expect(details).toContainText(requestId);
  await expect(details).toContainText(`"status": "${target!.status}"`);
  await expectNoAxeViolations(page);

  // A date range that ends before today shows nothing.
  await page.getByLabel("To", { exact: true }).fill("2020-01-01");
  await expect(page.getByText("No entries match")).toBeVisible();
  await page.getByLabel("To", { exact: true }).fill(today);
  await expect(rows).toHaveCount(1);

  // The export is this view, as CSV.
  const link = page.getByRole("link", { name: "Export CSV" });
  const href = (await link.getAttribute("href")) ?? "";
  expect(href).toContain(`merchantId=${target!.account_id}`);
  const csv = await page.request.get(href);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toMatch(/^time,user,role,action,merchant,outcome/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(operationId);

  // Nothing on the page changes or deletes an entry.
  await expect(page.getByRole("button", { name: /delete|edit|remove/i })).toHaveCount(0);
});
