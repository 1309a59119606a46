"use server";

import { AuthError } from "next-auth";
import type { AcceptInviteState } from "@/components/auth/accept-invite-form";
import { signIn } from "@/server/auth";
import { CREDENTIALS_PROVIDER_ID, passwordSignInEnabled } from "@/server/auth/config";
import { getConsoleDb } from "@/server/db";
import { acceptInvite } from "@/server/settings/accept-invite";

/** Sets the password from an invite link, then signs the new user in with it. */
export async function acceptInviteAction(
  token: string,
  _prev: AcceptInviteState,
  formData: FormData,
): Promise<AcceptInviteState> {
  if (!passwordSignInEnabled()) return { error: "Email and password sign-in is turned off." };
  const password = formData.get("password");
  const outcome = await acceptInvite(await getConsoleDb(), token, { password, confirm: formData.get("confirm") });
  if (!outcome.ok) return { error: outcome.error, fieldErrors: outcome.fieldErrors };
  try {
    await signIn(CREDENTIALS_PROVIDER_ID, { email: outcome.email, password: String(password), redirectTo: "/" });
  } catch (error) {
    // signIn redirects by throwing; only Auth.js' own errors are sign-in failures.
    if (error instanceof AuthError)
      return { done: true, error: "Your password is set, but signing in failed. Sign in with it on the sign-in page." };
    throw error;
  }
  return { done: true };
}
