import { describe, expect, it } from "vitest";
import { nextPageHref, previousPageHref, readCursorState } from "./paging";

describe("cursor paging in the URL", () => {
  it("walks forward and back to the first page, keeping filters", () => {
    const filters = { outcome: "denied" };
    const page1 = readCursorState({ outcome: "denied" });
    expect(previousPageHref("/audit", filters, page1)).toBeNull();
    const to2 = nextPageHref("/audit", filters, page1, "c2");
    expect(to2).toBe("/audit?outcome=denied&cursor=c2&prev=%7E");
    const page2 = readCursorState(Object.fromEntries(new URL(`http://x${to2}`).searchParams));
    const to3 = nextPageHref("/audit", filters, page2, "c3") ?? "";
    const sp3 = new URL(`http://x${to3}`).searchParams;
    const page3 = readCursorState({ cursor: sp3.get("cursor") ?? undefined, prev: sp3.getAll("prev") });
    expect(page3).toEqual({ cursor: "c3", prev: ["~", "c2"] });
    expect(previousPageHref("/audit", filters, page3)).toBe("/audit?outcome=denied&cursor=c2&prev=%7E");
    expect(previousPageHref("/audit", filters, page2)).toBe("/audit?outcome=denied");
  });

  it("has no next page on the last page", () => {
    expect(nextPageHref("/m", {}, readCursorState({}), null)).toBeNull();
  });
});
