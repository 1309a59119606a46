import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { DEMO, signIn, submitSignIn } from "./helpers";
import { sandboxAccount, sandboxAccounts, sandboxStartDeletion } from "./sandbox";

/**
 * The Controls section of the merchant page (issue #6), against the standalone
 * sandbox: after every write the sandbox's own stored state is checked, not
 * only what the page shows. Each journey works on its own merchant.
 */

interface StoredControls {
  translatedVerticals: { partner_vertical_id: number; partner_sub_vertical_id: number }[];
  domains: { domain: string }[];
  contentHash: string;
}

async function storedControls(accountId: string): Promise<StoredControls> {
  return (await sandboxAccount(accountId)).controls as StoredControls;
}

const pairsOf = (c: StoredControls) =>
  c.translatedVerticals.map((v) => `${v.partner_vertical_id}/${v.partner_sub_vertical_id}`).sort();
const domainsOf = (c: StoredControls) => c.domains.map((d) => d.domain).sort();

let merchants: string[] = [];
test.beforeAll(async () => {
  const all = await sandboxAccounts();
  merchants = all.filter((a) => a.status === "active" || a.status === "paused").map((a) => a.account_id);
  expect(merchants.length).toBeGreaterThan(10);
});
const merchant = (n: number) => merchants[20 + n] as string;

async function openControls(page: Page, accountId: string) {
  await page.goto(`/merchants/${accountId}`);
  // The controls load client-side after hydration; the 2-core machine is shared, so allow for it.
  await expect(page.getByRole("heading", { name: "Marketplace controls" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByLabel("Search verticals")).toBeVisible();
}

const vertical = (page: Page, name: string) => page.getByRole("group", { name, exact: true });
const subVertical = (page: Page, verticalName: string, name: string) =>
  vertical(page, verticalName).getByRole("checkbox", { name, exact: true });
const alertWith = (page: Page, text: string) => page.getByRole("alert").filter({ hasText: text });

async function newSupportPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.support);
  return page;
}

test("support blocks two sub-verticals and a domain, previews, saves, and sees them after a reload", async ({
  page,
}) => {
  const id = merchant(0);
  const before = await storedControls(id);
  await signIn(page, DEMO.support);
  await openControls(page, id);

  await subVertical(page, "Apparel & Accessories", "Shoes").check();
  // Search shows the matching sub-vertical without further clicks.
  await page.getByLabel("Search verticals").fill("camping");
  await expect(vertical(page, "Apparel & Accessories")).toHaveCount(0);
  await subVertical(page, "Sports & Outdoors", "Camping & Hiking").check();
  await page.getByLabel("Search verticals").fill("");
  const domains = page.getByLabel("Blocked domains");
  const existing = await domains.inputValue();
  await domains.fill(`${existing}${existing ? "\n" : ""}  Bad-Ads.Example.com \n`);

  await page.getByRole("button", { name: "Preview changes" }).click();
  const preview = page.getByRole("region", { name: "Preview of changes" });
  await expect(preview).toContainText("+ Block Apparel & Accessories › Shoes");
  await expect(preview).toContainText("+ Block Sports & Outdoors › Camping & Hiking");
  await expect(preview).toContainText("+ Block bad-ads.example.com");
  // A dry run changes nothing upstream.
  expect((await storedControls(id)).contentHash).toBe(before.contentHash);

  await page.getByRole("button", { name: "Save controls" }).click();
  await expect(page.getByRole("region", { name: "Notifications" })).toContainText("Controls saved.");
  await expect(page.getByRole("link", { name: "View operation" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "No unsaved changes." })).toBeVisible();

  const after = await storedControls(id);
  expect(pairsOf(after)).toEqual([...new Set([...pairsOf(before), "1500/1602", "1504/1612"])].sort());
  expect(domainsOf(after)).toEqual([...new Set([...domainsOf(before), "bad-ads.example.com"])].sort());

  await page.reload();
  await expect(subVertical(page, "Apparel & Accessories", "Shoes")).toBeChecked();
  await expect(subVertical(page, "Sports & Outdoors", "Camping & Hiking")).toBeChecked();
  await expect(page.getByLabel("Blocked domains")).toHaveValue(/bad-ads\.example\.com/);
  await expect(page.getByRole("list", { name: "Blocked sub-verticals" })).toContainText(
    "Apparel & Accessories › Shoes",
  );
});

