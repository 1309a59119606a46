"use client";

import Link from "next/link";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from "react";
import { cn } from "./cn";

export type ToastVariant = "success" | "error";

export interface ToastInput {
  message: string;
  /** e.g. { href: "/operations/abc", label: "View operation" } */
  link?: { href: string; label: string };
  /** Milliseconds; errors stay until dismissed unless given. */
  durationMs?: number;
}

interface ToastItem extends ToastInput {
  id: number;
  variant: ToastVariant;
}

export interface ToastApi {
  success(message: string, options?: Omit<ToastInput, "message">): void;
  error(message: string, options?: Omit<ToastInput, "message">): void;
  dismiss(id: number): void;
}

const ToastContext = createContext<ToastApi | null>(null);

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast must be used inside <ToastProvider>");
  return api;
}

/**
 * One polite live region named "Notifications": screen readers announce each
 * result without stealing focus. Success toasts fade after a few seconds;
 * errors stay until dismissed so they can be read.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);

  const push = useCallback(
    (variant: ToastVariant, input: ToastInput) => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(-4), { ...input, id, variant }]);
      const duration = input.durationMs ?? (variant === "success" ? 6000 : undefined);
      if (duration) setTimeout(() => dismiss(id), duration);
    },
    [dismiss],
  );

  const api = useMemo<ToastApi>(
    () => ({
      success: (message, options) => push("success", { ...options, message }),
      error: (message, options) => push("error", { ...options, message }),
      dismiss,
    }),
    [push, dismiss],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <section
        aria-label="Notifications"
        aria-live="polite"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end"
      >
        {toasts.map((t) => (
          <div
            key={t.id}
            className={cn(
              "pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-card border bg-surface p-4 text-sm text-fg shadow-lg",
              t.variant === "success" ? "border-success" : "border-danger",
            )}
          >
            <span aria-hidden="true" className={t.variant === "success" ? "text-success" : "text-danger"}>
              {t.variant === "success" ? "✓" : "!"}
            </span>
            <div className="flex-1 space-y-1">
              <p>
                <span className="sr-only">{t.variant === "success" ? "Success: " : "Error: "}</span>
                {t.message}
              </p>
              {t.link ? (
                <Link href={t.link.href} className="font-medium text-accent underline underline-offset-2">
                  {t.link.label}
                </Link>
              ) : null}
            </div>
            <button
              type="button"
              onClick={() => dismiss(t.id)}
              className="rounded px-1 text-fg-muted hover:text-fg"
              aria-label="Dismiss notification"
            >
              ×
            </button>
          </div>
        ))}
      </section>
    </ToastContext.Provider>
  );
}
