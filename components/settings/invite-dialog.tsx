"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { describeWriteError, useIntentWrite } from "@/components/forms/use-intent-write";
import { Button } from "@/components/ui/button";
import { Dialog, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ApiError } from "@/lib/api";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { inviteUserBody, ROLE_OPTIONS } from "@/lib/settings/users";

export interface OpenInvite {
  id: string;
  email: string;
  name: string;
  role: keyof typeof ROLE_LABELS;
  createdByEmail: string | null;
  expiresAt: string;
}

type InviteInput = z.input<typeof inviteUserBody>;
const FIELDS = ["email", "name", "role"] as const;

/**
 * "Invite user": email, name, role → a one-time link valid 24 h, shown here once.
 * The server keeps only the token's hash, so the link cannot be shown again; a
 * failed request keeps what was typed, with the server's field messages.
 */
export function InviteDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { send, pending } = useIntentWrite();
  const [created, setCreated] = useState<{ link: string | null; email: string; role: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const form = useForm<InviteInput, unknown, z.output<typeof inviteUserBody>>({
    resolver: zodResolver(inviteUserBody),
    defaultValues: { email: "", name: "", role: "support" },
  });
  const { register, handleSubmit, formState, reset, setFocus, setError: setFieldError } = form;

  const onOpen = () => {
    reset({ email: "", name: "", role: "support" });
    setCreated(null);
    setError(null);
    setCopied(false);
    setFocus("email");
  };

  async function submit(values: z.output<typeof inviteUserBody>) {
    setError(null);
    try {
      const { data } = await send<{ invite: OpenInvite; link: string | null }>({
        method: "POST",
        path: "/api/users/invites",
        body: values,
      });
      setCreated({ link: data.link, email: data.invite.email, role: ROLE_LABELS[data.invite.role] });
    } catch (err) {
      if (err instanceof ApiError)
        for (const f of FIELDS) if (err.fields[f]) setFieldError(f, { message: err.fields[f] });
      setError(describeWriteError(err));
    }
  }

  return (
    <Dialog open={open} onClose={onClose} busy={pending} onOpen={onOpen}>
      <DialogTitle className="mb-4">Invite user</DialogTitle>
      {created ? (
        <div className="space-y-4">
          {created.link ? (
            <>
              <p className="text-sm">
                Send this link to <strong>{created.email}</strong> ({created.role}). It works once, for 24 hours, and is
                shown only now: the console keeps no copy of it.
              </p>
              <Input label="Invite link" readOnly value={created.link} onFocus={(e) => e.currentTarget.select()} />
              <Button
                variant="secondary"
                onClick={() => {
                  if (!created.link) return;
                  void navigator.clipboard?.writeText(created.link).then(
                    () => setCopied(true),
                    () => undefined,
                  );
                }}
              >
                Copy link
              </Button>
              <p role="status" className="min-h-5 text-sm text-fg-muted">
                {copied ? "Copied." : ""}
              </p>
            </>
          ) : (
            <p className="text-sm">
              The invite for {created.email} exists, but its link was already shown once and cannot be shown again. Make
              a new invite if it was lost.
            </p>
          )}
          <div className="flex justify-end">
            <Button onClick={onClose}>Done</Button>
          </div>
        </div>
      ) : (
        <form noValidate onSubmit={handleSubmit(submit)} className="space-y-4">
          <Input
            label="Email"
            type="email"
            autoComplete="off"
            error={formState.errors.email?.message}
            {...register("email")}
          />
          <Input label="Name" autoComplete="off" error={formState.errors.name?.message} {...register("name")} />
          <Select label="Role" options={ROLE_OPTIONS} error={formState.errors.role?.message} {...register("role")} />
          {error ? (
            <p role="alert" className="rounded-md border border-danger p-3 text-sm text-danger">
              {error}
            </p>
          ) : null}
          <p role="status" className="min-h-5 text-sm text-fg-muted">
            {pending ? "Creating the invite…" : ""}
          </p>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending} aria-busy={pending}>
              Create invite link
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
