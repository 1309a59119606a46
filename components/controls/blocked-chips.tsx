"use client";

import { useMemo } from "react";
import { pairKey, pairNamer, sortPairs, type VerticalPair } from "@/lib/controls";
import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";
import { cn } from "../ui/cn";

export interface BlockedChipsProps {
  taxonomy: readonly TaxonomyVertical[];
  value: readonly VerticalPair[];
  onChange: (next: VerticalPair[]) => void;
  /** pairKey → message, shown on that exact chip. */
  errors?: Record<string, string>;
  disabled?: boolean;
  /** Accessible name of the list. */
  label?: string;
  /** Lets a caller find a chip (e.g. to scroll to a refused pair): `${idPrefix}-${pairKey}` with "/" as "-". */
  idPrefix?: string;
}

export const chipId = (idPrefix: string, p: VerticalPair) => `${idPrefix}-${pairKey(p).replace("/", "-")}`;

/** The blocked pairs as removable chips, sorted as the API stores them, each error on its own chip. */
export function BlockedChips({
  taxonomy,
  value,
  onChange,
  errors,
  disabled,
  label = "Blocked sub-verticals",
  idPrefix = "blocked-chip",
}: BlockedChipsProps) {
  const nameOf = useMemo(() => pairNamer(taxonomy), [taxonomy]);
  const sorted = sortPairs(value);
  if (sorted.length === 0) {
    return <p className="text-sm text-fg-muted">No sub-vertical is blocked.</p>;
  }
  return (
    <ul aria-label={label} className="flex flex-wrap gap-2">
      {sorted.map((p) => {
        const k = pairKey(p);
        const name = nameOf(p);
        const error = errors?.[k];
        const id = chipId(idPrefix, p);
        return (
          <li
            key={k}
            id={id}
            aria-describedby={error ? `${id}-error` : undefined}
            className={cn(
              "max-w-full rounded-card border bg-surface px-2 py-1 text-sm",
              error ? "border-danger" : "border-border",
            )}
          >
            <span className="inline-flex items-center gap-1">
              <span className="text-fg">{name}</span>
              <button
                type="button"
                disabled={disabled}
                onClick={() => onChange(value.filter((q) => pairKey(q) !== k))}
                aria-label={`Unblock ${name}`}
                className="rounded px-1 text-fg-muted hover:text-fg focus-visible:outline-2 focus-visible:outline-focus disabled:opacity-60"
              >
                <span aria-hidden="true">×</span>
              </button>
            </span>
            {error ? (
              <span id={`${id}-error`} className="block text-xs text-danger">
                {error}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
