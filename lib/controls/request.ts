import type { PutControlsRequest } from "@/lib/partnerships/controls";
import { sortPairs, type VerticalPair } from "./pairs";

/**
 * The full PUT body (SPEC §5.4): PUT replaces the whole list, so every pair
 * and domain that should stay blocked is sent, with the contentHash of the
 * version the person edited (a stale one is refused with 409 instead of
 * silently overwriting someone else's change).
 */
export function buildPutControlsBody(input: {
  name: string;
  pairs: readonly VerticalPair[];
  domains: readonly string[];
  contentHash: string | null;
}): PutControlsRequest {
  return {
    name: input.name,
    blockedVerticals: sortPairs(input.pairs).map((p) => ({
      partnerVerticalId: p.partnerVerticalId,
      partnerSubVerticalId: p.partnerSubVerticalId,
      policy: "Block" as const,
    })),
    domains: input.domains.map((domain) => ({ domain, policy: "Block" as const })),
    ...(input.contentHash ? { contentHash: input.contentHash } : {}),
  };
}