test("a change saved elsewhere in between gives the conflict banner; reapplying saves both", async ({
  page,
  browser,
}) => {
  const id = merchant(1);
  await signIn(page, DEMO.support);
  await openControls(page, id);
  await subVertical(page, "Home & Garden", "Furniture").check();
  await page.getByLabel("Blocked domains").fill("mine.example.com");

  // Someone else saves first.
  const other = await newSupportPage(browser);
  await openControls(other, id);
  await other.getByRole("button", { name: "Block all Electronics" }).click();
  await other.getByRole("button", { name: "Save controls" }).click();
  await expect(other.getByRole("region", { name: "Notifications" })).toContainText("Controls saved.");
  const theirs = await storedControls(id);
  expect(pairsOf(theirs)).toEqual(expect.arrayContaining(["1503/1615", "1503/1619"]));
  await other.context().close();

  await page.getByRole("button", { name: "Save controls" }).click();
  const banner = alertWith(page, "changed by someone else");
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("+ Block Electronics › Smart Home");
  // Nothing of mine reached the sandbox; my draft is still on screen.
  expect((await storedControls(id)).contentHash).toBe(theirs.contentHash);
  await expect(subVertical(page, "Home & Garden", "Furniture")).toBeChecked();

  await banner.getByRole("button", { name: "Reapply my changes" }).click();
  await expect(banner).toHaveCount(0);
  await expect(subVertical(page, "Electronics", "Smart Home")).toBeChecked();
  await expect(subVertical(page, "Home & Garden", "Furniture")).toBeChecked();
  await page.getByRole("button", { name: "Save controls" }).click();
  await expect(page.getByRole("region", { name: "Notifications" })).toContainText("Controls saved.");

  const both = await storedControls(id);
  expect(pairsOf(both)).toEqual([...new Set([...pairsOf(theirs), "1502/1620"])].sort());
  expect(domainsOf(both)).toEqual([...new Set([...domainsOf(theirs), "mine.example.com"])].sort());
});

test("an unmapped pair is refused and shown on its chip; nothing changes in the sandbox", async ({ page }) => {
  const id = merchant(2);
  const before = await storedControls(id);
  await signIn(page, DEMO.support);
  await openControls(page, id);
  await page.getByLabel("Search verticals").fill("gift cards");
  const giftCards = subVertical(page, "Gifts & Flowers", "Gift Cards");
  await expect(vertical(page, "Gifts & Flowers")).toContainText("not mapped by Rokt");
  await giftCards.check();
  await page.getByRole("button", { name: "Save controls" }).click();

  const chip = page
    .getByRole("list", { name: "Blocked sub-verticals" })
    .getByRole("listitem")
    .filter({ hasText: "Gifts & Flowers › Gift Cards" });
  await expect(chip).toContainText("Rokt has no mapping for this pair");
  await expect(giftCards).toHaveAttribute("aria-invalid", "true");
  const after = await storedControls(id);
  expect(after.contentHash).toBe(before.contentHash);
  expect(pairsOf(after)).toEqual(pairsOf(before));

  // Removing the refused chip clears its error and the draft.
  await chip.getByRole("button", { name: "Unblock Gifts & Flowers › Gift Cards" }).click();
  await expect(chip).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save controls" })).toBeDisabled();
});

test("a malformed domain line gets a field message and nothing is sent", async ({ page }) => {
  const id = merchant(3);
  const before = await storedControls(id);
  await signIn(page, DEMO.support);
  await openControls(page, id);
  const writes: string[] = [];
  page.on("request", (r) => {
    if (r.method() !== "GET" && r.url().includes("/controls")) writes.push(`${r.method()} ${r.url()}`);
  });
  const domains = page.getByLabel("Blocked domains");
  await domains.fill("good.example.com\nhttps://bad.example.com/path\ngood.example.com");
  await page.getByRole("button", { name: "Save controls" }).click();
  await expect(page.getByText("Line 2: “https://bad.example.com/path” is not a valid domain")).toBeVisible();
  await expect(page.getByText("Line 3: good.example.com repeats line 1")).toBeVisible();
  await expect(domains).toHaveAttribute("aria-invalid", "true");
  await expect(domains).toBeFocused();
  await page.getByRole("button", { name: "Preview changes" }).click();
  // Nothing typed is lost.
  await expect(domains).toHaveValue("good.example.com\nhttps://bad.example.com/path\ngood.example.com");
  expect(writes).toEqual([]);
  expect((await storedControls(id)).contentHash).toBe(before.contentHash);

  // Fixing the lines clears the messages as you type.
  await domains.fill("good.example.com\nbad.example.com");
  await expect(page.getByText(/Line 2:/)).toHaveCount(0);
});

