"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { describeWriteError, useIntentWrite } from "@/components/forms/use-intent-write";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/api";
import type { NetworkPrivacyRequest } from "@/lib/partnerships/privacy";
import {
  consumerRequestForm,
  EMPTY_CONSUMER_REQUEST,
  type ConsumerRequestForm as FormValues,
  IDENTIFIER_KINDS,
  IDENTIFIER_LABELS,
  REQUEST_TYPE_LABELS,
  toPrivacyRequestBody,
} from "@/lib/privacy/form";
import { IdentifierFields } from "./identifier-fields";
import { RadioGroup } from "./radio-group";

type Outcome =
  | { kind: "sent"; requestId: string }
  | { kind: "duplicate"; message: string; body: NetworkPrivacyRequest }
  | { kind: "unknown"; message: string }
  | { kind: "error"; message: string };

const FIELD_FROM_SERVER: Record<string, keyof FormValues> = {
  email: "email",
  phone: "phone",
  hashedEmail: "hashedEmail",
};

/**
 * A network opt-out or data deletion for one consumer (SPEC §5.10). The API
 * cannot deduplicate these, so: one Idempotency-Key per intent (a retry after
 * a lost answer replays, never resends), the button is disabled while sending,
 * and a request the server flags as a possible duplicate goes again only after
 * "Submit anyway" (a new, explicitly confirmed intent).
 */
export function ConsumerRequestForm() {
  const form = useForm<FormValues>({
    resolver: zodResolver(consumerRequestForm),
    defaultValues: EMPTY_CONSUMER_REQUEST,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const { register, handleSubmit, setError, formState } = form;
  const { send, pending } = useIntentWrite();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function submit(body: NetworkPrivacyRequest, confirmDuplicate: boolean) {
    setOutcome(null);
    try {
      const res = await send<{ requestId: string; status: string }>({
        method: "POST",
        path: confirmDuplicate ? "/api/privacy-requests?confirm_duplicate=true" : "/api/privacy-requests",
        body,
      });
      setOutcome({ kind: "sent", requestId: res.data.requestId });
    } catch (err) {
      if (err instanceof ApiError && err.code === "possible_duplicate") {
        setOutcome({ kind: "duplicate", message: err.message, body });
      } else if (err instanceof ApiError && (err.status === 502 || err.status === 504)) {
        setOutcome({ kind: "unknown", message: err.message });
      } else {
        if (err instanceof ApiError) {
          for (const [field, message] of Object.entries(err.fields)) {
            const name = FIELD_FROM_SERVER[field];
            if (name) setError(name, { message: `The API refused it: ${message}` });
          }
        }
        setOutcome({ kind: "error", message: describeWriteError(err) });
      }
    }
  }

  const onValid = handleSubmit(async (values) => submit(await toPrivacyRequestBody(values), false));

  return (
    <form onSubmit={onValid} noValidate aria-label="Consumer request" className="max-w-2xl space-y-6">
      <RadioGroup
        label="Request type"
        options={Object.entries(REQUEST_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
        inputProps={register("requestType")}
      />
      <RadioGroup
        label="Identifier"
        options={IDENTIFIER_KINDS.map((value) => ({ value, label: IDENTIFIER_LABELS[value] }))}
        inputProps={register("identifierType")}
      />
      <IdentifierFields form={form} />
      <p className="text-sm text-fg-muted">
        Rokt creates a new request for every submission, and it cannot be withdrawn. Check the identifier before you
        submit.
      </p>
      <Button type="submit" disabled={pending || formState.isSubmitting}>
        {pending ? "Submitting…" : "Submit request"}
      </Button>
      <OutcomeView outcome={outcome} pending={pending} onConfirm={(body) => submit(body, true)} />
    </form>
  );
}

function OutcomeView({
  outcome,
  pending,
  onConfirm,
}: {
  outcome: Outcome | null;
  pending: boolean;
  onConfirm(body: NetworkPrivacyRequest): void;
}) {
  if (!outcome) return null;
  if (outcome.kind === "sent") {
    return (
      <div role="status" className="rounded-card border border-success bg-surface p-4 text-sm">
        <p className="font-semibold">Request submitted to Rokt.</p>
        <dl className="mt-2">
          <dt className="font-medium">Request ID</dt>
          <dd className="font-mono break-all">{outcome.requestId}</dd>
        </dl>
        <p className="mt-2">
          It is kept in the{" "}
          <Link href="/privacy/history" className="text-accent underline">
            history
          </Link>
          .
        </p>
      </div>
    );
  }
  if (outcome.kind === "duplicate") {
    return (
      <div role="alert" className="rounded-card border border-warning bg-surface p-4 text-sm">
        <p className="font-semibold">Possible duplicate</p>
        <p className="mt-1">{outcome.message}</p>
        <Button variant="secondary" className="mt-3" disabled={pending} onClick={() => onConfirm(outcome.body)}>
          Submit anyway
        </Button>
      </div>
    );
  }
  if (outcome.kind === "unknown") {
    return (
      <div role="alert" className="rounded-card border border-danger bg-surface p-4 text-sm">
        <p className="font-semibold">Outcome unknown</p>
        <p className="mt-1">
          Rokt did not confirm this request, so it may or may not have been received; the API offers no way to check. It
          is recorded as “Outcome unknown” in the{" "}
          <Link href="/privacy/history" className="text-accent underline">
            history
          </Link>{" "}
          and the audit log. Do not submit it again right away: if the consumer must be sure it applied, submit it again
          later (the console will ask you to confirm the duplicate), or ask Rokt support, quoting the time and type.
        </p>
        <p className="mt-1 text-xs text-fg-muted">{outcome.message}</p>
      </div>
    );
  }
  return (
    <div role="alert" className="rounded-card border border-danger bg-surface p-4 text-sm">
      <p className="font-semibold">The request was not sent.</p>
      <p className="mt-1">{outcome.message}</p>
    </div>
  );
}
