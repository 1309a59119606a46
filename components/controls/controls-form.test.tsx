// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ToastProvider } from "@/components/ui/toast";
import type { Controls } from "@/lib/partnerships/controls";
import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";
import { ControlsForm } from "./controls-form";

const ACC = "4123456789012345";
const PATH = `/api/merchants/${ACC}/controls`;
const TREE: TaxonomyVertical[] = [
  {
    id: 1500,
    name: "Apparel & Accessories",
    subVerticals: [
      { id: 1610, name: "Women's Clothing", mapped: true },
      { id: 1602, name: "Shoes", mapped: true },
    ],
  },
  { id: 1518, name: "Gifts & Flowers", subVerticals: [{ id: 1694, name: "Gift Cards", mapped: false }] },
];

const controls = (hash: string, pairs: [number, number][], domains: string[]): Controls => ({
  accountId: ACC,
  marketplaceControlsListId: "0b9f8d4e-0000-4000-8000-000000000001",
  name: "Acme Controls",
  verticals: pairs.map(([v, s]) => ({ vertical_id: v, sub_vertical_id: s })),
  translatedVerticals: pairs.map(([v, s]) => ({ partner_vertical_id: v, partner_sub_vertical_id: s, policy: "Block" })),
  domains: domains.map((domain) => ({ domain, policy: "Block" })),
  contentHash: hash,
});

interface Sent {
  url: string;
  key: string | null;
  body: Record<string, unknown>;
}
let sent: Sent[];
let answers: Response[];
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

