"use client";

import { useActionState, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

export interface SignInState {
  email: string;
  error?: string;
  fieldErrors?: { email?: string; password?: string };
}

export interface DemoUser {
  email: string;
  roleLabel: string;
}

export interface SignInFormProps {
  action: (state: SignInState, formData: FormData) => Promise<SignInState>;
  callbackUrl: string;
  /** Sandbox mode only: the seeded users and their shared password. */
  demo?: { users: DemoUser[]; password: string };
}

export function SignInForm({ action, callbackUrl, demo }: SignInFormProps) {
  const [state, formAction, pending] = useActionState(action, { email: "" });
  const [email, setEmail] = useState(state.email);
  const passwordRef = useRef<HTMLInputElement>(null);

  function fill(user: DemoUser) {
    if (!demo) return;
    setEmail(user.email);
    if (passwordRef.current) passwordRef.current.value = demo.password;
    passwordRef.current?.focus();
  }

  return (
    <div className="space-y-6">
      <form action={formAction} className="space-y-4" noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        {state.error ? (
          <p role="alert" className="rounded-md border border-danger bg-surface p-3 text-sm text-danger">
            {state.error}
          </p>
        ) : null}
        <Input
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={state.fieldErrors?.email}
        />
        <Input
          ref={passwordRef}
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={state.fieldErrors?.password}
        />
        <Button type="submit" className="w-full" disabled={pending} aria-busy={pending}>
          Sign in
        </Button>
      </form>
      {demo ? (
        <section
          aria-labelledby="demo-users"
          className="rounded-card border border-warning bg-surface-muted p-4 text-sm"
        >
          <h2 id="demo-users" className="font-semibold text-fg">
            Demo users (sandbox mode)
          </h2>
          <p className="mt-1 text-fg-muted">
            Password for all: <code className="font-mono text-fg">{demo.password}</code>
          </p>
          <ul className="mt-3 space-y-2">
            {demo.users.map((user) => (
              <li key={user.email} className="flex items-center justify-between gap-2">
                <span>
                  <code className="font-mono text-fg">{user.email}</code>{" "}
                  <span className="text-fg-muted">({user.roleLabel})</span>
                </span>
                <Button variant="secondary" size="sm" onClick={() => fill(user)} aria-label={`Use ${user.email}`}>
                  Use
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
