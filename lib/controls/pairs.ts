import type { Controls } from "@/lib/partnerships/controls";
import { type TaxonomyVertical, taxonomyPairKey } from "@/lib/partnerships/taxonomy";

/**
 * A partner (vertical, sub-vertical) pair as the PUT body names it, and the
 * controls as the editor thinks of them: a set of pairs and a set of domains.
 */
export interface VerticalPair {
  partnerVerticalId: number;
  partnerSubVerticalId: number;
}

export interface ControlsState {
  pairs: VerticalPair[];
  /** Lowercased host names. */
  domains: string[];
}

/** "1500/1610": the key errors and chips are looked up by. */
export const pairKey = (p: VerticalPair): string => taxonomyPairKey(p.partnerVerticalId, p.partnerSubVerticalId);

/** The stored order (SPEC §5.4): by vertical, then sub-vertical. */
export function sortPairs(pairs: readonly VerticalPair[]): VerticalPair[] {
  return [...pairs].sort(
    (a, b) => a.partnerVerticalId - b.partnerVerticalId || a.partnerSubVerticalId - b.partnerSubVerticalId,
  );
}

/** Drops repeats, keeping the first of each pair. */
export function uniquePairs(pairs: readonly VerticalPair[]): VerticalPair[] {
  const seen = new Set<string>();
  return pairs.filter((p) => {
    const k = pairKey(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The editor's view of a GET/PUT answer (SPEC §5.3): partner pairs and domains. */
export function stateFromControls(c: Pick<Controls, "translatedVerticals" | "domains">): ControlsState {
  return {
    pairs: c.translatedVerticals.map((v) => ({
      partnerVerticalId: v.partner_vertical_id,
      partnerSubVerticalId: v.partner_sub_vertical_id,
    })),
    domains: c.domains.map((d) => d.domain.toLowerCase()),
  };
}

/** "Vertical › Sub-vertical" names from the taxonomy tree; unknown pairs keep their ids. */
export function pairNamer(taxonomy: readonly TaxonomyVertical[]): (p: VerticalPair) => string {
  const names = new Map<string, string>();
  for (const v of taxonomy) {
    for (const s of v.subVerticals) names.set(taxonomyPairKey(v.id, s.id), `${v.name} › ${s.name}`);
  }
  return (p) => names.get(pairKey(p)) ?? `Unknown pair ${pairKey(p)}`;
}

/** Pairs Rokt leaves unmapped in this taxonomy: a block of one is refused (400). */
export function unmappedPairKeys(taxonomy: readonly TaxonomyVertical[]): Set<string> {
  const out = new Set<string>();
  for (const v of taxonomy) {
    for (const s of v.subVerticals) if (!s.mapped) out.add(taxonomyPairKey(v.id, s.id));
  }
  return out;
}
