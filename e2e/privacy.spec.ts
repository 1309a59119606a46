import { createHash, randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";
import { sandboxAccount, sandboxAccounts, sandboxPrivacyRequests } from "./sandbox";

/**
 * Privacy requests and merchant data deletion, checked against what reached the
 * sandbox (GET /_sandbox/privacy-requests and the account's stored state).
 */

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const received = async () => (await sandboxPrivacyRequests()).requests;

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include("#main").analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

test.describe("consumer privacy requests", () => {
  test("an opt-out by an email hashed in the browser reaches Rokt as a hash, shows in the history, and a second one is flagged", async ({
    page,
  }) => {
    await signIn(page, DEMO.admin);
    await page.goto("/privacy");
    await expect(page).toHaveURL(/\/privacy\/request$/);
    await expect(page.getByRole("heading", { name: "Privacy", level: 1 })).toBeVisible();
    const sections = page.getByRole("navigation", { name: "Privacy sections" });
    await expect(sections.getByRole("link", { name: "Consumer request" })).toHaveAttribute("aria-current", "page");
    await expectNoAxeViolations(page);

    const address = `Opt.Out-${randomUUID().slice(0, 8)}@Example.com`;
    const normalised = address.toLowerCase();
    const before = (await received()).length;
    await page
      .getByRole("radiogroup", { name: "Request type" })
      .getByRole("radio", { name: "Network opt-out" })
      .check();
    await page
      .getByRole("radiogroup", { name: "Identifier" })
      .getByRole("radio", { name: "Email", exact: true })
      .check();
    await page.getByRole("textbox", { name: "Email", exact: true }).fill(`  ${address} `);
    await expect(page.getByRole("checkbox", { name: "Hash in this browser" })).toBeChecked();
    await expect(page.getByText(`Sent as the SHA-256 of “${normalised}”`)).toContainText(sha256(normalised));
    await page.getByRole("button", { name: "Submit request" }).click();

    const answer = page.getByRole("status").filter({ hasText: "Request submitted" });
    await expect(answer).toBeVisible();
    const requestId = (await answer.locator("dd").textContent())?.trim() ?? "";
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const after = await received();
    expect(after.length).toBe(before + 1);
    expect(after[0]).toMatchObject({
      requestId,
      requestType: "NETWORK_OPT_OUT",
      identifier_type: "hashedEmail",
      identifier: sha256(normalised),
    });
    expect(JSON.stringify(after)).not.toContain(normalised);

    // The same request again is flagged, and nothing is sent until confirmed.
    await page.getByRole("button", { name: "Submit request" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Possible duplicate" });
    await expect(alert).toContainText("already submitted");
    await expect(alert).toContainText(requestId);
    expect((await received()).length).toBe(before + 1);

    await sections.getByRole("link", { name: "History" }).click();
    await expect(page).toHaveURL(/\/privacy\/history$/);
    await expect(sections.getByRole("link", { name: "History" })).toHaveAttribute("aria-current", "page");
    const table = page.getByRole("table");
    for (const name of ["Type", "Identifier", "Submitted by", "Submitted", "Status", "Request ID"])
      await expect(table.getByRole("columnheader", { name, exact: true })).toBeVisible();
    const row = table.getByRole("row").filter({ hasText: requestId });
    await expect(row).toContainText("Network opt-out");
    await expect(row).toContainText(`${sha256(normalised).slice(0, 8)}…`);
    await expect(row).toContainText(DEMO.admin);
    await expect(row).toContainText("Submitted");
    await expect(table).not.toContainText(normalised);
    await expectNoAxeViolations(page);

    // Confirming the duplicate sends it, once.
    await page.goto("/privacy/request");
    await page.getByRole("textbox", { name: "Email", exact: true }).fill(address);
    await page.getByRole("button", { name: "Submit request" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: "Possible duplicate" })
      .getByRole("button", { name: "Submit anyway" })
      .click();
    await expect(page.getByRole("status").filter({ hasText: "Request submitted" })).toBeVisible();
    expect((await received()).length).toBe(before + 2);
  });

  test("a phone is sent in E.164 and bad input is refused with clear messages, sending nothing", async ({ page }) => {
    await signIn(page, DEMO.admin);
    await page.goto("/privacy/request");
    const before = (await received()).length;
    const submit = page.getByRole("button", { name: "Submit request" });
    const identifier = page.getByRole("radiogroup", { name: "Identifier" });

    await identifier.getByRole("radio", { name: "Email", exact: true }).check();
    await page.getByRole("textbox", { name: "Email", exact: true }).fill("john@");
    await submit.click();
    await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();

    await identifier.getByRole("radio", { name: "Hashed email" }).check();
    const hashed = page.getByRole("textbox", { name: "Hashed email" });
    await hashed.fill("abc123");
    await submit.click();
    await expect(page.getByText("A SHA-256 hash is 64 characters long; this one has 6.")).toBeVisible();
    await hashed.fill("A".repeat(64));
    await expect(page.getByText(/Type the hash in lowercase/)).toBeVisible();

    await identifier.getByRole("radio", { name: "Phone" }).check();
    await page.getByRole("combobox", { name: "Country" }).selectOption("GB");
    const phone = page.getByRole("textbox", { name: "Phone" });
    await phone.fill("0770");
    await submit.click();
    await expect(page.getByText(/Too few digits/)).toBeVisible();
    expect((await received()).length).toBe(before);

    const national = `07700 9${String(Date.now()).slice(-5)}`;
    const e164 = `+44${national.replace(/\s/g, "").slice(1)}`;
    await phone.fill(national);
    await expect(page.getByText(`Sent as ${e164}`)).toBeVisible();
    await page
      .getByRole("radiogroup", { name: "Request type" })
      .getByRole("radio", { name: "Network data deletion" })
      .check();
    await submit.click();
    await expect(page.getByRole("status").filter({ hasText: "Request submitted" })).toBeVisible();
    const [latest] = await received();
    expect(latest).toMatchObject({ requestType: "NETWORK_DATA_DELETION", identifier_type: "phone", identifier: e164 });
    await page.goto("/privacy/history");
    await expect(page.getByRole("row").filter({ hasText: `+44 ***** **${e164.slice(-2)}` })).toContainText(
      "Network data deletion",
    );
  });
});

test("a merchant data deletion runs to completion with visible progress and the merchant shows as deleted", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const accounts = await sandboxAccounts();
  const target = accounts.slice(100, 140).find((a) => a.status === "active" || a.status === "paused");
  expect(target).toBeDefined();
  const state = (await sandboxAccount(target!.account_id)) as unknown as {
    account: { external_account_id: string; brand: string; status: string };
  };
  const { external_account_id: external, brand } = state.account;

  await signIn(page, DEMO.admin);
  await page.goto("/privacy/deletion");
  await expect(
    page.getByRole("navigation", { name: "Privacy sections" }).getByRole("link", { name: "Merchant data deletion" }),
  ).toHaveAttribute("aria-current", "page");
  await expectNoAxeViolations(page);
  const combobox = page.getByRole("combobox", { name: "Merchant" });
  await combobox.fill(external);
  await page.getByRole("option", { name: `${brand} (${external})` }).click();
  await expect(combobox).toHaveValue(`${brand} (${external})`);
  await page.getByRole("textbox", { name: "Reason" }).fill("Merchant closed their store (e2e)");
  const confirm = page.getByRole("textbox", { name: "Type the external account ID to confirm" });
  await confirm.fill(`${external}-typo`);
  await page.getByRole("button", { name: "Delete merchant data" }).click();
  await expect(
    page.getByText(`Type the merchant's external account ID, ${external}, exactly to confirm.`),
  ).toBeVisible();
  expect((await sandboxAccount(target!.account_id)).account).toMatchObject({ status: target!.status });

  await confirm.fill(external);
  await page.getByRole("button", { name: "Delete merchant data" }).click();
  const bar = page.getByRole("progressbar", { name: "Deletion progress" });
  await expect(bar).toBeVisible();
  const seen = new Set<number>();
  await expect
    .poll(
      async () => {
        seen.add(Number(await bar.getAttribute("aria-valuenow")));
        return page.getByText("Deleted", { exact: true }).isVisible();
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe(true);
  await expect(bar).toHaveAttribute("aria-valuenow", "100");
  // It moved through intermediate values, not straight from nothing to done.
  expect([...seen].some((v) => v > 0 && v < 100)).toBe(true);
  expect((await sandboxAccount(target!.account_id)).account).toMatchObject({ status: "deleted" });

  await page.goto("/privacy/history");
  await expect(page.getByRole("row").filter({ hasText: external })).toContainText("Deleted");
});

test("a support user cannot open Privacy or Audit, and their routes refuse them", async ({ page }) => {
  await signIn(page, DEMO.support);
  for (const path of ["/privacy", "/privacy/history", "/audit"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(page.getByText("You don't have access to this page")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Privacy", level: 1 })).toHaveCount(0);
  }
  for (const path of ["/api/privacy-requests", "/api/audit", "/api/privacy/merchants?q=a"]) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(403);
    expect((await res.json()).error.code).toBeTruthy();
  }
});
