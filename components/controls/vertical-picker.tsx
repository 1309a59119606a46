"use client";

import { useId, useMemo, useState } from "react";
import { filterTaxonomy, pairKey, type VerticalPair } from "@/lib/controls";
import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { controlClasses } from "../ui/input";

export interface VerticalPickerProps {
  taxonomy: readonly TaxonomyVertical[];
  value: readonly VerticalPair[];
  onChange: (next: VerticalPair[]) => void;
  /** pairKey ("1500/1610") → message, shown on that sub-vertical. */
  errors?: Record<string, string>;
  disabled?: boolean;
  className?: string;
}

/**
 * The partner taxonomy as a searchable tree of checkboxes: one group per
 * vertical (named by it), one checkbox per sub-vertical (named exactly by it),
 * a "Block all" per vertical and counts. Controlled: it only reports the next
 * list of pairs. Pairs Rokt leaves unmapped stay selectable (the API is the
 * authority on its mapping) but say why a block of them would be refused.
 */
export function VerticalPicker({ taxonomy, value, onChange, errors, disabled, className }: VerticalPickerProps) {
  const id = useId();
  const [query, setQuery] = useState("");
  const shown = useMemo(() => filterTaxonomy(taxonomy, query), [taxonomy, query]);
  const blocked = useMemo(() => new Set(value.map(pairKey)), [value]);
  const total = taxonomy.reduce((n, v) => n + v.subVerticals.length, 0);

  const toggle = (pair: VerticalPair, on: boolean) => {
    const k = pairKey(pair);
    onChange(on ? [...value.filter((p) => pairKey(p) !== k), pair] : value.filter((p) => pairKey(p) !== k));
  };
  const setVertical = (v: TaxonomyVertical, on: boolean) => {
    const keys = new Set(v.subVerticals.map((s) => pairKey({ partnerVerticalId: v.id, partnerSubVerticalId: s.id })));
    const rest = value.filter((p) => !keys.has(pairKey(p)));
    if (!on) return onChange(rest);
    const kept = value.filter((p) => keys.has(pairKey(p)));
    const added = v.subVerticals
      .filter((s) => s.mapped && !blocked.has(pairKey({ partnerVerticalId: v.id, partnerSubVerticalId: s.id })))
      .map((s) => ({ partnerVerticalId: v.id, partnerSubVerticalId: s.id }));
    onChange([...rest, ...kept, ...added]);
  };

  return (
    <div className={cn("space-y-3", className)}>
      <div className="space-y-1">
        <label htmlFor={`${id}-search`} className="block text-sm font-medium text-fg">
          Search verticals
        </label>
        <input
          id={`${id}-search`}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
          aria-describedby={`${id}-count`}
          className={cn(controlClasses, "h-10")}
        />
        <p id={`${id}-count`} className="text-xs text-fg-muted" aria-live="polite">
          {blocked.size} of {total} sub-verticals blocked
          {query.trim() ? ` · ${shown.length} ${shown.length === 1 ? "vertical matches" : "verticals match"}` : ""}
        </p>
      </div>
      {shown.length === 0 ? (
        <p className="rounded-card border border-dashed border-border p-4 text-sm text-fg-muted">
          No vertical or sub-vertical matches “{query.trim()}”.
        </p>
      ) : (
        <div className="grid gap-3 sm:grid-cols-2">
          {shown.map((v) => (
            <VerticalGroup
              key={v.id}
              idPrefix={`${id}-${v.id}`}
              vertical={v}
              full={taxonomy.find((t) => t.id === v.id) ?? v}
              blocked={blocked}
              errors={errors}
              disabled={disabled}
              onToggle={toggle}
              onSetAll={setVertical}
            />
          ))}
        </div>
      )}
    </div>
  );
}

/** Long vertical names wrap inside the button instead of overflowing it. */
const WRAP = "h-auto! min-h-8 whitespace-normal py-1 text-left";

function VerticalGroup(props: {
  idPrefix: string;
  /** The sub-verticals on screen (a search may hide some). */
  vertical: TaxonomyVertical;
  /** The whole vertical, for counts and "Block all". */
  full: TaxonomyVertical;
  blocked: Set<string>;
  errors?: Record<string, string>;
  disabled?: boolean;
  onToggle: (pair: VerticalPair, on: boolean) => void;
  onSetAll: (v: TaxonomyVertical, on: boolean) => void;
}) {
  const { idPrefix, vertical, full, blocked, errors, disabled, onToggle, onSetAll } = props;
  const keyOf = (subId: number) => pairKey({ partnerVerticalId: full.id, partnerSubVerticalId: subId });
  const count = full.subVerticals.filter((s) => blocked.has(keyOf(s.id))).length;
  const mapped = full.subVerticals.filter((s) => s.mapped);
  const allMappedBlocked = mapped.length > 0 && mapped.every((s) => blocked.has(keyOf(s.id)));
  const headingId = `${idPrefix}-name`;
  return (
    <fieldset aria-labelledby={headingId} className="min-w-0 rounded-card border border-border bg-surface p-3">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <div className="flex min-w-0 items-center gap-2">
          <h3 id={headingId} className="truncate text-sm font-semibold text-fg">
            {full.name}
          </h3>
          <Badge tone={count > 0 ? "danger" : "neutral"}>
            {count}/{full.subVerticals.length}
            <span className="sr-only"> blocked</span>
          </Badge>
        </div>
        {allMappedBlocked ? (
          <Button size="sm" variant="ghost" className={WRAP} disabled={disabled} onClick={() => onSetAll(full, false)}>
            Unblock all {full.name}
          </Button>
        ) : (
          <Button
            size="sm"
            variant="secondary"
            className={WRAP}
            disabled={disabled || mapped.length === 0}
            onClick={() => onSetAll(full, true)}
          >
            Block all {full.name}
          </Button>
        )}
      </div>
      <ul className="space-y-1">
        {vertical.subVerticals.map((s) => {
          const k = keyOf(s.id);
          const inputId = `${idPrefix}-${s.id}`;
          const error = errors?.[k];
          const describedBy = [s.mapped ? null : `${inputId}-unmapped`, error ? `${inputId}-error` : null]
            .filter(Boolean)
            .join(" ");
          return (
            <li key={s.id}>
              <div className="flex min-h-8 flex-wrap items-center gap-x-2">
                <input
                  id={inputId}
                  type="checkbox"
                  checked={blocked.has(k)}
                  disabled={disabled}
                  onChange={(e) =>
                    onToggle({ partnerVerticalId: full.id, partnerSubVerticalId: s.id }, e.target.checked)
                  }
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy || undefined}
                  className="size-4 accent-[var(--color-accent)] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus"
                />
                <label htmlFor={inputId} className="text-sm text-fg">
                  {s.name}
                </label>
                {s.mapped ? null : (
                  <span id={`${inputId}-unmapped`} className="text-xs text-warning">
                    not mapped by Rokt: a block is refused
                  </span>
                )}
              </div>
              {error ? (
                <p id={`${inputId}-error`} className="ml-6 text-xs text-danger">
                  {error}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