test("leaving with unsaved changes asks first, and not once the change is undone", async ({ page }) => {
  const id = merchant(4);
  await signIn(page, DEMO.support);
  await openControls(page, id);
  const cycling = subVertical(page, "Sports & Outdoors", "Cycling");
  await cycling.check();
  let asked = 0;
  page.on("dialog", async (d) => {
    asked++;
    await d.dismiss();
  });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Merchants" }).click();
  await expect.poll(() => asked).toBe(1);
  await expect(page).toHaveURL(new RegExp(`/merchants/${id}$`));
  await cycling.uncheck();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Merchants" }).click();
  await expect(page).toHaveURL(/\/merchants$/);
  expect(asked).toBe(1);
});

test("an expired session keeps the draft; after sign-in it is restored and saved as the same intent", async ({
  page,
}) => {
  const id = merchant(5);
  const before = await storedControls(id);
  await signIn(page, DEMO.support);
  await openControls(page, id);
  await subVertical(page, "Electronics", "Cameras & Photography").check();
  await page.getByLabel("Blocked domains").fill("after-signin.example.com");
  await page.context().clearCookies();
  await page.getByRole("button", { name: "Save controls" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await submitSignIn(page, DEMO.support);
  await expect(page).toHaveURL(new RegExp(`/merchants/${id}$`));
  await expect(page.getByRole("status").filter({ hasText: "were restored" })).toBeVisible();
  await expect(subVertical(page, "Electronics", "Cameras & Photography")).toBeChecked();
  await expect(page.getByLabel("Blocked domains")).toHaveValue("after-signin.example.com");
  expect((await storedControls(id)).contentHash).toBe(before.contentHash);
  await page.getByRole("button", { name: "Save controls" }).click();
  await expect(page.getByRole("region", { name: "Notifications" })).toContainText("Controls saved");
  const after = await storedControls(id);
  expect(pairsOf(after)).toEqual([...new Set([...pairsOf(before), "1503/1618"])].sort());
  expect(domainsOf(after)).toEqual(["after-signin.example.com"]);
});

const startDeletion = (accountId: string) => sandboxStartDeletion(accountId, "e2e: controls of a deleting account");

test("a deleting account shows why and turns saving off", async ({ page }) => {
  const id = merchant(7);
  await startDeletion(id);
  await signIn(page, DEMO.support);
  await openControls(page, id);
  await expect(page.getByText(/account is deleting: the Partnerships API refuses changes/)).toBeVisible();
  await subVertical(page, "Apparel & Accessories", "Shoes").check();
  await expect(page.getByRole("button", { name: "Save controls" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Preview changes" })).toBeDisabled();
});

test("the Controls section has no serious or critical accessibility violations, light and dark", async ({ page }) => {
  const id = merchant(6);
  await signIn(page, DEMO.support);
  await openControls(page, id);
  // Show the states with the most on screen: a preview, a refused domain line, an unmapped hint.
  await subVertical(page, "Apparel & Accessories", "Shoes").check();
  await page.getByRole("button", { name: "Preview changes" }).click();
  await expect(page.getByRole("region", { name: "Preview of changes" })).toBeVisible();
  await page.getByLabel("Blocked domains").fill("not a domain");
  await page.getByRole("button", { name: "Save controls" }).click();
  await expect(page.getByText(/Line 1:/)).toBeVisible();
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `/tmp/controls-${colorScheme}.png`, fullPage: true });
    const results = await new AxeBuilder({ page }).include("#main").analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${colorScheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
      [],
    );
  }
});
