"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

export interface AcceptInviteState {
  error?: string;
  fieldErrors?: { password?: string; confirm?: string };
  /** The password is set (whatever happened to the sign-in after it). */
  done?: boolean;
}

export interface AcceptInviteFormProps {
  email: string;
  minLength: number;
  action: (state: AcceptInviteState, formData: FormData) => Promise<AcceptInviteState>;
}

/** The invitee sets a password (checked on the server with lib/settings' schema), then is signed in. */
export function AcceptInviteForm({ email, minLength, action }: AcceptInviteFormProps) {
  const [state, formAction, pending] = useActionState(action, {});
  // Controlled, so a refused attempt keeps what was typed.
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  if (state.done) {
    return (
      <div className="space-y-3">
        <p role="alert" className="rounded-md border border-warning p-3 text-sm">
          {state.error ?? "Your password is set."}
        </p>
        <Link href="/sign-in" className="text-sm text-accent underline">
          Go to sign-in
        </Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.error ? (
        <p role="alert" className="rounded-md border border-danger bg-surface p-3 text-sm text-danger">
          {state.error}
        </p>
      ) : null}
      <Input label="Email" name="email" type="email" autoComplete="username" value={email} readOnly />
      <Input
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={minLength}
        hint={`At least ${minLength} characters.`}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={state.fieldErrors?.password}
      />
      <Input
        label="Confirm password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        error={state.fieldErrors?.confirm}
      />
      <Button type="submit" className="w-full" disabled={pending} aria-busy={pending}>
        Set password and sign in
      </Button>
    </form>
  );
}
