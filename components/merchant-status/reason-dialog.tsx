"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Dialog, DialogTitle } from "@/components/ui/dialog";
import { controlClasses } from "@/components/ui/input";
import { boundedString } from "@/lib/partnerships/formats";

/** The route's rule for a reason (1–500 characters), read after trimming so a blank reason is refused. */
export const reasonForm = z.object({ reason: z.string().trim().pipe(boundedString(1, 500)) });
export type ReasonForm = z.input<typeof reasonForm>;

export interface ReasonDialogProps {
  open: boolean;
  target: "active" | "paused";
  pending: boolean;
  /** A message from the server (role=alert), e.g. a 403 or 409. */
  error: string | null;
  /** Field message from the server for the reason. */
  reasonError: string | null;
  /** Shown when the reason came back from a draft kept across a sign-in. */
  restoredNotice: boolean;
  defaultReason: string;
  onConfirm(reason: string): void;
  onCancel(): void;
  /** Lets the panel save the typed reason as a draft when the session expires. */
  readReason: { current: (() => string) | null };
}

/**
 * The confirmation of a status change: native <dialog> with showModal (focus
 * stays inside, Escape closes), named by its heading. The reason is required
 * and goes to the console's audit log only.
 */
export function ReasonDialog(props: ReasonDialogProps) {
  const { open, target, pending, error, reasonError, restoredNotice, defaultReason, onConfirm, onCancel } = props;
  const reasonId = useId();
  const hintId = useId();
  const errorId = useId();
  const form = useForm<ReasonForm, unknown, z.output<typeof reasonForm>>({
    resolver: zodResolver(reasonForm),
    defaultValues: { reason: defaultReason },
  });
  const { register, handleSubmit, formState, reset, getValues, setFocus } = form;
  const { readReason } = props;
  useEffect(() => {
    readReason.current = () => getValues("reason");
  }, [readReason, getValues]);

  const onOpen = () => {
    reset({ reason: defaultReason });
    setFocus("reason");
  };

  const fieldError = formState.errors.reason?.message ?? reasonError;
  const verb = target === "paused" ? "Pause" : "Activate";
  return (
    <Dialog open={open} onClose={onCancel} busy={pending} onOpen={onOpen}>
      <form noValidate onSubmit={handleSubmit((values) => onConfirm(values.reason))} className="space-y-4">
        <DialogTitle>{verb} this merchant?</DialogTitle>
        <p className="text-sm text-fg-muted">
          {target === "paused"
            ? "Every page variant that is not archived is paused at once: no placements show until it is activated again."
            : "Every page variant that is not archived is activated at once."}{" "}
          Archived variants never change.
        </p>
        {restoredNotice ? (
          <p className="rounded-md border border-warning p-3 text-sm">
            Your session ended before this change was sent. Your reason was kept: press Confirm to send it.
          </p>
        ) : null}
        <div className="space-y-1">
          <label htmlFor={reasonId} className="block text-sm font-medium">
            Reason
          </label>
          <textarea
            id={reasonId}
            rows={3}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={[hintId, fieldError ? errorId : null].filter(Boolean).join(" ")}
            className={`${controlClasses} py-2`}
            {...register("reason")}
          />
          <p id={hintId} className="text-xs text-fg-muted">
            Required, up to 500 characters. Kept in the console's audit log; never sent to Rokt.
          </p>
          {fieldError ? (
            <p id={errorId} className="text-sm text-danger">
              {fieldError === "must be 1 to 500 characters long"
                ? "Reason must be 1 to 500 characters long."
                : fieldError}
            </p>
          ) : null}
        </div>
        {error ? (
          <p role="alert" className="rounded-md border border-danger p-3 text-sm text-danger">
            {error}
          </p>
        ) : null}
        <p role="status" className="min-h-5 text-sm text-fg-muted">
          {pending ? "Sending the change…" : ""}
        </p>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant={target === "paused" ? "danger" : "primary"}
            disabled={pending}
            aria-busy={pending}
          >
            Confirm
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
