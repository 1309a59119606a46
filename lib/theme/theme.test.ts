import { describe, expect, it } from "vitest";
import { DEFAULT_THEME } from "@/lib/partnerships/pages";
import { normaliseHexColour } from "./colour";
import { contrastRatio, formatRatio, meetsAA, readableOn, relativeLuminance } from "./contrast";
import { splitThemeErrors } from "./errors";
import { layoutLabel } from "./labels";
import {
  baselineTheme,
  isThemeChanged,
  knownThemeFrom,
  previewTheme,
  sparseThemePatch,
  themeAfterPatch,
  themeForm,
} from "./patch";

describe("colour normalisation", () => {
  it.each([
    ["#abc", "#AABBCC"],
    ["#ABC", "#AABBCC"],
    ["#a1b2c3", "#A1B2C3"],
    ["#A1b2C3", "#A1B2C3"],
    ["  #fff ", "#FFFFFF"],
  ])("%s → %s", (input, out) => expect(normaliseHexColour(input)).toBe(out));

  it.each(["", "#", "#ab", "#abcd", "#abcde", "#abcdefa", "abc", "abcdef", "#ggg", "#12345z", "red", "#abc;"])(
    "refuses %j",
    (input) => expect(normaliseHexColour(input)).toBeNull(),
  );
});

