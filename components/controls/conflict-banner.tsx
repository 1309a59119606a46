import { type ControlsDiff, diffSize } from "@/lib/controls";
import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";
import { Button } from "../ui/button";
import { ChangesList } from "./changes-list";

/**
 * Shown when a save met a stale contentHash (409, or 412 from some servers):
 * what the other version changed, the person's draft kept, and a way to put
 * their changes on top of the new version (or drop them).
 */
export function ConflictBanner({
  theirChanges,
  taxonomy,
  onReapply,
  onDiscard,
}: {
  theirChanges: ControlsDiff;
  taxonomy: readonly TaxonomyVertical[];
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const n = diffSize(theirChanges);
  return (
    <div role="alert" className="space-y-3 rounded-card border border-warning bg-surface p-4 text-sm">
      <p className="font-semibold text-fg">
        These controls were changed by someone else since you opened them. Nothing was saved.
      </p>
      <div className="space-y-1">
        <p className="text-fg-muted">
          {n === 0
            ? "The other version has the same blocks; only its version changed."
            : `The other version's ${n === 1 ? "change" : `${n} changes`}:`}
        </p>
        <ChangesList diff={theirChanges} taxonomy={taxonomy} label="Changes made by someone else" emptyText="" />
      </div>
      <p className="text-fg-muted">Your changes are kept. Reapply them on top of the new version, review, then save.</p>
      <div className="flex flex-wrap gap-2">
        <Button onClick={onReapply}>Reapply my changes</Button>
        <Button variant="secondary" onClick={onDiscard}>
          Discard my changes
        </Button>
      </div>
    </div>
  );
}
