import type { PutControlsRequest } from "@/lib/partnerships/controls";
import type { DomainLineError } from "./domains";
import { lineOfDomain } from "./domains";
import { pairKey, type VerticalPair } from "./pairs";

/**
 * Puts a refused PUT's errors where the person can act on them: a message on
 * the exact chip of a pair, on the exact line of a domain, and the rest (a
 * field this form does not show) in the summary at the top. Sources:
 * - the console's zod check, by field path: `blockedVerticals.3.partnerSubVerticalId`,
 *   `domains.2.domain` (indices into the body that was sent);
 * - the API's 400 message naming a pair (`blockedVerticals[3] (1518, 1694) has no
 *   mapping…`) or a domain index.
 */
export interface PlacedErrors {
  pairs: Record<string, string>;
  lines: DomainLineError[];
  other: { field: string; message: string }[];
}

export const UNMAPPED_MESSAGE = "Rokt has no mapping for this pair on your platform, so it cannot be blocked.";

export function placeServerErrors(
  error: { message: string; fields?: Record<string, string> },
  sent: PutControlsRequest,
  domainsText: string,
): PlacedErrors {
  const out: PlacedErrors = { pairs: {}, lines: [], other: [] };
  const sentPairs = sent.blockedVerticals ?? [];
  const sentDomains = sent.domains ?? [];

  const onPair = (p: VerticalPair | undefined, message: string, field: string) => {
    if (p) out.pairs[pairKey(p)] ??= message;
    else out.other.push({ field, message });
  };
  const onDomain = (index: number, message: string, field: string) => {
    const d = sentDomains[index]?.domain;
    const line = d === undefined ? null : lineOfDomain(domainsText, d);
    if (line !== null) out.lines.push({ line, message: `${d} ${message}` });
    else out.other.push({ field, message });
  };

  const fields = Object.entries(error.fields ?? {});
  for (const [field, message] of fields) {
    const pair = /^blockedVerticals\.(\d+)(?:\.|$)/.exec(field);
    const dom = /^domains\.(\d+)(?:\.|$)/.exec(field);
    if (pair) onPair(sentPairs[Number(pair[1])], message, field);
    else if (dom) onDomain(Number(dom[1]), message, field);
    else out.other.push({ field: field === "domains" ? "Blocked domains" : field, message });
  }
  if (fields.length > 0) return out;

  // No field map: the API's own message, which names the pair by index and ids.
  const msg = error.message;
  const ids = /\((\d+),\s*(\d+)\)/.exec(msg) ?? /\b(\d+)\s*\/\s*(\d+)\b/.exec(msg);
  const index = /blockedVerticals(?:\[(\d+)\]|\.(\d+))/.exec(msg);
  const domIndex = /domains(?:\[(\d+)\]|\.(\d+))/.exec(msg);
  const friendly = /mapp/i.test(msg) ? UNMAPPED_MESSAGE : msg;
  if (ids) {
    onPair({ partnerVerticalId: Number(ids[1]), partnerSubVerticalId: Number(ids[2]) }, friendly, "blockedVerticals");
  } else if (index) {
    onPair(sentPairs[Number(index[1] ?? index[2])], friendly, "blockedVerticals");
  } else if (domIndex) {
    onDomain(Number(domIndex[1] ?? domIndex[2]), msg, "domains");
  } else {
    out.other.push({ field: "controls", message: msg });
  }
  return out;
}

export function hasPlacedErrors(p: PlacedErrors): boolean {
  return Object.keys(p.pairs).length > 0 || p.lines.length > 0 || p.other.length > 0;
}
