"use client";

import { useEffect, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ConsumerRequestForm } from "@/lib/privacy/form";
import { hashEmail, normaliseEmail } from "@/lib/privacy/hash";
import { normalisePhone, PHONE_COUNTRIES } from "@/lib/privacy/phone";

const COUNTRY_OPTIONS = PHONE_COUNTRIES.map((c) => ({ value: c.code, label: `${c.name} (+${c.callingCode})` }));

/** The one field of the chosen identifier, with what will be sent shown as it is typed. */
export function IdentifierFields({ form }: { form: UseFormReturn<ConsumerRequestForm> }) {
  const { register, watch, formState } = form;
  const errors = formState.errors;
  const kind = watch("identifierType");
  const email = watch("email");
  const hashInBrowser = watch("hashInBrowser");
  const phone = watch("phone");
  const country = watch("country");
  const [hash, setHash] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const normalised = normaliseEmail(email ?? "");
    if (kind !== "email" || !hashInBrowser || normalised === "") setHash(null);
    else void hashEmail(normalised).then((h) => live && setHash(h));
    return () => {
      live = false;
    };
  }, [kind, email, hashInBrowser]);

  if (kind === "email") {
    const normalised = normaliseEmail(email ?? "");
    return (
      <div className="space-y-3">
        <Input
          label="Email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          error={errors.email?.message}
          {...register("email")}
        />
        <label className="inline-flex items-center gap-2 text-sm text-fg">
          <input type="checkbox" className="size-4 accent-accent" {...register("hashInBrowser")} />
          Hash in this browser
        </label>
        <p className="text-sm text-fg-muted" aria-live="polite">
          {normalised === ""
            ? hashInBrowser
              ? "Only the SHA-256 of the trimmed, lowercased address is sent; the address never leaves this browser."
              : "The trimmed, lowercased address is sent."
            : hashInBrowser
              ? `Sent as the SHA-256 of “${normalised}” (trimmed, lowercased): ${hash ?? "…"}`
              : `Sent as “${normalised}” (trimmed, lowercased).`}
        </p>
      </div>
    );
  }
  if (kind === "phone") {
    const result = phone ? normalisePhone(phone, country) : null;
    return (
      <div className="space-y-2">
        <div className="grid gap-3 sm:grid-cols-[minmax(0,16rem)_minmax(0,1fr)]">
          <Select label="Country" options={COUNTRY_OPTIONS} error={errors.country?.message} {...register("country")} />
          <Input
            label="Phone"
            type="tel"
            autoComplete="off"
            error={errors.phone?.message}
            hint="As the consumer gives it; sent in international E.164 form."
            {...register("phone")}
          />
        </div>
        <p className="text-sm text-fg-muted" aria-live="polite">
          {result?.ok ? `Sent as ${result.e164}` : "Sent in E.164 form, e.g. +447700900123."}
        </p>
      </div>
    );
  }
  return (
    <Input
      label="Hashed email"
      autoComplete="off"
      spellCheck={false}
      className="font-mono"
      error={errors.hashedEmail?.message}
      hint="The SHA-256 of the trimmed, lowercased email: 64 lowercase hexadecimal characters."
      {...register("hashedEmail")}
    />
  );
}
