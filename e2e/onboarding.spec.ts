import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";
import { sandboxAccount, sandboxAccounts, sandboxFaults } from "./sandbox";

/**
 * The onboarding wizard end to end, against the standalone sandbox: an account
 * manager takes a merchant from nothing to live (checked in the sandbox's own
 * state), a go-live interrupted by a closed page while the sandbox drops
 * answers finishes from the drafts list with exactly one merchant, and support
 * staff get a 403. Axe on every step, light and dark.
 */
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

const steps = (page: Page) => page.getByRole("navigation", { name: "Steps" });

async function expectCurrent(page: Page, label: string) {
  await expect(steps(page).getByRole("link", { name: label })).toHaveAttribute("aria-current", "step");
}

async function next(page: Page, label: string) {
  await page.getByRole("button", { name: "Next" }).click();
  await expectCurrent(page, label);
}

interface Merchant {
  brand: string;
  external: string;
  store: string;
}
const newMerchant = (prefix: string): Merchant => {
  const n = randomUUID().slice(0, 8);
  return {
    brand: `${prefix} ${n}`,
    external: `e2e-${prefix.toLowerCase()}-${n}`,
    store: `https://${prefix.toLowerCase()}-${n}.example.com`,
  };
};

async function fillMerchant(page: Page, m: Merchant) {
  await page.getByLabel("Brand").fill(m.brand);
  await page.getByLabel("External account ID").fill(m.external);
  await page.getByLabel("Store URL").fill(m.store);
  const country = page.getByRole("combobox", { name: "Country" });
  await country.fill("United K");
  await page.getByRole("option", { name: /United Kingdom/ }).click();
  await expect(country).toHaveValue("United Kingdom");
  await page.getByLabel("Vertical", { exact: true }).selectOption({ label: "Apparel & Accessories" });
  await page.getByLabel("Sub-vertical").selectOption({ label: "Women's Clothing" });
}

/** Merchant → Review with one surface and one blocked vertical (the quick path for the second journey). */
async function quickDraft(page: Page, m: Merchant) {
  await page.goto("/onboard");
  await page.getByRole("button", { name: "New merchant" }).click();
  await expectCurrent(page, "Merchant");
  await fillMerchant(page, m);
  await next(page, "Surfaces");
  await page.getByRole("checkbox", { name: "Tracking" }).check();
  await page.getByRole("radiogroup", { name: "Tracking layout" }).getByRole("radio", { name: "Embedded" }).check();
  await next(page, "Controls");
  await next(page, "Theme");
  await next(page, "Review");
  await next(page, "Go live");
}

