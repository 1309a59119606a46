"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect } from "react";
import { Controller, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { type PageRequest, pageRequest } from "@/lib/partnerships/accounts";
import { LAYOUT_TYPES, type Surface } from "@/lib/partnerships/formats";
import { SURFACE_LABELS } from "./labels";

const LAYOUT_OPTIONS = LAYOUT_TYPES.map((t) => ({ value: t, label: t }));

/**
 * Adds one surface the merchant lacks, sent at once (no confirmation). The
 * choices stay as they were when the API refuses them, with its message.
 */
export function AddSurfaceForm({
  missing,
  pending,
  error,
  onAdd,
}: {
  missing: Surface[];
  pending: boolean;
  /** The server's message about the surface, e.g. a 409 "already exists". */
  error: string | null;
  onAdd(page: PageRequest): void;
}) {
  const first = missing[0];
  const { control, handleSubmit, formState, setValue, getValues } = useForm<PageRequest>({
    resolver: zodResolver(pageRequest),
    defaultValues: { surface: first, layout_type: "Overlay" },
  });

  // After an add, offer the next missing surface instead of one that now exists.
  useEffect(() => {
    if (first && !missing.includes(getValues("surface"))) setValue("surface", first);
  }, [first, missing, getValues, setValue]);

  if (!first) {
    return (
      <p className="text-sm text-fg-muted">This merchant has every surface: Confirmation, Tracking and Returns.</p>
    );
  }
  return (
    <form noValidate onSubmit={handleSubmit(onAdd)} className="flex flex-wrap items-end gap-3">
      <Controller
        control={control}
        name="surface"
        render={({ field, fieldState }) => (
          <Select
            label="Surface"
            name={field.name}
            value={field.value}
            onChange={(e) => field.onChange(e.target.value)}
            onBlur={field.onBlur}
            options={missing.map((s) => ({ value: s, label: SURFACE_LABELS[s] }))}
            error={fieldState.error?.message ?? error}
            className="w-48"
          />
        )}
      />
      <Controller
        control={control}
        name="layout_type"
        render={({ field, fieldState }) => (
          <Select
            label="Layout type"
            name={field.name}
            value={field.value}
            onChange={(e) => field.onChange(e.target.value)}
            onBlur={field.onBlur}
            options={LAYOUT_OPTIONS}
            error={fieldState.error?.message}
            className="w-48"
          />
        )}
      />
      <div className="flex items-center gap-2">
        <Button type="submit" disabled={pending || formState.isSubmitting} aria-busy={pending}>
          Add surface
        </Button>
        <span role="status" className="inline-block w-20 text-xs text-fg-muted">
          {pending ? "Adding…" : ""}
        </span>
      </div>
    </form>
  );
}
