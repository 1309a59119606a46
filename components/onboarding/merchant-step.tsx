"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useMemo, useRef } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { merchantStepSchema, STORE_URL_HINT } from "@/lib/onboarding/step-schemas";
import { cn } from "../ui/cn";
import { controlClasses } from "../ui/input";
import { CountryCombobox } from "./country-combobox";
import { Field, fieldAria } from "./field";
import { StepNav } from "./step-nav";
import { useWizard } from "./wizard-context";

type Input = z.input<typeof merchantStepSchema>;
type Output = z.output<typeof merchantStepSchema>;

const EXTERNAL_ID_HINT =
  "Your platform's own stable key for this merchant (for example your shop id). It is not secret and must not hold personal data: registering the same ID again finds the merchant it already names.";

/** Step 1: who the merchant is. Checked on blur and on "Next" with the shared schema; every keystroke is kept. */
export function MerchantStep() {
  const { data, taxonomy, update, generation } = useWizard();
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(merchantStepSchema),
    defaultValues: data.merchant,
    mode: "onBlur",
    reValidateMode: "onChange",
  });
  const { register, control, formState, watch, setValue, trigger } = form;
  const errors = formState.errors;

  useEffect(() => {
    const sub = watch((values) =>
      update((d) => ({ ...d, merchant: { ...d.merchant, ...(values as typeof d.merchant) } })),
    );
    return () => sub.unsubscribe();
  }, [watch, update]);

  // A newer copy restored from this tab replaces what the form started with.
  const restored = useRef(data.merchant);
  restored.current = data.merchant;
  useEffect(() => {
    if (generation > 0) form.reset(restored.current);
  }, [generation, form]);

  const verticalId = watch("vertical_id");
  const vertical = useMemo(() => taxonomy.find((v) => String(v.id) === String(verticalId)), [taxonomy, verticalId]);
  const msg = (name: keyof Input) => errors[name]?.message as string | undefined;

  return (
    <form noValidate onSubmit={(e) => e.preventDefault()} className="max-w-xl">
      <h2 className="mb-4 text-lg font-semibold text-fg">Merchant</h2>
      <Field id="merchant-brand" label="Brand" error={msg("brand")}>
        <input
          {...register("brand")}
          {...fieldAria("merchant-brand", msg("brand"))}
          className={cn(controlClasses, "h-10")}
        />
      </Field>
      <Field
        id="merchant-external"
        label="External account ID"
        hint={EXTERNAL_ID_HINT}
        error={msg("external_account_id")}
      >
        <input
          {...register("external_account_id")}
          {...fieldAria("merchant-external", msg("external_account_id"), true)}
          autoComplete="off"
          spellCheck={false}
          className={cn(controlClasses, "h-10 font-mono")}
        />
      </Field>
      <Field id="merchant-store" label="Store URL" hint={STORE_URL_HINT} error={msg("store_identifier")}>
        <input
          {...register("store_identifier")}
          {...fieldAria("merchant-store", msg("store_identifier"), true)}
          type="url"
          inputMode="url"
          placeholder="https://"
          className={cn(controlClasses, "h-10")}
        />
      </Field>
      <Field
        id="merchant-country"
        label="Country"
        hint="Type to search, then pick from the list."
        error={msg("country_code")}
      >
        <Controller
          control={control}
          name="country_code"
          render={({ field }) => (
            <CountryCombobox
              key={generation}
              id="merchant-country"
              value={String(field.value ?? "")}
              onChange={field.onChange}
              onBlur={field.onBlur}
              inputRef={field.ref}
              invalid={Boolean(msg("country_code"))}
              describedBy={fieldAria("merchant-country", msg("country_code"), true)["aria-describedby"]}
            />
          )}
        />
      </Field>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field id="merchant-vertical" label="Vertical" error={msg("vertical_id")}>
          <select
            {...register("vertical_id", {
              onChange: () => setValue("sub_vertical_id", "", { shouldValidate: formState.isSubmitted }),
            })}
            {...fieldAria("merchant-vertical", msg("vertical_id"))}
            className={cn(controlClasses, "h-10")}
          >
            <option value="">Choose a vertical</option>
            {taxonomy.map((v) => (
              <option key={v.id} value={String(v.id)}>
                {v.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="merchant-subvertical" label="Sub-vertical" error={msg("sub_vertical_id")}>
          <select
            {...register("sub_vertical_id")}
            {...fieldAria("merchant-subvertical", msg("sub_vertical_id"))}
            className={cn(controlClasses, "h-10")}
          >
            <option value="">{vertical ? "Choose a sub-vertical" : "Choose a vertical first"}</option>
            {vertical?.subVerticals.map((s) => (
              <option key={s.id} value={String(s.id)}>
                {s.mapped ? s.name : `${s.name} (no Rokt mapping: registration would be refused)`}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <StepNav step="merchant" validate={() => trigger(undefined, { shouldFocus: true })} />
    </form>
  );
}