describe("WCAG contrast", () => {
  it("gives the extremes and the known reference values", () => {
    expect(relativeLuminance("#000")).toBe(0);
    expect(relativeLuminance("#FFFFFF")).toBeCloseTo(1, 10);
    expect(contrastRatio("#000000", "#FFFFFF")).toBeCloseTo(21, 10);
    expect(contrastRatio("#FFFFFF", "#000000")).toBeCloseTo(21, 10);
    expect(contrastRatio("#777777", "#777")).toBe(1);
    // WebAIM's contrast checker: #777777 on white is 4.48:1, #767676 on white is 4.54:1.
    expect(contrastRatio("#777777", "#FFFFFF")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#767676", "#FFFFFF")).toBeCloseTo(4.54, 2);
    // The API's default theme: #111827 on #FFFFFF is 17.74:1.
    expect(contrastRatio(DEFAULT_THEME.textColor, DEFAULT_THEME.backgroundColor)).toBeCloseTo(17.74, 2);
  });

  it("checks AA at 4.5:1 for normal text, on either side of the boundary", () => {
    expect(meetsAA("#767676", "#FFFFFF")).toBe(true);
    expect(meetsAA("#777777", "#FFFFFF")).toBe(false);
    expect(meetsAA("#FFFFFF", "#FFFFFF")).toBe(false);
    expect(meetsAA("#111827", "#fff")).toBe(true);
  });

  it("never rounds a failing ratio up to the threshold", () => {
    expect(formatRatio(4.4999)).toBe("4.49:1");
    expect(formatRatio(21)).toBe("21.00:1");
  });

  it("picks a readable label colour", () => {
    expect(readableOn("#FFFF00")).toBe("#000000");
    expect(readableOn("#4F46E5")).toBe("#FFFFFF");
  });

  it("refuses what is not a colour", () => {
    expect(() => relativeLuminance("#12")).toThrow(/not a hex colour/);
  });
});

describe("sparse theme patch", () => {
  const saved = baselineTheme({ primaryColor: "#112233", borderRadius: 4 });

  it("starts unknown tokens from the API's defaults", () => {
    expect(saved).toEqual({ ...DEFAULT_THEME, primaryColor: "#112233", borderRadius: 4 });
  });

  it("sends nothing when nothing changed, case and short forms included", () => {
    expect(sparseThemePatch(saved, { ...saved, primaryColor: "#123", textColor: "#111827" })).toEqual({});
    expect(sparseThemePatch(saved, { ...saved, primaryColor: "#112233".toLowerCase() })).toEqual({});
    expect(isThemeChanged(saved, { ...saved, backgroundColor: "#fff" })).toBe(false);
  });

  it("sends only the changed tokens, normalised", () => {
    expect(sparseThemePatch(saved, { ...saved, primaryColor: "#abc", borderRadius: 12 })).toEqual({
      primaryColor: "#AABBCC",
      borderRadius: 12,
    });
    expect(isThemeChanged(saved, { ...saved, closeButtonColor: "#000" })).toBe(true);
  });

  it("keeps an invalid value as typed, so validation names it", () => {
    expect(sparseThemePatch(saved, { ...saved, textColor: "#12" })).toEqual({ textColor: "#12" });
  });

  it("is what the shared PATCH schema accepts, unchanged by its normalisation", async () => {
    const { patchLayoutRequest } = await import("@/lib/partnerships/pages");
    const patch = sparseThemePatch(saved, { ...saved, primaryColor: "#abc", borderRadius: 0 });
    expect(patchLayoutRequest.parse(patch)).toEqual(patch);
  });
});

describe("the editor's form schema", () => {
  it("normalises colours and checks the radius range with the shared messages", () => {
    expect(themeForm.parse({ ...DEFAULT_THEME, primaryColor: "#abc" }).primaryColor).toBe("#AABBCC");
    const bad = themeForm.safeParse({ ...DEFAULT_THEME, textColor: "#12", borderRadius: 49 });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries((bad.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({ textColor: "is not a colour (#RGB or #RRGGBB)", borderRadius: "must be 0 to 48" });
    expect(themeForm.safeParse({ ...DEFAULT_THEME, borderRadius: Number.NaN }).error?.issues[0]?.message).toBe(
      "must be a number from 0 to 48",
    );
    expect(themeForm.safeParse({ ...DEFAULT_THEME, borderRadius: 4.5 }).error?.issues[0]?.message).toBe(
      "must be an integer",
    );
  });
});

describe("known themes", () => {
  it("keeps only readable tokens, normalised", () => {
    expect(knownThemeFrom(null)).toEqual({});
    expect(knownThemeFrom({ primaryColor: "#abc", textColor: "nope", borderRadius: 99, other: 1 })).toEqual({
      primaryColor: "#AABBCC",
    });
  });

  it("takes the answer's full theme, or merges the sent tokens on a bare acknowledgement", () => {
    const full = { ...DEFAULT_THEME, primaryColor: "#ABCDEF" };
    expect(themeAfterPatch({}, { primaryColor: "#ABCDEF" }, { layout_id: "l", theme: full })).toEqual(full);
    expect(themeAfterPatch({ borderRadius: 3 }, { primaryColor: "#abc" }, { status: "ok", layout_id: "l" })).toEqual({
      borderRadius: 3,
      primaryColor: "#AABBCC",
    });
  });

  it("previews valid tokens and falls back for those being typed", () => {
    const draft = { ...DEFAULT_THEME, primaryColor: "#00f", textColor: "#12", borderRadius: 60 };
    expect(previewTheme(draft, DEFAULT_THEME)).toEqual({ ...DEFAULT_THEME, primaryColor: "#0000FF" });
  });
});

describe("server errors on fields", () => {
  it("puts the console's named fields on their fields and the rest in the summary", () => {
    expect(
      splitThemeErrors({ fields: { primaryColor: "is not a colour", "body.borderRadius": "must be 0 to 48", x: "?" } }),
    ).toEqual({
      fields: { primaryColor: "is not a colour", borderRadius: "must be 0 to 48" },
      other: [{ field: "x", message: "?" }],
    });
  });

  it("reads the field from the start of an upstream 400 message", () => {
    expect(splitThemeErrors({ status: 400, message: "borderRadius must be 0 to 48" }).fields).toEqual({
      borderRadius: "must be 0 to 48",
    });
    expect(splitThemeErrors({ status: 409, message: "textColor clash" }).fields).toEqual({});
    expect(splitThemeErrors({ status: 400, message: "account is deleting" }).fields).toEqual({});
  });
});

describe("labels", () => {
  it("names a layout by its page's surface and its type", () => {
    expect(layoutLabel("confirmation", "Overlay")).toBe("Confirmation page, Overlay");
    expect(layoutLabel("returns", "Embedded")).toBe("Returns page, Embedded");
  });
});
