"use client";

import { type KnownTheme, knownThemeFrom } from "@/lib/theme/patch";
import { LayoutThemeForm, type LayoutThemeFormProps } from "./layout-theme-form";

/**
 * A layout's theme form, from the theme the console has stored for it: what the
 * Theme section loads lazily, so the stored theme is read (with the shared zod
 * schemas) in the same chunk as the form.
 */
export function StoredLayoutThemeForm({
  stored,
  ...props
}: Omit<LayoutThemeFormProps, "known"> & { stored: Record<string, unknown> | null | undefined }) {
  return <LayoutThemeForm {...props} known={knownFor(stored)} />;
}

// Stable per stored theme object, so a form's saved state only changes when the knowledge does.
const knownCache = new WeakMap<object, KnownTheme>();
const NONE: KnownTheme = {};
function knownFor(theme: Record<string, unknown> | null | undefined): KnownTheme {
  if (!theme) return NONE;
  let known = knownCache.get(theme);
  if (!known) {
    known = knownThemeFrom(theme);
    knownCache.set(theme, known);
  }
  return known;
}
