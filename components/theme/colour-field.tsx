"use client";

import { useId, useRef } from "react";
import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/input";
import { normaliseHexColour } from "@/lib/theme/colour";

export interface ColourFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  error?: string;
  disabled?: boolean;
}

/**
 * A hex colour typed as text (`#abc` or `#aabbcc`, either case) with the
 * browser's colour picker beside it, labelled "<label> picker". The picker
 * needs a valid `#rrggbb`, so while the text is half-typed it keeps showing the
 * last valid colour instead of jumping to black.
 */
export function ColourField({ label, value, onChange, onBlur, error, disabled }: ColourFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const lastValid = useRef(normaliseHexColour(value) ?? "#000000");
  const normalised = normaliseHexColour(value);
  if (normalised) lastValid.current = normalised;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-fg">
        {label}
      </label>
      <div className="flex items-center gap-2">
        <input
          id={id}
          type="text"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onBlur}
          disabled={disabled}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          maxLength={9}
          placeholder="#RRGGBB"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          className={cn(controlClasses, "h-10 font-mono uppercase placeholder:normal-case")}
        />
        <input
          type="color"
          aria-label={`${label} picker`}
          value={lastValid.current.toLowerCase()}
          onChange={(e) => onChange(e.target.value.toUpperCase())}
          onBlur={onBlur}
          disabled={disabled}
          className="h-10 w-12 shrink-0 cursor-pointer rounded-md border border-border bg-surface p-1 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-focus disabled:cursor-not-allowed disabled:opacity-60"
        />
      </div>
      <p id={hintId} className="sr-only">
        A hex colour, 3 or 6 digits, such as #4F46E5.
      </p>
      {error ? (
        <p id={errorId} className="text-sm text-danger">
          {label} {error}
        </p>
      ) : null}
    </div>
  );
}
