"use server";

import { AuthError } from "next-auth";
import type { SignInState } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/callback";
import { signIn } from "@/server/auth";
import { CREDENTIALS_PROVIDER_ID, OIDC_PROVIDER_ID, oidcEnabled, passwordSignInEnabled } from "@/server/auth/config";
import { TOO_MANY_ATTEMPTS } from "@/server/auth/throttle";

/**
 * The code of a refusal thrown by authorize(). Auth.js may wrap it (CallbackRouteError) when the
 * bundle holds two copies of its error classes, so the wrapped error is looked at too.
 */
function signInErrorCode(error: AuthError): string | undefined {
  const own = (error as { code?: unknown }).code;
  if (typeof own === "string" && own !== "credentials") return own;
  const inner = (error.cause as { err?: { code?: unknown } } | undefined)?.err?.code;
  return typeof inner === "string" ? inner : undefined;
}

/** Email + password. Keeps the typed email on failure; the password is never echoed back. */
export async function credentialsSignIn(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  const callbackUrl = safeCallbackPath(formData.get("callbackUrl"));
  if (!passwordSignInEnabled()) return { email, error: "Email and password sign-in is turned off." };
  const fieldErrors: SignInState["fieldErrors"] = {};
  if (email === "") fieldErrors.email = "Enter your email.";
  if (password === "") fieldErrors.password = "Enter your password.";
  if (fieldErrors.email || fieldErrors.password) return { email, fieldErrors };
  try {
    await signIn(CREDENTIALS_PROVIDER_ID, { email, password, redirectTo: callbackUrl });
  } catch (error) {
    // signIn redirects by throwing; only Auth.js' own errors are sign-in failures.
    if (error instanceof AuthError) {
      return {
        email,
        error:
          signInErrorCode(error) === TOO_MANY_ATTEMPTS
            ? "Too many failed attempts for this email. Wait 15 minutes, then try again."
            : error.type === "CredentialsSignin"
              ? "Wrong email or password, or the account is disabled."
              : "Sign-in failed. Try again in a moment.",
      };
    }
    throw error;
  }
  return { email };
}

export async function oidcSignIn(formData: FormData): Promise<void> {
  if (!oidcEnabled()) return;
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
}
