"use client";

import { useId, useMemo, useRef, useState } from "react";
import { countryName, searchCountries } from "@/lib/onboarding/countries";
import { cn } from "../ui/cn";
import { controlClasses } from "../ui/input";

/**
 * "Country": an ARIA combobox (type to search, arrows to move, Enter to pick,
 * Escape to close). The value is the two-letter code; the box shows the name.
 * What is typed but not picked stays in the box (nothing is lost), and the
 * form's check says a country must be chosen from the list.
 */
export function CountryCombobox({
  id,
  value,
  onChange,
  onBlur,
  invalid,
  describedBy,
  inputRef,
}: {
  id: string;
  value: string;
  onChange: (code: string) => void;
  onBlur: () => void;
  invalid: boolean;
  describedBy?: string;
  inputRef?: (el: HTMLInputElement | null) => void;
}) {
  const listId = useId();
  const [text, setText] = useState(() => countryName(value) ?? value);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const options = useMemo(() => searchCountries(open ? text : "", 300), [open, text]);
  const listRef = useRef<HTMLDivElement>(null);

  const pick = (code: string) => {
    onChange(code);
    setText(countryName(code) ?? code);
    setOpen(false);
  };
  const move = (to: number) => {
    const n = Math.max(0, Math.min(options.length - 1, to));
    setActive(n);
    listRef.current?.children[n]?.scrollIntoView({ block: "nearest" });
  };

  return (
    <div className="relative">
      <input
        id={id}
        ref={inputRef}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${listId}-${options[active][0]}` : undefined}
        aria-invalid={invalid ? "true" : undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        value={text}
        className={cn(controlClasses, "h-10")}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
          // Typed text that names no country clears the choice; the exact name (or code) picks it.
          const exact = searchCountries(e.target.value, 300).find(
            ([code, name]) =>
              name.toLowerCase() === e.target.value.trim().toLowerCase() ||
              code === e.target.value.trim().toUpperCase(),
          );
          onChange(exact?.[0] ?? "");
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          onBlur();
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            if (!open) setOpen(true);
            else move(active + 1);
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            move(active - 1);
          } else if (e.key === "Enter" && open && options[active]) {
            e.preventDefault();
            pick(options[active][0]);
          } else if (e.key === "Escape") {
            setOpen(false);
          }
        }}
      />
      <div
        id={listId}
        ref={listRef}
        role="listbox"
        aria-label="Countries"
        hidden={!open || options.length === 0}
        className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border border-border bg-surface py-1 text-sm shadow-lg"
      >
        {options.map(([code, name], i) => (
          <div
            key={code}
            tabIndex={-1}
            id={`${listId}-${code}`}
            role="option"
            aria-selected={i === active}
            className={cn("cursor-pointer px-3 py-1.5 text-fg", i === active && "bg-surface-muted")}
            // mousedown, not click: it comes before the input's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(code);
            }}
            onMouseMove={() => setActive(i)}
          >
            {name} <span className="text-fg-muted">({code})</span>
          </div>
        ))}
      </div>
    </div>
  );
}
