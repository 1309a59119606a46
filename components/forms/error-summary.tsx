"use client";

import { useEffect, useRef } from "react";

/**
 * The errors a form cannot show next to a field on screen (a field of another
 * section, or one the server named that the form does not have), at the top of
 * the form, focused so that keyboard and screen-reader users land on it.
 */
export function ErrorSummary({ title, errors }: { title: string; errors: { field: string; message: string }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const count = errors.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count]);
  if (count === 0) return null;
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      className="mb-4 rounded-card border border-danger bg-surface p-4 text-sm focus:outline-2 focus:outline-focus"
    >
      <p className="font-semibold text-danger">{title}</p>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {errors.map((e) => (
          <li key={`${e.field}:${e.message}`}>
            <span className="font-mono text-xs">{e.field}</span>: {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
