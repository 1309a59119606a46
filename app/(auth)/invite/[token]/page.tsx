import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInviteForm } from "@/components/auth/accept-invite-form";
import { PASSWORD_MIN } from "@/lib/settings/users";
import { passwordSignInEnabled } from "@/server/auth/config";
import { getConsoleDb } from "@/server/db";
import { INVITE_MESSAGES, inviteState } from "@/server/settings/accept-invite";
import { acceptInviteAction } from "./actions";

export const metadata: Metadata = { title: "Accept invite", referrer: "no-referrer" };

/** The one-time link an admin made in Settings → Users (public: the token is the credential). */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const enabled = passwordSignInEnabled();
  const { state, invite } = enabled ? await inviteState(await getConsoleDb(), token) : { state: "unknown" as const };
  return (
    <main id="main" className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-6 rounded-card border border-border bg-surface p-6 shadow-sm">
        <div className="space-y-1">
          <p className="text-sm font-medium text-fg-muted">Partner Console</p>
          <h1 className="text-2xl font-semibold text-fg">Set your password</h1>
          {state === "open" && invite ? (
            <p className="text-sm text-fg-muted">
              You were invited as {invite.name}. Choose a password to sign in with from now on.
            </p>
          ) : null}
        </div>
        {!enabled ? (
          <p role="alert" className="rounded-md border border-danger p-3 text-sm text-danger">
            Email and password sign-in is turned off on this console.
          </p>
        ) : state !== "open" || !invite ? (
          <>
            <p role="alert" className="rounded-md border border-danger p-3 text-sm text-danger">
              {INVITE_MESSAGES[state === "open" ? "unknown" : state]}
            </p>
            <Link href="/sign-in" className="text-sm text-accent underline">
              Go to sign-in
            </Link>
          </>
        ) : (
          <AcceptInviteForm
            email={invite.email}
            minLength={PASSWORD_MIN}
            action={acceptInviteAction.bind(null, token)}
          />
        )}
      </div>
    </main>
  );
}
