/**
 * The bulk actions and their names, without zod: the merchant list's toolbar
 * ships these on first load, while the schemas (lib/bulk/schemas.ts, which
 * re-exports them) load with the dialog.
 */

export const BULK_ACTIONS = ["pause", "resume", "block", "unblock"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** The toolbar's button names, and the job heading's "Bulk job: <label>". */
export const BULK_ACTION_LABELS: Record<BulkAction, string> = {
  pause: "Pause",
  resume: "Resume",
  block: "Block verticals and domains",
  unblock: "Unblock verticals and domains",
};

/** "Pause 37 merchants", "Block verticals and domains for 1 merchant". */
export function bulkDialogTitle(action: BulkAction, n: number): string {
  const merchants = `${n.toLocaleString("en-US")} ${n === 1 ? "merchant" : "merchants"}`;
  return action === "pause" || action === "resume"
    ? `${BULK_ACTION_LABELS[action]} ${merchants}`
    : `${BULK_ACTION_LABELS[action]} for ${merchants}`;
}
