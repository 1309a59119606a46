import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Button } from "@/components/ui/button";
import { safeCallbackPath } from "@/lib/auth/callback";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { getSessionUser } from "@/server/auth";
import { oidcEnabled, passwordSignInEnabled, SIGN_IN_ERRORS } from "@/server/auth/config";
import { DEMO_USERS } from "@/server/auth/demo-users";
import { getEnv } from "@/server/env";
import { credentialsSignIn, oidcSignIn } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

const ERROR_MESSAGES: Record<string, string> = {
  [SIGN_IN_ERRORS.noRole]:
    "Your account signed in with the identity provider, but it is not mapped to a role in this console. Ask an administrator to add your group or email to OIDC_ROLE_MAP.",
  [SIGN_IN_ERRORS.disabled]: "Your account is disabled. Ask an administrator to enable it.",
  AccessDenied: "Sign-in was refused.",
  Configuration: "Sign-in is misconfigured on the server. Ask an administrator to check the logs.",
  CredentialsSignin: "Wrong email or password, or the account is disabled.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === "string" ? params.callbackUrl : "/");
  if (await getSessionUser()) redirect(callbackUrl);

  const env = getEnv();
  const errorCode = typeof params.error === "string" ? params.error : undefined;
  const providerError = errorCode ? (ERROR_MESSAGES[errorCode] ?? "Sign-in failed. Try again.") : undefined;
  const password = passwordSignInEnabled();
  const oidc = oidcEnabled();

  return (
    <main id="main" className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-6 rounded-card border border-border bg-surface p-6 shadow-sm">
        <div className="space-y-1">
          <p className="text-sm font-medium text-fg-muted">Partner Console</p>
          <h1 className="text-2xl font-semibold text-fg">Sign in</h1>
          {callbackUrl !== "/" ? <p className="text-sm text-fg-muted">Sign in to continue where you were.</p> : null}
        </div>
        {providerError ? (
          <p role="alert" className="rounded-md border border-danger bg-surface p-3 text-sm text-danger">
            {providerError}
          </p>
        ) : null}
        {oidc ? (
          <form action={oidcSignIn}>
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <Button type="submit" className="w-full">
              Sign in with {env.OIDC_NAME}
            </Button>
          </form>
        ) : null}
        {oidc && password ? (
          <p className="text-center text-xs text-fg-muted" aria-hidden="true">
            or
          </p>
        ) : null}
        {password ? (
          <SignInForm
            action={credentialsSignIn}
            callbackUrl={callbackUrl}
            demo={
              env.sandboxMode
                ? {
                    users: DEMO_USERS.map((u) => ({ email: u.email, roleLabel: ROLE_LABELS[u.role] })),
                    password: env.DEMO_PASSWORD,
                  }
                : undefined
            }
          />
        ) : null}
        {!password && !oidc ? (
          <p className="text-sm text-danger">
            No sign-in method is configured. Set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, or
            AUTH_PASSWORD_SIGNIN=true.
          </p>
        ) : null}
      </div>
    </main>
  );
}
