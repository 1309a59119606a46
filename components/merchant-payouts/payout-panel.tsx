"use client";

import { useEffect, useState } from "react";
import { describeWriteError, operationLink, useIntentWrite } from "@/components/forms/use-intent-write";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/api";
import type { PayoutSetupResponse } from "@/lib/partnerships/payout";
import { timeLeft, utcTime } from "./expiry";

export interface PayoutLinkView {
  stripeAccountId: string;
  /** null for people who may not start onboarding: the link is a bearer link. */
  onboardingUrl: string | null;
  expiresAt: string;
  createdAt: string;
}

/**
 * Stripe Connect onboarding. A link lives five minutes: once its expiry has
 * passed it is marked Expired and no longer offered. Each "New link" is a new
 * intent (new Idempotency-Key); there is no dry run for payout setup.
 */
export function PayoutPanel({
  accountId,
  canStart,
  initialLink,
  renderedAt,
}: {
  accountId: string;
  canStart: boolean;
  initialLink: PayoutLinkView | null;
  /** The server's clock at render: the first paint says the same on server and browser. */
  renderedAt: number;
}) {
  const toast = useToast();
  const { send, pending } = useIntentWrite();
  const [link, setLink] = useState(initialLink);
  const [now, setNow] = useState(renderedAt);
  const [error, setError] = useState<string | null>(null);
  // The request schema (zod) is fetched after the first paint, so the click validates without waiting.
  useEffect(() => {
    void import("@/lib/partnerships/payout");
  }, []);
  const expiresAtMs = link ? Date.parse(link.expiresAt) : 0;
  const expired = link !== null && expiresAtMs <= now;

  // Tick while a live link is shown, so it is marked Expired the moment it dies.
  useEffect(() => {
    setNow(Date.now());
    if (!link || Date.parse(link.expiresAt) <= Date.now()) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [link]);

  async function start() {
    setError(null);
    // Stripe sends the merchant back here when onboarding ends or the link has died.
    const back = `${window.location.origin}/merchants/${accountId}/payouts`;
    const body = { return_url: back, refresh_url: back };
    // The shared zod schema is not part of the page's first load (fetched on mount, above).
    const { payoutSetupRequest } = await import("@/lib/partnerships/payout");
    const valid = payoutSetupRequest.safeParse(body);
    if (!valid.success) {
      setError(
        `Stripe can only send merchants back to an https address (or http on localhost); this console is served from ${window.location.origin}.`,
      );
      return;
    }
    try {
      const result = await send<PayoutSetupResponse>({
        method: "POST",
        path: `/api/merchants/${accountId}/payout-setup`,
        body: valid.data,
      });
      setLink({
        stripeAccountId: result.data.stripe_account_id,
        onboardingUrl: result.data.onboarding_url,
        expiresAt: result.data.expires_at,
        createdAt: new Date().toISOString(),
      });
      toast.success(`Onboarding link created for Stripe account ${result.data.stripe_account_id}.`, {
        link: operationLink(result.operationId),
      });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      setError(describeWriteError(err));
      toast.error(`No onboarding link was created. ${describeWriteError(err)}`);
    }
  }

  return (
    <section aria-labelledby="payouts-heading" className="space-y-4 rounded-card border border-border bg-surface p-5">
      <div className="space-y-1">
        <h2 id="payouts-heading" className="text-base font-semibold">
          Stripe Connect onboarding
        </h2>
        <p className="max-w-prose text-sm text-fg-muted">
          The merchant finishes payout setup on Stripe through an onboarding link. A link works for five minutes;
          completion is not reported back to the console.
        </p>
      </div>

      {link ? (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-fg-muted">Stripe account</dt>
          <dd className="font-mono">{link.stripeAccountId}</dd>
          <dt className="text-fg-muted">Onboarding link</dt>
          <dd className="space-y-1">
            {expired ? (
              <p className="flex flex-wrap items-center gap-2">
                <Badge tone="danger">Expired</Badge>
                <span>Expired {utcTime(link.expiresAt)}: no longer offered.</span>
              </p>
            ) : (
              <>
                {link.onboardingUrl ? (
                  <a
                    href={link.onboardingUrl}
                    target="_blank"
                    rel="noopener noreferrer"
                    className="font-medium text-accent underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-focus"
                  >
                    Open onboarding link
                    <span className="sr-only"> (opens in a new tab)</span>
                  </a>
                ) : (
                  <span>A live link exists (shown to account managers and admins only).</span>
                )}
                <p className="tabular-nums">
                  Expires {utcTime(link.expiresAt)} ({timeLeft(expiresAtMs, now)})
                </p>
              </>
            )}
          </dd>
        </dl>
      ) : (
        <p className="text-sm">No onboarding link has been created for this merchant yet.</p>
      )}

      {error ? (
        <p role="alert" className="rounded-md border border-danger p-3 text-sm text-danger">
          {error}
        </p>
      ) : null}

      {canStart ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button onClick={start} disabled={pending} aria-busy={pending}>
            {link ? "New link" : "Start payout onboarding"}
          </Button>
          <span role="status" className="text-sm text-fg-muted">
            {pending ? "Creating an onboarding link…" : ""}
          </span>
        </div>
      ) : (
        <p className="text-sm text-fg-muted">Only account managers and admins can start payout onboarding.</p>
      )}
    </section>
  );
}
