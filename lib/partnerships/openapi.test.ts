import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";

describe("OpenAPI document", () => {
  // biome-ignore lint/suspicious/noExplicitAny: walked by path below.
  const doc = buildOpenApiDocument() as any;

  it("is OpenAPI 3.1 with every path and method of SPEC §5", () => {
    expect(doc.openapi).toBe("3.1.0");
    const A = "/v1/partnership/accounts/{account_id}";
    const expected: [string, string][] = [
      ["/v1/accounts/register/partnership", "post"],
      ["/v1/partnership/accounts", "get"],
      [`${A}/marketplacecontrolslists`, "get"],
      [`${A}/marketplacecontrolslists`, "put"],
      [`${A}/status`, "get"],
      [`${A}/status`, "put"],
      [`${A}/pages`, "post"],
      [`${A}/pages/{page_id}`, "put"],
      [`${A}/layouts/{layout_id}`, "patch"],
      [`${A}/payout-setup`, "post"],
      ["/v1/partnership/network-privacy-requests", "post"],
      [`${A}/data-deletion-requests`, "post"],
      ["/v1/partnership/operations/{operation_id}", "get"],
    ];
    for (const [p, m] of expected) expect(doc.paths[p]?.[m], `${m} ${p}`).toBeDefined();
    expect(doc.paths["/v1/partnership/vertical-mappings"]).toBeUndefined();
  });

  it("has schemas for bodies and envelopes, and every $ref resolves", () => {
    const s = doc.components.schemas;
    expect(s.RegisterRequest.properties.store_identifier.type).toBe("string");
    expect(s.RegisterRequest.additionalProperties).toBe(false);
    expect(s.PutControlsRequest.required).toEqual(["name"]);
    expect(s.ControlsEnvelope.properties.data.properties.contentHash.type).toBe("string");
    expect(s.ErrorEnvelope.required).toContain("request_id");
    const refs = JSON.stringify(doc).match(/"#\/components\/[^"]+"/g) ?? [];
    for (const r of refs) {
      const parts = r.slice(3, -1).split("/");
      let node = doc;
      for (const part of parts) node = node?.[part];
      expect(node, r).toBeDefined();
    }
  });
});
