"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { PageRequest } from "@/lib/partnerships/accounts";
import type { LayoutType, Surface } from "@/lib/partnerships/formats";
import { LAYOUT_TYPES } from "@/lib/partnerships/surfaces";
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
  // Two selects need no form library; the shared zod schema (pageRequest) validates on submit
  // and is fetched after the first paint, not with the page.
  const [surface, setSurface] = useState<Surface | undefined>(first);
  const [layoutType, setLayoutType] = useState<LayoutType>("Overlay");
  const [errors, setErrors] = useState<{ surface?: string; layout_type?: string }>({});
  const [submitting, setSubmitting] = useState(false);
  useEffect(() => {
    void import("@/lib/partnerships/accounts");
  }, []);

  // After an add, offer the next missing surface instead of one that now exists.
  useEffect(() => {
    if (first && (surface === undefined || !missing.includes(surface))) setSurface(first);
  }, [first, missing, surface]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    try {
      const { pageRequest } = await import("@/lib/partnerships/accounts");
      const parsed = pageRequest.safeParse({ surface, layout_type: layoutType });
      if (!parsed.success) {
        setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
        return;
      }
      setErrors({});
      onAdd(parsed.data);
    } finally {
      setSubmitting(false);
    }
  }

  if (!first) {
    return (
      <p className="text-sm text-fg-muted">This merchant has every surface: Confirmation, Tracking and Returns.</p>
    );
  }
  return (
    <form noValidate onSubmit={submit} className="flex flex-wrap items-end gap-3">
      <Select
        label="Surface"
        name="surface"
        value={surface ?? ""}
        onChange={(e) => {
          setSurface(e.target.value as Surface);
          setErrors(({ surface: _, ...rest }) => rest);
        }}
        options={missing.map((s) => ({ value: s, label: SURFACE_LABELS[s] }))}
        error={errors.surface ?? error}
        className="w-48"
      />
      <Select
        label="Layout type"
        name="layout_type"
        value={layoutType}
        onChange={(e) => {
          setLayoutType(e.target.value as LayoutType);
          setErrors(({ layout_type: _, ...rest }) => rest);
        }}
        options={LAYOUT_OPTIONS}
        error={errors.layout_type}
        className="w-48"
      />
      <div className="flex items-center gap-2">
        <Button type="submit" disabled={pending || submitting} aria-busy={pending}>
          Add surface
        </Button>
        <span role="status" className="inline-block w-20 text-xs text-fg-muted">
          {pending ? "Adding…" : ""}
        </span>
      </div>
    </form>
  );
}
