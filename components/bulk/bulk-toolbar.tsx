"use client";

import { Button } from "@/components/ui/button";
import { BULK_ACTION_LABELS, BULK_ACTIONS, type BulkAction } from "@/lib/bulk/actions";

/** The toolbar a selection of merchants shows: how many, and the four bulk actions. */
export function BulkToolbar({
  count,
  allMatching,
  onAction,
  onClear,
}: {
  count: number;
  allMatching: boolean;
  onAction: (action: BulkAction) => void;
  onClear: () => void;
}) {
  return (
    <div
      role="toolbar"
      aria-label="Bulk actions"
      className="sticky top-0 z-10 flex flex-wrap items-center gap-2 rounded-card border border-accent bg-surface p-3 shadow-sm"
    >
      <span className="mr-2 text-sm font-semibold text-fg" aria-live="polite">
        {`${count.toLocaleString("en-US")} selected`}
        {allMatching ? <span className="font-normal text-fg-muted"> (all matching)</span> : null}
      </span>
      {BULK_ACTIONS.map((a) => (
        <Button key={a} size="sm" variant={a === "pause" ? "primary" : "secondary"} onClick={() => onAction(a)}>
          {BULK_ACTION_LABELS[a]}
        </Button>
      ))}
      <Button size="sm" variant="ghost" onClick={onClear}>
        Clear selection
      </Button>
    </div>
  );
}
