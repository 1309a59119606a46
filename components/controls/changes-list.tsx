import { type ControlsDiff, isEmptyDiff, pairKey, pairNamer } from "@/lib/controls";
import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";

/**
 * A diff of the controls as "+ Block …" and "− Unblock …" lines: used by the
 * dry-run preview and by the "changed by someone else" banner.
 */
export function ChangesList({
  diff,
  taxonomy,
  label,
  emptyText = "No changes.",
}: {
  diff: ControlsDiff;
  taxonomy: readonly TaxonomyVertical[];
  label: string;
  emptyText?: string;
}) {
  if (isEmptyDiff(diff)) return <p className="text-sm text-fg-muted">{emptyText}</p>;
  const nameOf = pairNamer(taxonomy);
  const lines = [
    ...diff.blockedPairs.map((p) => ({ key: `+p${pairKey(p)}`, add: true, text: nameOf(p) })),
    ...diff.blockedDomains.map((d) => ({ key: `+d${d}`, add: true, text: d })),
    ...diff.unblockedPairs.map((p) => ({ key: `-p${pairKey(p)}`, add: false, text: nameOf(p) })),
    ...diff.unblockedDomains.map((d) => ({ key: `-d${d}`, add: false, text: d })),
  ];
  return (
    <ul aria-label={label} className="space-y-0.5 font-mono text-sm">
      {lines.map((l) => (
        <li key={l.key} className={l.add ? "text-danger" : "text-success"}>
          {l.add ? "+ Block " : "− Unblock "}
          <span className="text-fg">{l.text}</span>
        </li>
      ))}
    </ul>
  );
}
