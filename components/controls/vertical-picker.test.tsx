// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import type { VerticalPair } from "@/lib/controls";
import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";
import { BlockedChips } from "./blocked-chips";
import { DomainsEditor } from "./domains-editor";
import { VerticalPicker } from "./vertical-picker";

const TREE: TaxonomyVertical[] = [
  {
    id: 1500,
    name: "Apparel & Accessories",
    subVerticals: [
      { id: 1610, name: "Women's Clothing", mapped: true },
      { id: 1602, name: "Shoes", mapped: true },
    ],
  },
  {
    id: 1518,
    name: "Gifts & Flowers",
    subVerticals: [
      { id: 1690, name: "Flowers", mapped: true },
      { id: 1694, name: "Gift Cards", mapped: false },
    ],
  },
];

function Harness({
  initial = [] as VerticalPair[],
  errors,
}: {
  initial?: VerticalPair[];
  errors?: Record<string, string>;
}) {
  const [value, setValue] = useState<VerticalPair[]>(initial);
  return (
    <>
      <VerticalPicker taxonomy={TREE} value={value} onChange={setValue} errors={errors} />
      <BlockedChips taxonomy={TREE} value={value} onChange={setValue} errors={errors} />
    </>
  );
}

afterEach(cleanup);

describe("VerticalPicker + BlockedChips", () => {
  it("names each vertical group and each checkbox exactly, and blocks a sub-vertical into a chip", () => {
    render(<Harness />);
    const apparel = screen.getByRole("group", { name: "Apparel & Accessories" });
    fireEvent.click(within(apparel).getByRole("checkbox", { name: "Shoes" }));
    const chips = screen.getByRole("list", { name: "Blocked sub-verticals" });
    expect(
      within(chips)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Apparel & Accessories › Shoes×"]);
    fireEvent.click(within(chips).getByRole("button", { name: "Unblock Apparel & Accessories › Shoes" }));
    expect(screen.getByText("No sub-vertical is blocked.")).toBeTruthy();
    expect((within(apparel).getByRole("checkbox", { name: "Shoes" }) as HTMLInputElement).checked).toBe(false);
  });

  it("search shows every sub-vertical of a matching vertical, and only matching sub-verticals otherwise", () => {
    render(<Harness />);
    const search = screen.getByLabelText("Search verticals");
    fireEvent.change(search, { target: { value: "gifts" } });
    expect(screen.queryByRole("group", { name: "Apparel & Accessories" })).toBeNull();
    expect(within(screen.getByRole("group", { name: "Gifts & Flowers" })).getAllByRole("checkbox")).toHaveLength(2);
    fireEvent.change(search, { target: { value: "shoe" } });
    const apparel = screen.getByRole("group", { name: "Apparel & Accessories" });
    expect(within(apparel).getAllByRole("checkbox")).toEqual([
      within(apparel).getByRole("checkbox", { name: "Shoes" }),
    ]);
    fireEvent.change(search, { target: { value: "zzz" } });
    expect(screen.getByText("No vertical or sub-vertical matches “zzz”.")).toBeTruthy();
  });

  it("Block all blocks only the mapped sub-verticals, marks the unmapped one, then offers Unblock all", () => {
    render(<Harness />);
    const gifts = screen.getByRole("group", { name: "Gifts & Flowers" });
    expect(gifts.textContent).toContain("not mapped by Rokt");
    fireEvent.click(within(gifts).getByRole("button", { name: "Block all Gifts & Flowers" }));
    expect((within(gifts).getByRole("checkbox", { name: "Flowers" }) as HTMLInputElement).checked).toBe(true);
    expect((within(gifts).getByRole("checkbox", { name: "Gift Cards" }) as HTMLInputElement).checked).toBe(false);
    expect(gifts.textContent).toContain("1/2");
    fireEvent.click(within(gifts).getByRole("button", { name: "Unblock all Gifts & Flowers" }));
    expect((within(gifts).getByRole("checkbox", { name: "Flowers" }) as HTMLInputElement).checked).toBe(false);
  });

  it("shows an error on the exact checkbox and chip", () => {
    render(
      <Harness
        initial={[
          { partnerVerticalId: 1518, partnerSubVerticalId: 1694 },
          { partnerVerticalId: 1500, partnerSubVerticalId: 1602 },
        ]}
        errors={{ "1518/1694": "refused" }}
      />,
    );
    const giftCards = screen.getByRole("checkbox", { name: "Gift Cards" });
    expect(giftCards.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("checkbox", { name: "Shoes" }).getAttribute("aria-invalid")).toBeNull();
    const chips = within(screen.getByRole("list", { name: "Blocked sub-verticals" })).getAllByRole("listitem");
    expect(chips.map((c) => c.textContent?.includes("refused"))).toEqual([false, true]);
  });
});

describe("DomainsEditor", () => {
  it("is a labelled text area that reports each line's error", () => {
    let text = "";
    render(
      <DomainsEditor
        value="a.com\nbad"
        onChange={(t) => {
          text = t;
        }}
        errors={[{ line: 2, message: "“bad” is not a valid domain" }]}
      />,
    );
    const area = screen.getByLabelText("Blocked domains");
    expect(area.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("Line 2: “bad” is not a valid domain")).toBeTruthy();
    fireEvent.change(area, { target: { value: "a.com" } });
    expect(text).toBe("a.com");
  });
});
