"use client";

import { type Ref, useId, useMemo } from "react";
import { type DomainLineError, parseDomainLines } from "@/lib/controls";
import { cn } from "../ui/cn";
import { controlClasses } from "../ui/input";

export interface DomainsEditorProps {
  value: string;
  onChange: (text: string) => void;
  onBlur?: () => void;
  name?: string;
  /** Errors by line (from the form's check or the server); each shown with its line number. */
  errors?: readonly DomainLineError[];
  disabled?: boolean;
  label?: string;
  ref?: Ref<HTMLTextAreaElement>;
}

/**
 * A controlled "Blocked domains" text area, one host name per line, with a
 * message per line. It keeps exactly what was typed (nothing is lost on an
 * error); parsing and validation live in lib/controls.
 */
export function DomainsEditor({
  value,
  onChange,
  onBlur,
  name,
  errors = [],
  disabled,
  label = "Blocked domains",
  ref,
}: DomainsEditorProps) {
  const id = useId();
  const count = useMemo(() => parseDomainLines(value).domains.length, [value]);
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  const describedBy = [`${id}-hint`, sorted.length > 0 ? `${id}-errors` : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-fg">
        {label}
      </label>
      <p id={`${id}-hint`} className="text-xs text-fg-muted">
        One host name per line, such as example.com (no https:// or path). {count} {count === 1 ? "domain" : "domains"}.
      </p>
      <textarea
        id={id}
        ref={ref}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        disabled={disabled}
        rows={8}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        aria-invalid={sorted.length > 0 ? true : undefined}
        aria-describedby={describedBy}
        className={cn(controlClasses, "min-h-40 py-2 font-mono leading-6")}
      />
      {sorted.length > 0 ? (
        <ul id={`${id}-errors`} className="space-y-0.5 text-sm text-danger">
          {sorted.map((e) => (
            <li key={`${e.line}:${e.message}`}>
              Line {e.line}: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
