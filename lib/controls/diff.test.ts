import { describe, expect, it } from "vitest";
import { applyChanges, diffControls, diffSize, isEmptyDiff } from "./diff";
import type { ControlsState } from "./pairs";

const p = (v: number, s: number) => ({ partnerVerticalId: v, partnerSubVerticalId: s });

describe("diffControls", () => {
  it("lists blocked and unblocked pairs and domains, sorted", () => {
    const saved: ControlsState = { pairs: [p(1500, 1610), p(1502, 1620)], domains: ["a.com", "b.com"] };
    const desired: ControlsState = {
      pairs: [p(1504, 1612), p(1500, 1610), p(1500, 1600)],
      domains: ["c.com", "a.com"],
    };
    expect(diffControls(saved, desired)).toEqual({
      blockedPairs: [p(1500, 1600), p(1504, 1612)],
      unblockedPairs: [p(1502, 1620)],
      blockedDomains: ["c.com"],
      unblockedDomains: ["b.com"],
    });
  });

  it("is empty when only the order differs (an undone change is no change)", () => {
    const a: ControlsState = { pairs: [p(1, 2), p(3, 4)], domains: ["x.io", "y.io"] };
    const b: ControlsState = { pairs: [p(3, 4), p(1, 2)], domains: ["y.io", "x.io"] };
    const d = diffControls(a, b);
    expect(isEmptyDiff(d)).toBe(true);
    expect(diffSize(d)).toBe(0);
  });

  it("counts a repeated pair once", () => {
    const d = diffControls({ pairs: [], domains: [] }, { pairs: [p(1, 2), p(1, 2)], domains: [] });
    expect(d.blockedPairs).toEqual([p(1, 2)]);
    expect(diffSize(d)).toBe(1);
  });
});

describe("applyChanges (Reapply my changes)", () => {
  const base: ControlsState = { pairs: [p(1500, 1610), p(1502, 1620)], domains: ["old.com", "keep.com"] };

  it("puts my blocks and unblocks on top of the other person's version", () => {
    const mine: ControlsState = { pairs: [p(1500, 1610), p(1504, 1612)], domains: ["keep.com", "mine.com"] };
    const theirs: ControlsState = {
      pairs: [p(1500, 1610), p(1502, 1620), p(1503, 1615)],
      domains: ["old.com", "keep.com", "theirs.com"],
    };
    const merged = applyChanges(theirs, diffControls(base, mine));
    // Theirs kept (1503/1615, theirs.com); mine added (1504/1612, mine.com); mine removed (1502/1620, old.com).
    expect(merged.pairs).toEqual([p(1500, 1610), p(1503, 1615), p(1504, 1612)]);
    expect(merged.domains).toEqual(["keep.com", "theirs.com", "mine.com"]);
  });

  it("does not duplicate what both blocked, and keeps a removal both made", () => {
    const mine: ControlsState = { pairs: [p(1500, 1610), p(1, 1)], domains: ["keep.com"] };
    const theirs: ControlsState = { pairs: [p(1, 1)], domains: ["keep.com"] };
    const merged = applyChanges(theirs, diffControls(base, mine));
    expect(merged.pairs).toEqual([p(1, 1)]);
    expect(merged.domains).toEqual(["keep.com"]);
  });

  it("leaves the newer version as it is when I changed nothing", () => {
    const theirs: ControlsState = { pairs: [p(9, 9)], domains: ["z.com"] };
    expect(applyChanges(theirs, diffControls(base, base))).toEqual(theirs);
  });

  it("then differs from the newer version by exactly my changes", () => {
    const mine: ControlsState = { pairs: [p(1502, 1620), p(7, 7)], domains: [] };
    const theirs: ControlsState = { pairs: [p(1500, 1610), p(1502, 1620), p(8, 8)], domains: ["keep.com"] };
    const merged = applyChanges(theirs, diffControls(base, mine));
    const d = diffControls(theirs, merged);
    expect(d.blockedPairs).toEqual([p(7, 7)]);
    expect(d.unblockedPairs).toEqual([p(1500, 1610)]);
    expect(d.unblockedDomains).toEqual(["keep.com"]);
  });
});
