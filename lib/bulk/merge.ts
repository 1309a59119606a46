import { type ControlsState, pairKey, sortPairs, type VerticalPair } from "@/lib/controls/pairs";
import type { ControlsParams } from "./schemas";

/**
 * A bulk block or unblock as a change of one merchant's controls. PUT replaces
 * the whole list (SPEC §5.4), so the change is applied to what the merchant has
 * now: a block adds to its existing blocks and never drops one; an unblock
 * removes only what it names.
 */
export function mergeControls(current: ControlsState, params: Pick<ControlsParams, "action" | "pairs" | "domains">) {
  const pairs = new Map<string, VerticalPair>(current.pairs.map((p) => [pairKey(p), p]));
  const domains = new Set(current.domains.map((d) => d.toLowerCase()));
  let addedPairs = 0;
  let removedPairs = 0;
  let addedDomains = 0;
  let removedDomains = 0;
  for (const p of params.pairs) {
    const k = pairKey(p);
    if (params.action === "block" && !pairs.has(k)) {
      pairs.set(k, { partnerVerticalId: p.partnerVerticalId, partnerSubVerticalId: p.partnerSubVerticalId });
      addedPairs++;
    } else if (params.action === "unblock" && pairs.delete(k)) removedPairs++;
  }
  for (const raw of params.domains) {
    const d = raw.toLowerCase();
    if (params.action === "block" && !domains.has(d)) {
      domains.add(d);
      addedDomains++;
    } else if (params.action === "unblock" && domains.delete(d)) removedDomains++;
  }
  const next: ControlsState = {
    pairs: sortPairs([...pairs.values()]),
    // Code-point order, as the API stores them (SPEC §5.4).
    domains: [...domains].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  };
  const changed = addedPairs + removedPairs + addedDomains + removedDomains > 0;
  return { next, changed, summary: describeChange(addedPairs, removedPairs, addedDomains, removedDomains) };
}

function describeChange(addP: number, remP: number, addD: number, remD: number): string {
  const parts: string[] = [];
  const n = (k: number, one: string) => `${k} ${k === 1 ? one : `${one}s`}`;
  if (addP) parts.push(`+${n(addP, "vertical")}`);
  if (remP) parts.push(`−${n(remP, "vertical")}`);
  if (addD) parts.push(`+${n(addD, "domain")}`);
  if (remD) parts.push(`−${n(remD, "domain")}`);
  return parts.length ? parts.join(", ") : "no change";
}
