"use client";

import { createContext, type ReactNode, useContext, useEffect, useId, useRef } from "react";
import { cn } from "./cn";

const TitleId = createContext<string | undefined>(undefined);

export interface DialogProps {
  /** Shown as a modal while true; a dialog that is mounted only while shown passes `true`. */
  open: boolean;
  /** Escape asks to close: the owner closes it (open=false, or unmounting it). */
  onClose(): void;
  /** While a write is on its way Escape is ignored: its result must still be shown. */
  busy?: boolean;
  /** Runs right after the dialog is shown, e.g. to reset a form and focus its first field. */
  onOpen?(): void;
  /** Width, padding, shadow and backdrop; the default suits a short form. */
  className?: string;
  children: ReactNode;
}

/**
 * A modal dialog shell: native <dialog> with showModal (focus stays inside, the
 * page behind is inert), named by its <DialogTitle>. Focus goes back to what
 * opened it, also when the owner unmounts it while shown (native close does not
 * run then).
 */
export function Dialog({ open, onClose, busy = false, onOpen, className, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const opener = useRef<HTMLElement | null>(null);
  // The latest callback without re-running the open/close effect on each render.
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      // jsdom (component tests) has no showModal: the dialog is then shown open without the modal layer.
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
      onOpenRef.current?.();
    } else if (!open && dialog.open) {
      dialog.close();
      returnFocus(opener);
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    // Only a real unmount: React's dev-mode effect replay leaves the element in the document.
    return () => {
      if (!dialog?.isConnected) returnFocus(opener);
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
      onClose={() => {
        // Closed by the browser itself (Chrome may skip a cancel it was refused before): tell the owner.
        if (open) onClose();
      }}
      className={cn(
        "m-auto w-full rounded-card border border-border bg-surface text-fg",
        className ?? "max-w-lg p-6 shadow-xl backdrop:bg-black/50",
      )}
    >
      <TitleId.Provider value={titleId}>{children}</TitleId.Provider>
    </dialog>
  );
}

function returnFocus(opener: { current: HTMLElement | null }) {
  const el = opener.current;
  opener.current = null;
  if (el?.isConnected && el !== document.activeElement) el.focus();
}

/** The dialog's heading, which gives the dialog its accessible name. */
export function DialogTitle({ className, children }: { className?: string; children: ReactNode }) {
  const id = useContext(TitleId);
  return (
    <h2 id={id} className={cn("text-lg font-semibold", className)}>
      {children}
    </h2>
  );
}
