import { expect, type Page, test } from "@playwright/test";

/**
 * The proxy layer from a signed-in browser: the merchants page lists the
 * sandbox's seeded merchants (from the console's merchant index) and pages
 * through them; a write
 * without the custom CSRF header is refused; an admin sees the sign-in and the
 * refusal in the audit log.
 */

const PASSWORD = process.env.DEMO_PASSWORD ?? "demo-password";

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

function firstColumn(page: Page) {
  return page.getByRole("table", { name: "Merchants" }).locator("tbody tr th");
}

test("support lists seeded merchants and pages forward and back", async ({ page }) => {
  await signIn(page, "support@demo.test");
  await page.goto("/merchants");
  await expect(page.getByRole("heading", { level: 1, name: "Merchants" })).toBeVisible();
  const brands = firstColumn(page);
  await expect(brands).toHaveCount(25);
  const firstPage = await brands.allTextContents();
  await expect(
    page
      .getByRole("table")
      .locator("tbody tr")
      .first()
      .getByText(/^(Active|Paused)$/),
  ).toBeVisible();

  await page.getByRole("button", { name: "Next page" }).click();
  await page.waitForURL(/[?&]page=2/);
  await expect(brands).not.toHaveText(firstPage);
  await expect(brands).toHaveCount(25);
  const secondPage = await brands.allTextContents();
  expect(secondPage.filter((b) => firstPage.includes(b))).toEqual([]);

  await page.getByRole("button", { name: "Previous page" }).click();
  await page.waitForURL((url) => !url.searchParams.has("page"));
  await expect(brands).toHaveText(firstPage);
});

test("a write from the page without X-Requested-With is refused, with it accepted", async ({ page }) => {
  await signIn(page, "support@demo.test");
  await page.goto("/merchants");
  const href =
    (await page.getByRole("table", { name: "Merchants" }).locator("tbody tr th a").first().getAttribute("href")) ?? "";
  const accountId = href.replace("/merchants/", "");
  expect(accountId).toMatch(/^[1-9]\d{15}$/);

  const send = (withHeader: boolean) =>
    page.evaluate(
      async ({ id, withHeader }) => {
        const headers: Record<string, string> = {
          "Content-Type": "application/json",
          "Idempotency-Key": crypto.randomUUID(),
        };
        if (withHeader) headers["X-Requested-With"] = "XMLHttpRequest";
        const res = await fetch(`/api/merchants/${id}/status?dry_run=true`, {
          method: "PUT",
          headers,
          body: JSON.stringify({ status: "paused" }),
        });
        return { status: res.status, body: await res.json(), cache: res.headers.get("cache-control") };
      },
      { id: accountId, withHeader },
    );

  const refused = await send(false);
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe("csrf_rejected");
  expect(refused.cache).toBe("no-store");

  const accepted = await send(true);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  expect(accepted.body.dryRun).toBe(true);

  // The accepted write is in the operations journal, the refused one is not.
  await page.goto("/operations");
  await expect(page.getByRole("heading", { level: 1, name: "Operations" })).toBeVisible();
  const journal = page.getByRole("table", { name: "Operations started by the console, newest first" });
  await expect(journal.locator("tbody tr")).toHaveCount(1);
  await expect(journal.getByRole("rowheader", { name: accepted.body.operationId })).toBeVisible();
  await expect(journal.locator("tbody tr").first()).toContainText("merchant.status.update");
  await expect(journal.locator("tbody tr").first()).toContainText(accountId);
});

test("an admin sees the sign-in and the refused request in the audit log", async ({ page }) => {
  await signIn(page, "support@demo.test");
  await page.evaluate(async () => {
    await fetch("/api/users", { method: "GET" });
    await fetch("/api/privacy-requests", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Requested-With": "XMLHttpRequest" },
      body: "{}",
    });
  });
  await page.context().clearCookies();

  await signIn(page, "admin@demo.test");
  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const table = page.getByRole("table", { name: "Audit log entries, newest first" });
  await expect(table.getByText("auth.sign_in", { exact: true }).first()).toBeVisible();
  await expect(table.getByText("request.denied.role", { exact: true }).first()).toBeVisible();

  await page.getByRole("searchbox", { name: "User" }).fill("support@demo.test");
  await page.waitForURL(/user=support%40demo\.test/);
  await page.getByRole("combobox", { name: "Action" }).selectOption({ label: "Refused request" });
  await page.waitForURL(/action=denied/);
  const rows = table.locator("tbody tr");
  await expect(rows.first()).toContainText("support@demo.test");
  for (const text of await rows.allTextContents()) expect(text).toContain("request.denied");
});
