"use client";

import type { ReactNode } from "react";

/**
 * A labelled control with its hint and a message slot that always takes its
 * space (nothing under the pointer moves when a message appears). The control
 * gets `aria-invalid` and `aria-describedby` from `describedBy(id)`.
 */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | null;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-fg">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-fg-muted">
          {hint}
        </p>
      ) : null}
      {children}
      <p id={`${id}-error`} className="min-h-5 text-sm text-danger">
        {error ?? ""}
      </p>
    </div>
  );
}

/** The ARIA wiring of a control inside Field. */
export function fieldAria(id: string, error: string | null | undefined, hasHint = false) {
  return {
    id,
    "aria-invalid": error ? ("true" as const) : undefined,
    "aria-describedby":
      [hasHint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined,
  };
}