test.describe("onboarding wizard", () => {
  test.afterEach(async () => {
    await sandboxFaults({ latency_ms: 0, drop_after_commit_rate: 0, error_rate: 0 });
  });

  test("support staff cannot open /onboard or a draft", async ({ page }) => {
    await signIn(page, DEMO.support);
    for (const path of ["/onboard", "/onboard/some-draft/merchant"]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(403);
      await expect(page.getByText("You don't have access to this page")).toBeVisible();
      await expect(page.getByRole("heading", { name: "Onboard a merchant" })).toHaveCount(0);
      await expect(page.getByRole("navigation", { name: "Steps" })).toHaveCount(0);
    }
  });

  test("an account manager takes a merchant from nothing to live; the sandbox holds exactly it", async ({ page }) => {
    test.setTimeout(180_000);
    const m = newMerchant("Wizard");
    await signIn(page, DEMO.manager);
    await page.goto("/onboard");
    await expect(page.getByRole("heading", { name: "Onboard a merchant", level: 1 })).toBeVisible();
    await axe(page, "/onboard");
    await page.getByRole("button", { name: "New merchant" }).click();
    await expectCurrent(page, "Merchant");
    await expect(steps(page).getByRole("link", { name: "Surfaces" })).toHaveCount(0);
    await expect(steps(page).getByText("Surfaces")).toBeVisible();

    // Bad input: messages next to the fields, focus on the first error, a bare host explained.
    const store = page.getByLabel("Store URL");
    await store.fill("acme.myshopify.com");
    await store.blur();
    await expect(store).toHaveAttribute("aria-invalid", "true");
    const describedBy = (await store.getAttribute("aria-describedby")) ?? "";
    await expect(page.locator(`[id="${describedBy.split(" ").pop()}"]`)).toContainText("https://acme.myshopify.com");
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByLabel("Brand")).toBeFocused();
    await expect(page.getByLabel("Brand")).toHaveAttribute("aria-invalid", "true");
    await expectCurrent(page, "Merchant");
    await axe(page, "merchant with errors");

    await fillMerchant(page, m);
    // Nothing typed is lost on a reload.
    await expect(page.getByText("Draft saved")).toBeVisible({ timeout: 5_000 });
    await page.reload();
    await expect(page.getByLabel("Brand")).toHaveValue(m.brand);
    await expect(page.getByLabel("Store URL")).toHaveValue(m.store);
    await expect(page.getByRole("combobox", { name: "Country" })).toHaveValue("United Kingdom");
    await axe(page, "merchant");
    await next(page, "Surfaces");

    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByText("Choose at least one surface")).toBeVisible();
    await page.getByRole("checkbox", { name: "Confirmation" }).check();
    await page.getByRole("radiogroup", { name: "Confirmation layout" }).getByRole("radio", { name: "Overlay" }).check();
    await page.getByRole("checkbox", { name: "Returns" }).check();
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByText("Choose Overlay or Embedded")).toBeVisible();
    await page.getByRole("radiogroup", { name: "Returns layout" }).getByRole("radio", { name: "Embedded" }).check();
    await axe(page, "surfaces");
    await next(page, "Controls");

    await page.getByLabel("Search verticals").fill("Furniture");
    await page.getByRole("checkbox", { name: "Furniture", exact: true }).check();
    await page.getByLabel("Blocked domains").fill("spam.example.com");
    await axe(page, "controls");
    await next(page, "Theme");

    const confirmation = page.getByRole("group", { name: "Confirmation page, Overlay" });
    await expect(page.getByRole("group", { name: "Returns page, Embedded" })).toBeVisible();
    await confirmation.getByLabel("Primary color", { exact: true }).fill("#112233");
    await expect(confirmation.getByRole("region", { name: "Preview" })).toBeVisible();
    await axe(page, "theme");
    await next(page, "Review");

    await page.getByRole("button", { name: "Run dry run" }).click();
    const results = page.getByRole("list", { name: "Dry-run results" });
    for (const name of ["Register", "Controls", "Theme: Confirmation", "Theme: Returns"]) {
      await expect(results.getByRole("listitem").filter({ hasText: name })).toContainText("OK");
    }
    await axe(page, "review");
    await next(page, "Go live");

    // Slow enough to see the merchant registered (paused) before it is activated.
    await sandboxFaults({ latency_ms: 400 });
    await page.getByRole("checkbox", { name: "Create payout onboarding link" }).check();
    await page.getByRole("button", { name: "Go live" }).click();
    const live = page.getByRole("list", { name: "Go-live steps" });
    const item = (name: string) => live.getByRole("listitem").filter({ hasText: name });
    await expect(item("Register")).toContainText(/Done.*op_/, { timeout: 30_000 });
    const [registered] = (await sandboxAccounts()).filter((a) => a.brand === m.brand);
    expect(registered?.status).toBe("paused");
    for (const name of ["Controls", "Theme: Confirmation", "Theme: Returns", "Payout link", "Activate"]) {
      await expect(item(name)).toContainText(/Done.*op_/, { timeout: 30_000 });
    }
    await expect(page.getByRole("link", { name: "Open merchant" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Payout onboarding link" })).toBeVisible();
    await axe(page, "go live");

    const accounts = (await sandboxAccounts()).filter((a) => a.brand === m.brand);
    expect(accounts).toHaveLength(1);
    // biome-ignore lint/suspicious/noExplicitAny: the sandbox's stored state, read field by field
    const state = (await sandboxAccount(accounts[0]!.account_id)) as any;
    expect(state.account.status).toBe("active");
    expect(state.account.external_account_id).toBe(m.external);
    expect(
      state.controls.translatedVerticals.map((v: { partner_sub_vertical_id: number }) => v.partner_sub_vertical_id),
    ).toEqual([1620]);
    expect(state.controls.domains.map((d: { domain: string }) => d.domain)).toEqual(["spam.example.com"]);
    expect(state.pages.map((p: { surface: string }) => p.surface)).toEqual(["confirmation", "returns"]);
    expect(state.pages[0].layouts[0]).toMatchObject({ layout_type: "Overlay", theme: { primaryColor: "#112233" } });
    expect(state.pages[1].layouts[0]).toMatchObject({ layout_type: "Embedded" });
    expect(state.payout.stripe_account_id).toMatch(/^acct_/);

    // The merchant is in the list, and the draft no longer in progress.
    await page.getByRole("link", { name: "Open merchant" }).click();
    await expect(page).toHaveURL(new RegExp(`/merchants/${accounts[0]!.account_id}`));
    await page.goto(`/merchants?q=${encodeURIComponent(m.external)}`);
    await expect(page.getByRole("link", { name: m.brand })).toBeVisible();
    await page.goto("/onboard");
    await expect(page.getByRole("link", { name: m.brand })).toHaveCount(0);
  });

  test("a go-live interrupted by a closed page while answers are dropped finishes from the drafts list, with one merchant", async ({
    browser,
  }: {
    browser: Browser;
  }) => {
    test.setTimeout(180_000);
    const m = newMerchant("Resume");
    const first = await browser.newContext();
    const page = await first.newPage();
    await signIn(page, DEMO.manager);
    await quickDraft(page, m);
    await sandboxFaults({ latency_ms: 1_200, drop_after_commit_rate: 0.5 });
    await page.getByRole("button", { name: "Go live" }).click();
    await expect(page.getByRole("list", { name: "Go-live steps" }).getByRole("listitem").first()).toContainText(
      "Running",
    );
    await first.close(); // the tab is gone mid-run

    const second = await browser.newContext();
    const again = await second.newPage();
    await signIn(again, DEMO.manager);
    await again.goto("/onboard");
    const inProgress = again.getByRole("list", { name: "In progress" });
    await expect(
      inProgress.getByRole("listitem").filter({ hasText: m.brand }).getByRole("button", { name: "Delete draft" }),
    ).toBeVisible();
    await inProgress.getByRole("link", { name: m.brand }).click();
    await expectCurrent(again, "Go live");
    const live = again.getByRole("list", { name: "Go-live steps" });
    await expect(live.getByRole("listitem").filter({ hasText: "Activate" })).toContainText("Done", { timeout: 90_000 });
    await sandboxFaults({ latency_ms: 0, drop_after_commit_rate: 0 });
    for (const item of await live.getByRole("listitem").all()) await expect(item).toContainText(/Done.*op_/);

    const accounts = (await sandboxAccounts()).filter((a) => a.brand === m.brand);
    expect(accounts).toHaveLength(1);
    // biome-ignore lint/suspicious/noExplicitAny: the sandbox's stored state
    const state = (await sandboxAccount(accounts[0]!.account_id)) as any;
    expect(state.account.status).toBe("active");
    expect(state.pages.map((p: { surface: string }) => p.surface)).toEqual(["tracking"]);
    await again.goto("/onboard");
    await expect(again.getByRole("link", { name: m.brand })).toHaveCount(0);
    await second.close();
  });

  test("drafts: listed as Untitled until named, resumable, and deletable", async ({ page }) => {
    await signIn(page, DEMO.manager);
    await page.goto("/onboard");
    await page.getByRole("button", { name: "New merchant" }).click();
    await expectCurrent(page, "Merchant");
    const url = page.url();
    await page.goto("/onboard");
    const list = page.getByRole("list", { name: "In progress" });
    const untitled = list.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Untitled draft" }) });
    await expect(untitled.first()).toBeVisible();
    const mine = list.getByRole("listitem").filter({ has: page.locator(`a[href="${new URL(url).pathname}"]`) });
    page.once("dialog", (d) => d.accept());
    await mine.getByRole("button", { name: "Delete draft" }).click();
    await expect(mine).toHaveCount(0);
    await page.goto(url);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Steps" })).toHaveCount(0);
  });
});
