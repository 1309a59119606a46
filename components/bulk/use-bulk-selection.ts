"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import type { BulkFilter, BulkSelectionInput } from "@/lib/bulk/schemas";
import type { MerchantListItem, MerchantSearch } from "@/lib/merchants/query";

/**
 * The merchant list's bulk selection: rows picked one by one (across pages),
 * or "all N matching" the current filters (resolved on the server when the job
 * is created). Changing the filters clears it: a selection never silently
 * means merchants the person no longer sees.
 */
export type BulkSelectionState = { mode: "ids"; ids: Map<string, string> } | { mode: "filter"; total: number };

export function useBulkSelection(search: MerchantSearch, rows: MerchantListItem[], total: number) {
  const filterKey = JSON.stringify([search.q, search.status, search.country, search.vertical]);
  const [state, setState] = useState<BulkSelectionState>({ mode: "ids", ids: new Map() });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filter key is the reason to clear
  useEffect(() => setState({ mode: "ids", ids: new Map() }), [filterKey]);

  const isSelected = useCallback((id: string) => state.mode === "filter" || state.ids.has(id), [state]);
  const pageAll = rows.length > 0 && rows.every((r) => isSelected(r.accountId));
  const pageSome = rows.some((r) => isSelected(r.accountId));

  const toggle = (m: MerchantListItem, on: boolean) =>
    setState((s) => {
      // Unticking a row of "all matching" keeps this page's other rows.
      const ids = s.mode === "filter" ? new Map(rows.map((r) => [r.accountId, r.brand])) : new Map(s.ids);
      if (on) ids.set(m.accountId, m.brand);
      else ids.delete(m.accountId);
      return { mode: "ids", ids };
    });
  const togglePage = (on: boolean) =>
    setState((s) => {
      const ids = s.mode === "filter" ? new Map<string, string>() : new Map(s.ids);
      for (const r of rows) {
        if (on) ids.set(r.accountId, r.brand);
        else ids.delete(r.accountId);
      }
      return { mode: "ids", ids };
    });
  const selectAllMatching = () => setState({ mode: "filter", total });
  const clear = () => setState({ mode: "ids", ids: new Map() });

  const count = state.mode === "filter" ? state.total : state.ids.size;
  const selection = useMemo((): BulkSelectionInput | null => {
    if (state.mode === "filter") {
      const filter: BulkFilter = {
        q: search.q || undefined,
        status: search.status,
        country: search.country,
        vertical: search.vertical,
      };
      return { kind: "filter", filter };
    }
    return state.ids.size ? { kind: "ids", accountIds: [...state.ids.keys()] } : null;
  }, [state, search.q, search.status, search.country, search.vertical]);

  return {
    count,
    selection,
    isSelected,
    toggle,
    togglePage,
    pageAll,
    pageSome,
    allMatching: state.mode === "filter",
    canSelectAllMatching: pageAll && state.mode === "ids" && total > rows.length,
    selectAllMatching,
    clear,
  };
}
