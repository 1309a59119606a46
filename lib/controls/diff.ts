import { type ControlsState, pairKey, sortPairs, type VerticalPair } from "./pairs";

/**
 * What changes between two versions of the controls: pairs and domains that
 * become blocked (+) and that become unblocked (−). Used for the preview, the
 * "changed by someone else" banner, and to know whether a draft is dirty.
 */
export interface ControlsDiff {
  blockedPairs: VerticalPair[];
  unblockedPairs: VerticalPair[];
  blockedDomains: string[];
  unblockedDomains: string[];
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function diffControls(from: ControlsState, to: ControlsState): ControlsDiff {
  const fromPairs = new Set(from.pairs.map(pairKey));
  const toPairs = new Set(to.pairs.map(pairKey));
  const fromDomains = new Set(from.domains);
  const toDomains = new Set(to.domains);
  return {
    blockedPairs: sortPairs(dedupe(to.pairs).filter((p) => !fromPairs.has(pairKey(p)))),
    unblockedPairs: sortPairs(dedupe(from.pairs).filter((p) => !toPairs.has(pairKey(p)))),
    blockedDomains: [...toDomains].filter((d) => !fromDomains.has(d)).sort(byCodePoint),
    unblockedDomains: [...fromDomains].filter((d) => !toDomains.has(d)).sort(byCodePoint),
  };
}

function dedupe(pairs: readonly VerticalPair[]): VerticalPair[] {
  const seen = new Map<string, VerticalPair>();
  for (const p of pairs) if (!seen.has(pairKey(p))) seen.set(pairKey(p), p);
  return [...seen.values()];
}

export function isEmptyDiff(d: ControlsDiff): boolean {
  return (
    d.blockedPairs.length === 0 &&
    d.unblockedPairs.length === 0 &&
    d.blockedDomains.length === 0 &&
    d.unblockedDomains.length === 0
  );
}

export function diffSize(d: ControlsDiff): number {
  return d.blockedPairs.length + d.unblockedPairs.length + d.blockedDomains.length + d.unblockedDomains.length;
}

/**
 * "Reapply my changes": the person's changes (a diff from the version they
 * started from) put on top of a newer server version. What they blocked stays
 * blocked, what they unblocked stays unblocked, and everything the other
 * person changed that they did not touch is kept. Order: the newer version's
 * items first, then the ones added here.
 */
export function applyChanges(onto: ControlsState, mine: ControlsDiff): ControlsState {
  const unblock = new Set(mine.unblockedPairs.map(pairKey));
  const pairs = dedupe([...onto.pairs, ...mine.blockedPairs]).filter((p) => !unblock.has(pairKey(p)));
  const dropDomains = new Set(mine.unblockedDomains);
  const domains = [...new Set([...onto.domains, ...mine.blockedDomains])].filter((d) => !dropDomains.has(d));
  return { pairs, domains };
}
