import { type InputHTMLAttributes, type Ref, useId } from "react";
import { cn } from "./cn";

export const controlClasses = cn(
  "block w-full rounded-md border border-border bg-surface px-3 text-sm text-fg",
  "placeholder:text-fg-muted focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-focus",
  "aria-[invalid=true]:border-danger disabled:opacity-60",
);

export interface InputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  label: string;
  /** A field-level message: sets aria-invalid and is read with the field. */
  error?: string | null;
  hint?: string;
  id?: string;
  ref?: Ref<HTMLInputElement>;
}

/** A labelled text input with its hint and error wired up for assistive technology. */
export function Input({ label, error, hint, id, className, ...props }: InputProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={inputId} className="block text-sm font-medium text-fg">
        {label}
      </label>
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cn(controlClasses, "h-10")}
        {...props}
      />
      {hint ? (
        <p id={hintId} className="text-xs text-fg-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
