"use client";

import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import type { BulkAction } from "@/lib/bulk/actions";
import type { MerchantListItem, MerchantSearch } from "@/lib/merchants/query";
import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";
import type { BulkTemplate } from "./bulk-dialog";
import { BulkToolbar } from "./bulk-toolbar";
import { useBulkSelection } from "./use-bulk-selection";

/**
 * The dialog (its form, the zod schemas it validates with, the controls picker)
 * is its own chunk: fetched once merchants are selected, before an action is
 * chosen, so the list's first load does not carry it.
 */
const loadBulkDialog = () => import("./bulk-dialog").then((m) => m.BulkDialog);
const BulkDialog = dynamic(loadBulkDialog, { ssr: false });

export interface BulkOptions {
  taxonomy: readonly TaxonomyVertical[];
  templates: readonly BulkTemplate[];
}

/**
 * Bulk actions over the merchant list: the checkbox column it gives the table,
 * the "Select all N matching" offer, the toolbar and the action dialog.
 */
export function useMerchantBulk(search: MerchantSearch, rows: MerchantListItem[], total: number, opts: BulkOptions) {
  const sel = useBulkSelection(search, rows, total);
  const [action, setAction] = useState<BulkAction | null>(null);
  const selecting = sel.count > 0;
  useEffect(() => {
    if (selecting) void loadBulkDialog();
  }, [selecting]);

  const leadingHeader = (
    <input
      type="checkbox"
      aria-label="Select all on this page"
      className="h-4 w-4 accent-accent"
      checked={sel.pageAll}
      ref={(el) => {
        if (el) el.indeterminate = !sel.pageAll && sel.pageSome;
      }}
      onChange={(e) => sel.togglePage(e.target.checked)}
    />
  );
  const leading = (m: MerchantListItem) => (
    <input
      type="checkbox"
      aria-label={`Select ${m.brand}`}
      className="h-4 w-4 accent-accent"
      checked={sel.isSelected(m.accountId)}
      onChange={(e) => sel.toggle(m, e.target.checked)}
    />
  );

  const bar =
    sel.count > 0 || sel.canSelectAllMatching ? (
      <div className="space-y-2">
        {sel.canSelectAllMatching ? (
          <p className="text-sm">
            All {rows.length} merchants on this page are selected.{" "}
            <Button size="sm" variant="secondary" onClick={sel.selectAllMatching}>
              {`Select all ${total.toLocaleString("en-US")} matching`}
            </Button>
          </p>
        ) : null}
        {sel.count > 0 ? (
          <BulkToolbar count={sel.count} allMatching={sel.allMatching} onAction={setAction} onClear={sel.clear} />
        ) : null}
        {action && sel.selection ? (
          <BulkDialog
            action={action}
            count={sel.count}
            selection={sel.selection}
            taxonomy={opts.taxonomy}
            templates={opts.templates}
            onClose={() => setAction(null)}
          />
        ) : null}
      </div>
    ) : null;

  return { leadingHeader, leading, bar };
}
