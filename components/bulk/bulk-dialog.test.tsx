// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";
import { BulkDialog } from "./bulk-dialog";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn() }) }));

const TREE: TaxonomyVertical[] = [
  {
    id: 1500,
    name: "Apparel & Accessories",
    subVerticals: [
      { id: 1610, name: "Women's Clothing", mapped: true },
      { id: 1602, name: "Shoes", mapped: true },
    ],
  },
];
const SELECTION = { kind: "ids" as const, accountIds: ["4123456789012345"] };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("bulk dialog", () => {
  it("fills the picker and domains from a controls template, then previews on the server", async () => {
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body));
      expect(body.params).toEqual({
        action: "block",
        pairs: [{ partnerVerticalId: 1500, partnerSubVerticalId: 1610 }],
        domains: ["rival.example.com"],
        templateId: "t1",
      });
      const data = { total: 1, checked: 1, willChange: 1, alreadyMatch: 0, items: [], dryRuns: [] };
      return new Response(JSON.stringify({ data }), { status: 200, headers: { "Content-Type": "application/json" } });
    });
    vi.stubGlobal("fetch", fetchMock);
    render(
      <BulkDialog
        action="block"
        count={1}
        selection={SELECTION}
        taxonomy={TREE}
        templates={[
          {
            id: "t1",
            name: "Competitors",
            blocked: [{ partnerVerticalId: 1500, partnerSubVerticalId: 1610 }],
            domainsText: "rival.example.com\n",
          },
        ]}
        onClose={() => undefined}
      />,
    );
    const dialog = screen.getByRole("dialog", { name: "Block verticals and domains for 1 merchant" });
    fireEvent.change(within(dialog).getByRole("combobox", { name: "Start from template" }), {
      target: { value: "t1" },
    });
    expect(within(dialog).getByRole("checkbox", { name: "Women's Clothing" })).toHaveProperty("checked", true);
    expect(within(dialog).getByRole("textbox", { name: "Blocked domains" })).toHaveProperty(
      "value",
      "rival.example.com\n",
    );
    expect(within(dialog).getByRole("button", { name: "Start job" })).toHaveProperty("disabled", true);
    fireEvent.click(within(dialog).getByRole("button", { name: "Preview" }));
    const preview = await screen.findByRole("region", { name: "Bulk preview" });
    expect(within(preview).getByText("1 will change")).toBeTruthy();
    expect(within(preview).getByText("0 already match (skipped)")).toBeTruthy();
    await waitFor(() =>
      expect(within(dialog).getByRole("button", { name: "Start job" })).toHaveProperty("disabled", false),
    );
  });

  it("asks for a reason before a pause is previewed, and keeps what was typed", async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal("fetch", fetchMock);
    render(
      <BulkDialog
        action="pause"
        count={37}
        selection={SELECTION}
        taxonomy={TREE}
        templates={[]}
        onClose={() => undefined}
      />,
    );
    const dialog = screen.getByRole("dialog", { name: "Pause 37 merchants" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Preview" }));
    expect(await within(dialog).findByText(/Give a reason/)).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
    fireEvent.change(within(dialog).getByRole("textbox", { name: "Reason" }), { target: { value: "Fraud hold" } });
    expect(within(dialog).getByRole("textbox", { name: "Reason" })).toHaveProperty("value", "Fraud hold");
  });
});
