import { describe, expect, it } from "vitest";
import { hasPlacedErrors, placeServerErrors, UNMAPPED_MESSAGE } from "./server-errors";

const sent = {
  name: "Acme Controls",
  blockedVerticals: [
    { partnerVerticalId: 1500, partnerSubVerticalId: 1610, policy: "Block" as const },
    { partnerVerticalId: 1500, partnerSubVerticalId: 1600, policy: "Block" as const },
    { partnerVerticalId: 1502, partnerSubVerticalId: 1620, policy: "Block" as const },
    { partnerVerticalId: 1518, partnerSubVerticalId: 1694, policy: "Block" as const },
  ],
  domains: [
    { domain: "a.com", policy: "Block" as const },
    { domain: "b.com", policy: "Block" as const },
    { domain: "c.com", policy: "Block" as const },
  ],
};
const text = "a.com\n\nb.com\nc.com";

describe("placeServerErrors", () => {
  it("puts field errors on the exact pair and the exact domain line", () => {
    const placed = placeServerErrors(
      {
        message: "The request is invalid",
        fields: {
          "blockedVerticals.3.partnerSubVerticalId": "must be a positive integer",
          "domains.2.domain": "repeats c.com",
        },
      },
      sent,
      text,
    );
    expect(placed.pairs).toEqual({ "1518/1694": "must be a positive integer" });
    expect(placed.lines).toEqual([{ line: 4, message: "c.com repeats c.com" }]);
    expect(placed.other).toEqual([]);
  });

  it("puts the API's unmapped-pair 400 on that pair's chip", () => {
    const placed = placeServerErrors(
      { message: "blockedVerticals[3] (1518, 1694) has no mapping in the platform's taxonomy" },
      sent,
      text,
    );
    expect(placed.pairs).toEqual({ "1518/1694": UNMAPPED_MESSAGE });
    expect(placed.other).toEqual([]);
  });

  it("finds the pair by index when the message has no ids", () => {
    const placed = placeServerErrors({ message: "blockedVerticals.1 is not mapped" }, sent, text);
    expect(placed.pairs).toEqual({ "1500/1600": UNMAPPED_MESSAGE });
  });

  it("sends fields the form does not show, and unplaceable messages, to the summary", () => {
    const placed = placeServerErrors(
      { message: "bad", fields: { name: "must be 1 to 120 characters long" } },
      sent,
      text,
    );
    expect(placed.other).toEqual([{ field: "name", message: "must be 1 to 120 characters long" }]);
    const vague = placeServerErrors({ message: "something else" }, sent, text);
    expect(vague.other).toEqual([{ field: "controls", message: "something else" }]);
    expect(hasPlacedErrors(vague)).toBe(true);
  });

  it("falls back to the summary when a domain index is outside what was sent or the line is gone", () => {
    const placed = placeServerErrors(
      { message: "x", fields: { "domains.9.domain": "is not a valid domain" } },
      sent,
      text,
    );
    expect(placed.lines).toEqual([]);
    expect(placed.other).toEqual([{ field: "domains.9.domain", message: "is not a valid domain" }]);
  });
});