beforeEach(() => {
  sent = [];
  answers = [];
  sessionStorage.clear();
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      const headers = init.headers as Record<string, string>;
      sent.push({ url, key: headers["Idempotency-Key"] ?? null, body: JSON.parse(String(init.body)) });
      const next = answers.shift();
      if (!next) throw new Error(`unexpected request ${url}`);
      return next;
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderForm(initial: Controls, reread = vi.fn()) {
  render(
    <ToastProvider>
      <ControlsForm
        accountId={ACC}
        taxonomy={TREE}
        initial={initial}
        accountStatus="active"
        path={PATH}
        reread={reread}
        remember={() => {}}
        refreshStatus={() => {}}
      />
    </ToastProvider>,
  );
  return reread;
}

const click = (name: string) => act(async () => fireEvent.click(screen.getByRole("button", { name })));

describe("ControlsForm", () => {
  it("previews with a dry run under its own key, then saves the full list with the contentHash", async () => {
    renderForm(controls("h1", [[1500, 1610]], ["old.com"]));
    fireEvent.click(screen.getByRole("checkbox", { name: "Shoes" }));
    fireEvent.change(screen.getByLabelText("Blocked domains"), { target: { value: "old.com\nNew.com" } });

    answers.push(
      json(200, {
        data: controls(
          "h1",
          [
            [1500, 1602],
            [1500, 1610],
          ],
          ["new.com", "old.com"],
        ),
        dryRun: true,
      }),
    );
    await click("Preview changes");
    const preview = await screen.findByRole("region", { name: "Preview of changes" });
    expect(
      within(preview)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["+ Block Apparel & Accessories › Shoes", "+ Block new.com"]);

    answers.push(
      json(200, {
        data: controls(
          "h2",
          [
            [1500, 1602],
            [1500, 1610],
          ],
          ["new.com", "old.com"],
        ),
        operationId: "op_1",
      }),
    );
    await click("Save controls");
    await screen.findByText("Controls saved.");
    expect(sent.map((s) => s.url)).toEqual([`${PATH}?dry_run=true`, PATH]);
    expect(sent[0]?.key).not.toBe(sent[1]?.key);
    expect(sent[1]?.body).toEqual({
      name: "Acme Controls",
      blockedVerticals: [
        { partnerVerticalId: 1500, partnerSubVerticalId: 1602, policy: "Block" },
        { partnerVerticalId: 1500, partnerSubVerticalId: 1610, policy: "Block" },
      ],
      domains: [
        { domain: "old.com", policy: "Block" },
        { domain: "new.com", policy: "Block" },
      ],
      contentHash: "h1",
    });
    expect(screen.getByRole("link", { name: "View operation" }).getAttribute("href")).toBe("/operations/op_1");
    expect((screen.getByRole("button", { name: "Save controls" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("on a stale contentHash shows the other version's changes, keeps the draft, and reapplies it on top", async () => {
    const theirs = controls(
      "h9",
      [
        [1500, 1610],
        [1500, 1602],
      ],
      [],
    );
    const reread = renderForm(
      controls("h1", [[1500, 1610]], ["old.com"]),
      vi.fn(async () => theirs),
    );
    fireEvent.change(screen.getByLabelText("Blocked domains"), { target: { value: "old.com\nmine.com" } });
    answers.push(json(409, { error: { code: "conflict", message: "contentHash is stale" } }));
    await click("Save controls");
    const banner = await screen.findByRole("alert");
    // A stale contentHash is final, not retried like "still running".
    expect(sent).toHaveLength(1);
    expect(banner.textContent).toContain("changed by someone else");
    expect(banner.textContent).toContain("+ Block Apparel & Accessories › Shoes");
    expect(banner.textContent).toContain("− Unblock old.com");
    expect(reread).toHaveBeenCalledTimes(1);
    expect((screen.getByLabelText("Blocked domains") as HTMLTextAreaElement).value).toBe("old.com\nmine.com");

    await act(async () => fireEvent.click(within(banner).getByRole("button", { name: "Reapply my changes" })));
    expect(screen.queryByText(/changed by someone else/)).toBeNull();
    expect((screen.getByRole("checkbox", { name: "Shoes" }) as HTMLInputElement).checked).toBe(true);
    // Theirs removed old.com; I did not touch it, so it stays removed; mine.com is mine.
    expect((screen.getByLabelText("Blocked domains") as HTMLTextAreaElement).value).toBe("mine.com");

    answers.push(
      json(200, {
        data: controls(
          "h10",
          [
            [1500, 1602],
            [1500, 1610],
          ],
          ["mine.com"],
        ),
      }),
    );
    await click("Save controls");
    await screen.findByText("Controls saved.");
    const last = sent.at(-1)!;
    expect(last.body.contentHash).toBe("h9");
    expect(last.body.domains).toEqual([{ domain: "mine.com", policy: "Block" }]);
    expect(last.body.blockedVerticals).toHaveLength(2);
    expect(last.key).not.toBe(sent[0]?.key);
  });

  it("puts the API's unmapped-pair refusal on the exact chip", async () => {
    renderForm(controls("h1", [], []));
    fireEvent.click(screen.getByRole("checkbox", { name: "Gift Cards" }));
    answers.push(
      json(400, {
        error: {
          code: "bad_request",
          message: "blockedVerticals[0] (1518, 1694) has no mapping in the platform's taxonomy",
          requestId: "req-1",
        },
      }),
    );
    await click("Save controls");
    await waitFor(() =>
      expect(screen.getByRole("checkbox", { name: "Gift Cards" }).getAttribute("aria-invalid")).toBe("true"),
    );
    const chip = within(screen.getByRole("list", { name: "Blocked sub-verticals" })).getByRole("listitem");
    expect(chip.textContent).toContain("Rokt has no mapping for this pair");
  });

  it("a 403 says what is not allowed and keeps the draft on screen", async () => {
    renderForm(controls("h1", [], []));
    fireEvent.click(screen.getByRole("checkbox", { name: "Shoes" }));
    answers.push(json(403, { error: { code: "forbidden", message: "Your role cannot do this", requestId: "r9" } }));
    await click("Save controls");
    const alert = await screen.findByText(/You are not allowed to change this merchant’s controls/);
    expect(alert.textContent).toContain("request id r9");
    expect((screen.getByRole("checkbox", { name: "Shoes" }) as HTMLInputElement).checked).toBe(true);
  });
});
