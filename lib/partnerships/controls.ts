import { z } from "zod";
import { boundedString, domain, policy, taxonomyId } from "./formats";

/** PUT /v1/partnership/accounts/{account_id}/marketplacecontrolslists (§5.4). */
export const blockedVertical = z.strictObject({
  partnerVerticalId: taxonomyId,
  partnerSubVerticalId: taxonomyId,
  policy,
});
export const blockedDomain = z.strictObject({ domain, policy });

export const putControlsRequest = z
  .strictObject({
    name: boundedString(1, 120),
    blockedVerticals: z.array(blockedVertical).max(500, "must list at most 500 items").optional(),
    domains: z.array(blockedDomain).max(500, "must list at most 500 items").optional(),
    contentHash: z.string().min(1).optional(),
  })
  .superRefine((body, ctx) => {
    const pairs = new Set<string>();
    body.blockedVerticals?.forEach((v, i) => {
      const k = `${v.partnerVerticalId}/${v.partnerSubVerticalId}`;
      if (pairs.has(k)) ctx.addIssue({ code: "custom", path: ["blockedVerticals", i], message: `repeats pair ${k}` });
      pairs.add(k);
    });
    const domains = new Set<string>();
    body.domains?.forEach((d, i) => {
      if (domains.has(d.domain))
        ctx.addIssue({ code: "custom", path: ["domains", i, "domain"], message: `repeats ${d.domain}` });
      domains.add(d.domain);
    });
  });
export type PutControlsRequest = z.input<typeof putControlsRequest>;

/** GET/PUT answer (§5.3). */
export const controls = z.object({
  accountId: z.string(),
  marketplaceControlsListId: z.string(),
  name: z.string(),
  verticals: z.array(z.object({ vertical_id: z.number().int(), sub_vertical_id: z.number().int() })),
  translatedVerticals: z.array(
    z.object({ partner_vertical_id: z.number().int(), partner_sub_vertical_id: z.number().int(), policy: z.string() }),
  ),
  domains: z.array(z.object({ domain: z.string(), policy: z.string() })),
  contentHash: z.string(),
});
export type Controls = z.infer<typeof controls>;
