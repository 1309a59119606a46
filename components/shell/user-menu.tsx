"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

export interface UserMenuProps {
  name: string;
  email: string;
  roleLabel: string;
  /** A server action that signs out and redirects to the sign-in page. */
  signOutAction: () => Promise<void>;
}

/** A disclosure: the button shows who is signed in, the panel their role and "Sign out". */
export function UserMenu({ name, email, roleLabel, signOutAction }: UserMenuProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={rootRef} className="relative">
      <Button
        ref={buttonRef}
        variant="secondary"
        size="sm"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
      >
        <span className="max-w-40 truncate">{name || email}</span>
        <span aria-hidden="true">▾</span>
      </Button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute right-0 z-40 mt-2 w-64 rounded-card border border-border bg-surface p-4 shadow-lg"
      >
        <p className="truncate text-sm font-semibold text-fg">{name}</p>
        <p className="truncate text-sm text-fg-muted">{email}</p>
        <p className="mt-2 text-sm text-fg">
          Role: <span className="font-medium">{roleLabel}</span>
        </p>
        <form action={signOutAction} className="mt-3">
          <Button type="submit" variant="secondary" size="sm" className="w-full">
            Sign out
          </Button>
        </form>
      </div>
    </div>
  );
}
