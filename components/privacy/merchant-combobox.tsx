"use client";

import { useEffect, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/input";
import { apiFetch } from "@/lib/api";

export interface MerchantOption {
  accountId: string;
  externalAccountId: string;
  brand: string;
  status: string;
}

export const optionLabel = (m: MerchantOption) => `${m.brand} (${m.externalAccountId})`;

/**
 * An ARIA 1.2 combobox: typing searches merchants by brand or external id
 * (server side, debounced), arrow keys move through the options, Enter picks
 * one, Escape closes the list.
 */
export function MerchantCombobox({
  value,
  onChange,
  error,
}: {
  value: MerchantOption | null;
  onChange(m: MerchantOption | null): void;
  error?: string;
}) {
  const id = useId();
  const listId = `${id}-list`;
  const errorId = `${id}-error`;
  const [text, setText] = useState(value ? optionLabel(value) : "");
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<MerchantOption[]>([]);
  const [active, setActive] = useState(-1);
  const [loading, setLoading] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setLoading(true);
      try {
        const q = value && text === optionLabel(value) ? "" : text;
        const res = await apiFetch<{ data: { merchants: MerchantOption[] } }>(
          `/api/privacy/merchants?q=${encodeURIComponent(q.trim())}`,
          { signal: controller.signal },
        );
        setOptions(res.data.data.merchants);
        setActive(-1);
      } catch {
        if (!controller.signal.aborted) setOptions([]);
      } finally {
        if (!controller.signal.aborted) setLoading(false);
      }
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, open, value]);

  const pick = (m: MerchantOption) => {
    onChange(m);
    setText(optionLabel(m));
    setOpen(false);
  };

  return (
    <div className="relative space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-fg">
        Merchant
      </label>
      <input
        ref={inputRef}
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        autoComplete="off"
        className={cn(controlClasses, "h-10")}
        placeholder="Search by brand or external ID"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          if (value) onChange(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(options.length - 1, a + 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === "Enter" && open && active >= 0 && options[active]) {
            e.preventDefault();
            pick(options[active]);
          } else if (e.key === "Escape") {
            setOpen(false);
          }
        }}
      />
      <div
        id={listId}
        role="listbox"
        aria-label="Merchants"
        hidden={!open || options.length === 0}
        className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border border-border bg-surface py-1 shadow-lg"
      >
        {options.map((m, i) => (
          <div
            key={m.accountId}
            id={`${id}-opt-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            className={cn("cursor-pointer px-3 py-2 text-sm", i === active ? "bg-accent text-accent-fg" : "text-fg")}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(m);
            }}
          >
            {optionLabel(m)}
            {m.status === "deleting" || m.status === "deleted" ? ` — ${m.status}` : ""}
          </div>
        ))}
      </div>
      {open && !loading && options.length === 0 && text.trim() !== "" ? (
        <p className="text-sm text-fg-muted">No merchant matches.</p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
