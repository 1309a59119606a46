"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/input";

const OPERATION_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Opens any operation id pasted in; the operation page asks the API (only this partner's are found). */
export function FindOperation() {
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      aria-label="Find an operation"
      className="mb-6 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const v = value.trim();
        if (!OPERATION_ID.test(v)) {
          setError(
            v === ""
              ? "Paste an operation id, e.g. op_…"
              : "Operation not found: an operation id has only letters, digits, dots, dashes and underscores.",
          );
          return;
        }
        setError(null);
        router.push(`/operations/${encodeURIComponent(v)}`);
      }}
    >
      <div className="min-w-64 flex-1 space-y-1 sm:max-w-md">
        <label htmlFor={id} className="block text-sm font-medium text-fg">
          Find operation
        </label>
        <input
          id={id}
          type="search"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="op_…"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={cn(controlClasses, "h-10 font-mono")}
        />
        {error ? (
          <p id={`${id}-error`} className="text-sm text-danger">
            {error}
          </p>
        ) : null}
      </div>
      <Button type="submit" variant="secondary">
        Open
      </Button>
    </form>
  );
}
