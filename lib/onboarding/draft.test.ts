import { describe, expect, it } from "vitest";
import { parseTaxonomyCsv, taxonomyTree } from "@/lib/partnerships/taxonomy";
import { searchCountries } from "./countries";
import { allowedReach, draftData, firstInvalidStep, validateStep } from "./draft";
import {
  buildControlsBody,
  buildPayoutBody,
  buildRegisterBody,
  buildThemeBody,
  PlanError,
  payoutOriginAllowed,
} from "./plan";

const tree = taxonomyTree(
  parseTaxonomyCsv(
    "partner_vertical_id,partner_vertical_name,partner_sub_vertical_id,partner_sub_vertical_name,rokt_vertical_id,rokt_sub_vertical_id\n1500,Apparel,1610,Women,200,4007\n1519,Adult,1695,Gambling,,\n",
  ),
);

const valid = () =>
  draftData.parse({
    merchant: {
      brand: " Acme ",
      external_account_id: "acme-1",
      store_identifier: "https://acme.myshopify.com",
      country_code: "GB",
      vertical_id: "1500",
      sub_vertical_id: "1610",
    },
    surfaces: {
      pages: [
        { surface: "returns", layout_type: "Embedded" },
        { surface: "confirmation", layout_type: "Overlay" },
      ],
    },
    controls: {
      blocked: [{ partnerVerticalId: 1500, partnerSubVerticalId: 1610 }],
      domainsText: "Spam.example.com\n\n",
    },
    themes: {
      returns: {
        primaryColor: "#abc",
        backgroundColor: "#FFFFFF",
        textColor: "#000",
        closeButtonColor: "#111111",
        borderRadius: 4,
      },
    },
  });

describe("wizard drafts", () => {
  it("keeps whatever was typed, and checks each step with the shared schemas", () => {
    const d = draftData.parse({ merchant: { store_identifier: "acme.myshopify.com" } });
    expect(d.merchant.store_identifier).toBe("acme.myshopify.com");
    const errors = validateStep("merchant", d, tree);
    expect(errors.brand).toBe("Enter the brand");
    expect(errors.store_identifier).toMatch(/https:\/\/acme\.myshopify\.com/);
    expect(errors.country_code).toBeDefined();
    expect(validateStep("surfaces", d)).toEqual({ pages: "Choose at least one surface" });
    const noLayout = draftData.parse({ surfaces: { pages: [{ surface: "tracking", layout_type: null }] } });
    expect(validateStep("surfaces", noLayout)).toEqual({ "pages.0.layout_type": "Choose Overlay or Embedded" });
    expect(
      validateStep("merchant", { ...valid(), merchant: { ...valid().merchant, sub_vertical_id: "1695" } }, tree),
    ).toEqual({
      sub_vertical_id: "Choose a sub-vertical of Apparel",
    });
    const badTheme = { ...valid(), themes: { returns: { ...valid().themes.returns!, primaryColor: "#12" } } };
    expect(Object.keys(validateStep("theme", badTheme))).toEqual(["theme.returns.primaryColor"]);
  });

  it("the server's order: a draft reaches a step only when every step before it validates", () => {
    expect(firstInvalidStep(valid(), tree)).toBeNull();
    expect(allowedReach(5, valid(), tree)).toBe(5);
    const noSurface = { ...valid(), surfaces: { pages: [] } };
    expect(firstInvalidStep(noSurface, tree)).toBe("surfaces");
    expect(allowedReach(4, noSurface, tree)).toBe(1);
    expect(allowedReach(0, noSurface, tree)).toBe(0);
  });

  it("turns into the API's bodies: register with its pages in surface order, the full PUT, full themes", () => {
    const d = valid();
    expect(buildRegisterBody(d, "1000000000000001")).toEqual({
      brand: "Acme",
      vertical_id: 1500,
      sub_vertical_id: 1610,
      country_code: "GB",
      platform_parent_account_id: "1000000000000001",
      store_identifier: "https://acme.myshopify.com",
      external_account_id: "acme-1",
      pages: [
        { surface: "confirmation", layout_type: "Overlay" },
        { surface: "returns", layout_type: "Embedded" },
      ],
    });
    expect(buildControlsBody(d)).toEqual({
      name: "Acme Controls",
      blockedVerticals: [{ partnerVerticalId: 1500, partnerSubVerticalId: 1610, policy: "Block" }],
      domains: [{ domain: "spam.example.com", policy: "Block" }],
    });
    expect(buildThemeBody(d, "returns")).toEqual({
      primaryColor: "#AABBCC",
      backgroundColor: "#FFFFFF",
      textColor: "#000000",
      closeButtonColor: "#111111",
      borderRadius: 4,
    });
    expect(buildThemeBody(d, "confirmation")).toMatchObject({ primaryColor: "#4F46E5", borderRadius: 8 });
    expect(() => buildControlsBody({ ...d, controls: { ...d.controls, domainsText: "https://x.com/a" } })).toThrow(
      PlanError,
    );
  });

  it("payout return URLs: https, or http on localhost only", () => {
    expect(payoutOriginAllowed("http://localhost:3000")).toBe(true);
    expect(payoutOriginAllowed("https://console.example.com")).toBe(true);
    expect(payoutOriginAllowed("http://console.example.com")).toBe(false);
    expect(buildPayoutBody("http://127.0.0.1:3600/", "1234567890123456")).toEqual({
      return_url: "http://127.0.0.1:3600/merchants/1234567890123456?payout=done",
      refresh_url: "http://127.0.0.1:3600/merchants/1234567890123456?payout=refresh",
    });
  });

  it("countries: current ISO codes only, found by name prefix, then anywhere, or by code", () => {
    expect(searchCountries("united k")).toEqual([["GB", "United Kingdom"]]);
    expect(searchCountries("gb")[0]).toEqual(["GB", "United Kingdom"]);
    expect(searchCountries("land").map(([c]) => c)).toContain("FI");
  });
});
