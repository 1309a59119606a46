import { type SelectHTMLAttributes, useId } from "react";
import { cn } from "./cn";
import { controlClasses } from "./input";

export interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> {
  label: string;
  /** Keeps the label for screen readers only (e.g. inside a table row). */
  hideLabel?: boolean;
  options: readonly { value: string; label: string }[];
  error?: string | null;
  id?: string;
}

export function Select({ label, hideLabel, options, error, id, className, ...props }: SelectProps) {
  const generated = useId();
  const selectId = id ?? generated;
  const errorId = error ? `${selectId}-error` : undefined;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={selectId} className={hideLabel ? "sr-only" : "block text-sm font-medium text-fg"}>
        {label}
      </label>
      <select
        id={selectId}
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
        className={cn(controlClasses, "h-9 pr-8")}
        {...props}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={errorId} className="text-sm text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
