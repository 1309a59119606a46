import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";
import { sandboxAccounts } from "./sandbox";

/**
 * Settings → Taxonomy, Layouts and Templates (issue #11): a taxonomy file with
 * errors is refused with every error and nothing changes; a good one applies and
 * the merchant page's picker shows its names (then the shipped file is applied
 * again, so later journeys see the names they expect); earlier versions download;
 * a layout row for a foreign account is refused; a template made here is offered
 * in the wizard; non-admins get 403 on the pages and the API. Axe on every page.
 */

const SHIPPED = readFileSync(path.join(process.cwd(), "data", "taxonomy.csv"), "utf8");
const LAYOUT_HEADER = "account_id,page_id,layout_id,surface,layout_type";

async function axe(page: Page, where: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).include("#main").analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      serious.map((v) => `${where} ${colorScheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

async function pickFile(page: Page, name: string, text: string) {
  await page.getByLabel("CSV file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.getByRole("button", { name: "Preview import" }).click();
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview).toBeVisible({ timeout: 20_000 });
  return preview;
}

async function currentCsv(page: Page): Promise<string> {
  const res = await page.request.get("/api/settings/taxonomy/current.csv");
  expect(res.status()).toBe(200);
  return res.text();
}

/** An admin's API write through the session (the same headers the browser's lib/api sends). */
async function apiWrite(page: Page, method: "PUT" | "POST", url: string, data: unknown) {
  return page.request.fetch(url, {
    method,
    data,
    headers: { "X-Requested-With": "XMLHttpRequest", "Idempotency-Key": randomUUID() },
  });
}

async function next(page: Page, label: string) {
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("navigation", { name: "Steps" }).getByRole("link", { name: label })).toHaveAttribute(
    "aria-current",
    "step",
  );
}

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

test.describe("settings: taxonomy, layouts, templates", () => {
  test("non-admins get 403 on the three pages and on their API routes and downloads", async ({ browser }) => {
    for (const email of [DEMO.support, DEMO.manager]) {
      const page = await signedIn(browser, email);
      for (const p of ["/settings/taxonomy", "/settings/layouts", "/settings/templates"]) {
        const res = await page.goto(p);
        expect(res?.status(), `${email} ${p}`).toBe(403);
        await expect(page.getByText("You don't have access to this page")).toBeVisible();
        await expect(page.getByRole("button", { name: "Preview import" })).toHaveCount(0);
      }
      for (const url of [
        "/api/settings/taxonomy",
        "/api/settings/taxonomy/current.csv",
        "/api/settings/taxonomy/versions/1/download",
        "/api/settings/layouts/current.csv",
        "/api/settings/templates",
      ]) {
        expect((await page.request.get(url)).status(), `${email} GET ${url}`).toBe(403);
      }
      const preview = await page.request.post("/api/settings/taxonomy/preview", {
        data: SHIPPED,
        headers: { "Content-Type": "text/csv", "X-Requested-With": "XMLHttpRequest" },
      });
      expect(preview.status()).toBe(403);
      const create = await apiWrite(page, "POST", "/api/settings/templates", {
        name: "x",
        blocked: [],
        domainsText: "",
      });
      expect(create.status()).toBe(403);
      await page.context().close();
    }
  });

  test("taxonomy: a bad file is refused with every error; a good one applies, the picker shows it, v1 downloads", async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const page = await signedIn(browser, DEMO.admin);
    const accounts = (await sandboxAccounts()).filter((a) => a.status === "active");
    // The middle of the seed: away from the first merchants other journeys edit and the last ones they delete.
    const merchant = accounts[Math.floor(accounts.length / 2)]?.account_id as string;
    // A merchant blocks Greeting Cards (1518/1693) through the console: the import below removes that pair.
    const put = await apiWrite(page, "PUT", `/api/merchants/${merchant}/controls`, {
      name: "Settings e2e",
      blockedVerticals: [{ partnerVerticalId: 1518, partnerSubVerticalId: 1693, policy: "Block" }],
    });
    expect(put.status(), await put.text()).toBe(200);

    await page.goto("/settings/taxonomy");
    await expect(page.getByRole("heading", { name: "Taxonomy", level: 1 })).toBeVisible();
    await expect(page.getByRole("row", { name: /Gift Cards.*Unmapped in the sandbox/ })).toBeVisible();
    await axe(page, "/settings/taxonomy");
    const before = await currentCsv(page);

    const bad = `${SHIPPED.trimEnd()}\n1500,Apparel & Accessories,1610,Again,200,4007\n1501,,1699,,203,1\n1502,Home & Garden,abc,Rugs,206,4\n`;
    const dataRows = SHIPPED.trimEnd().split("\n").length - 1;
    let preview = await pickFile(page, "bad.csv", bad);
    await expect(preview.getByText("3 errors", { exact: true })).toBeVisible();
    const errors = preview.getByRole("table", { name: "Row errors" });
    await expect(errors.getByRole("columnheader", { name: "Row" })).toBeVisible();
    await expect(errors.getByRole("columnheader", { name: "Error" })).toBeVisible();
    for (const [offset, message] of [
      [1, "1500/1610 repeats row 1"],
      [2, "partner_vertical_name is missing"],
      [3, "partner_sub_vertical_id “abc” is not a positive whole number"],
    ] as const) {
      await expect(errors.getByRole("row", { name: new RegExp(`^${dataRows + offset} .*${message}`) })).toBeVisible();
    }
    await expect(preview.getByRole("button", { name: "Apply import" })).toBeDisabled();
    await axe(page, "/settings/taxonomy preview with errors");
    expect(await currentCsv(page)).toBe(before);

    const good = SHIPPED.split("\n")
      .filter((l) => !l.startsWith("1518,Gifts & Flowers,1693,"))
      .map((l) => l.replace("1602,Shoes,", "1602,Footwear,"))
      .join("\n");
    preview = await pickFile(page, "good.csv", good);
    await expect(preview.getByText("0 added", { exact: true })).toBeVisible();
    await expect(preview.getByText("1 renamed", { exact: true })).toBeVisible();
    await expect(preview.getByText("1 removed", { exact: true })).toBeVisible();
    await expect(preview.getByText("0 errors", { exact: true })).toBeVisible();
    await expect(preview.getByText(/Greeting Cards \(1518\/1693\)\s*is blocked by/)).toBeVisible();
    await expect(preview.getByText(/whose controls the console has read or written/)).toBeVisible();
    await preview.getByRole("button", { name: "Apply import" }).click();
    await expect(page.getByText(/Applied as version \d+/)).toBeVisible({ timeout: 20_000 });
    expect(await currentCsv(page)).toBe(good);

    await page.goto(`/merchants/${merchant}`);
    const apparel = page.getByRole("group", { name: "Apparel & Accessories", exact: true });
    await expect(apparel.getByRole("checkbox", { name: "Footwear", exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(apparel.getByRole("checkbox", { name: "Shoes", exact: true })).toHaveCount(0);

    // The previous version is kept as it was.
    await page.goto("/settings/taxonomy");
    const link = page.getByRole("link", { name: "Download version 1" });
    const v1 = await page.request.get((await link.getAttribute("href")) as string);
    expect(v1.headers()["content-type"]).toContain("text/csv");
    expect(await v1.text()).toBe(SHIPPED);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download current" }).click();
    expect((await download).suggestedFilename()).toMatch(/^taxonomy-v\d+\.csv$/);

    // Back to the shipped names for the journeys that follow.
    preview = await pickFile(page, "restore.csv", SHIPPED);
    await preview.getByRole("button", { name: "Apply import" }).click();
    await expect(page.getByText(/Applied as version \d+/)).toBeVisible({ timeout: 20_000 });
    expect(await currentCsv(page)).toBe(SHIPPED);
    await page.context().close();
  });

  test("layouts: a row of a foreign account is refused; the current rows download in the import format", async ({
    browser,
  }) => {
    const page = await signedIn(browser, DEMO.admin);
    const own = (await sandboxAccounts())[5]?.account_id as string;
    await page.goto("/settings/layouts");
    await expect(page.getByRole("heading", { name: "Layouts", level: 1 })).toBeVisible();
    await axe(page, "/settings/layouts");
    const csv = [
      LAYOUT_HEADER,
      `${own},e2e-page-${randomUUID().slice(0, 8)},e2e-layout-1,returns,Overlay`,
      "1999999999999999,p1,l1,returns,Overlay",
    ].join("\n");
    const preview = await pickFile(page, "layouts.csv", csv);
    await expect(preview.getByText("1 errors", { exact: true })).toBeVisible();
    await expect(preview.getByText("1 added", { exact: true })).toBeVisible();
    await expect(preview.getByText(/\d+ changed/)).toBeVisible();
    const errors = preview.getByRole("table", { name: "Row errors" });
    await expect(
      errors.getByRole("row", { name: "2 Account 1999999999999999 is not one of this partner's merchants." }),
    ).toBeVisible();
    await expect(preview.getByRole("button", { name: "Apply import" })).toBeDisabled();
    await axe(page, "/settings/layouts preview");

    const res = await page.request.get("/api/settings/layouts/current.csv");
    expect(res.status()).toBe(200);
    const text = await res.text();
    expect(text.split("\r\n")[0]).toBe(LAYOUT_HEADER);
    expect(text).not.toContain("1999999999999999");
    await page.context().close();
  });

  test("templates: one created here is offered in the wizard's Controls step, and its use is counted", async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const admin = await signedIn(browser, DEMO.admin);
    const name = `E2E template ${randomUUID().slice(0, 6)}`;
    await admin.goto("/settings/templates");
    await expect(admin.getByRole("heading", { name: "Templates", level: 1 })).toBeVisible();
    await axe(admin, "/settings/templates");
    await admin.getByRole("button", { name: "New template" }).click();
    await admin.getByRole("button", { name: "Save template" }).click();
    await expect(admin.getByText("Enter a name for the template")).toBeVisible();
    await admin.getByLabel("Template name").fill(`${name} draft`);
    await admin
      .getByRole("group", { name: "Apparel & Accessories", exact: true })
      .getByRole("checkbox", { name: "Shoes", exact: true })
      .check();
    await admin.getByLabel("Blocked domains").fill("bad.example\nworse.example");
    await axe(admin, "/settings/templates editor");
    await admin.getByRole("button", { name: "Save template" }).click();
    await expect(admin.getByRole("row", { name: new RegExp(`${name} draft 1 2 Not used`) })).toBeVisible();
    // Rename.
    await admin.getByRole("button", { name: `Edit ${name} draft` }).click();
    await admin.getByLabel("Template name").fill(name);
    await admin.getByRole("button", { name: "Save template" }).click();
    await expect(admin.getByRole("row", { name: new RegExp(`^${name} 1 2 Not used`) })).toBeVisible();

    const manager = await signedIn(browser, DEMO.manager);
    await manager.goto("/onboard");
    await manager.getByRole("button", { name: "New merchant" }).click();
    const n = randomUUID().slice(0, 8);
    await manager.getByLabel("Brand").fill(`Template Shop ${n}`);
    await manager.getByLabel("External account ID").fill(`e2e-template-${n}`);
    await manager.getByLabel("Store URL").fill(`https://template-${n}.example.com`);
    const country = manager.getByRole("combobox", { name: "Country" });
    await country.fill("United K");
    await manager.getByRole("option", { name: /United Kingdom/ }).click();
    await manager.getByLabel("Vertical", { exact: true }).selectOption({ label: "Apparel & Accessories" });
    await manager.getByLabel("Sub-vertical").selectOption({ label: "Women's Clothing" });
    await next(manager, "Surfaces");
    await manager.getByRole("checkbox", { name: "Tracking" }).check();
    await manager.getByRole("radiogroup", { name: "Tracking layout" }).getByRole("radio", { name: "Embedded" }).check();
    await next(manager, "Controls");
    const select = manager.getByLabel("Start from a template");
    await expect(select.getByRole("option", { name: `${name} (1 verticals)` })).toBeAttached({ timeout: 20_000 });
    await select.selectOption({ label: `${name} (1 verticals)` });
    await manager.getByRole("button", { name: "Use template" }).click();
    await expect(
      manager
        .getByRole("group", { name: "Apparel & Accessories", exact: true })
        .getByRole("checkbox", { name: "Shoes", exact: true }),
    ).toBeChecked();
    await expect(manager.getByLabel("Blocked domains")).toHaveValue("bad.example\nworse.example");
    await manager.getByRole("button", { name: "Next" }).click();
    await expect(
      manager.getByRole("navigation", { name: "Steps" }).getByRole("link", { name: "Theme" }),
    ).toHaveAttribute("aria-current", "step");

    await expect(async () => {
      await admin.reload();
      await expect(admin.getByRole("row", { name: new RegExp(`^${name} 1 2 1 onboarding draft`) })).toBeVisible({
        timeout: 2000,
      });
    }).toPass({ timeout: 20_000 });
    await admin.getByRole("button", { name: `Delete ${name}` }).click();
    const confirm = admin.getByRole("region", { name: `Delete ${name}` });
    await expect(confirm).toContainText("It is used in 1 place (1 onboarding draft)");
    await confirm.getByRole("button", { name: "Delete template" }).click();
    await expect(admin.getByRole("row", { name: new RegExp(`^${name} `) })).toHaveCount(0);
    // The draft was only a vehicle: remove it so the drafts list stays as other journeys left it.
    const draftId = new URL(manager.url()).pathname.split("/")[2] as string;
    const removed = await manager.request.delete(`/api/onboarding/drafts/${draftId}`, {
      headers: { "X-Requested-With": "XMLHttpRequest", "Idempotency-Key": randomUUID() },
    });
    expect(removed.status(), await removed.text()).toBe(200);
    await admin.context().close();
    await manager.context().close();
  });
});
