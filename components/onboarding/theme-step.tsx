"use client";

import { useState } from "react";
import { chosenSurfaces, type FieldErrors } from "@/lib/onboarding/draft";
import type { Surface } from "@/lib/partnerships/formats";
import { DEFAULT_THEME, type ThemeToken } from "@/lib/partnerships/pages";
import { layoutLabel } from "@/lib/theme/labels";
import { previewTheme, type ThemeDraft, themeForm } from "@/lib/theme/patch";
import { PlacementPreview } from "../theme/placement-preview";
import { type ThemeFieldErrors, ThemeFields } from "../theme/theme-fields";
import { Button } from "../ui/button";
import { StepNav } from "./step-nav";
import { useWizard } from "./wizard-context";

/**
 * Step 4: the theme of each chosen surface's layout, with the merchant page's
 * own fields and live preview (painted from the values, never from the network).
 */
export function ThemeStep() {
  const { data, update } = useWizard();
  const [errors, setErrors] = useState<FieldErrors>({});
  const surfaces = chosenSurfaces(data);

  const themeOf = (surface: Surface): ThemeDraft => (data.themes[surface] ?? DEFAULT_THEME) as ThemeDraft;
  const change = (surface: Surface, token: ThemeToken, value: unknown) => {
    update((d) => ({
      ...d,
      themes: { ...d.themes, [surface]: { ...(d.themes[surface] ?? DEFAULT_THEME), [token]: value } },
    }));
    const key = `theme.${surface}.${token}`;
    if (errors[key]) checkToken(surface, token, { ...themeOf(surface), [token]: value } as ThemeDraft);
  };
  const checkToken = (surface: Surface, token: ThemeToken, theme = themeOf(surface)) => {
    const parsed = themeForm.shape[token].safeParse(theme[token]);
    const key = `theme.${surface}.${token}`;
    setErrors((e) => {
      const next = { ...e };
      if (parsed.success) delete next[key];
      else next[key] = parsed.error.issues[0]?.message ?? "is invalid";
      return next;
    });
  };
  const errorsFor = (surface: Surface): ThemeFieldErrors => {
    const out: ThemeFieldErrors = {};
    for (const [k, v] of Object.entries(errors)) {
      const [, s, token] = k.split(".");
      if (s === surface && token) out[token as ThemeToken] = v;
    }
    return out;
  };
  const showErrors = (e: FieldErrors) => {
    setErrors(e);
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>('[data-theme-step] [aria-invalid="true"]')?.focus(),
    );
  };

  return (
    <div data-theme-step className="space-y-6">
      <div>
        <h2 className="text-lg font-semibold text-fg">Theme</h2>
        <p className="text-sm text-fg-muted">
          How the placement looks on each page. The preview follows every change as you type.
        </p>
      </div>
      {surfaces.map((surface) => {
        const layoutType = data.surfaces.pages.find((p) => p.surface === surface)?.layout_type ?? "Overlay";
        const value = themeOf(surface);
        return (
          <fieldset key={surface} className="min-w-0 rounded-card border border-border bg-surface p-5 shadow-sm">
            <legend className="px-1 text-base font-semibold text-fg">{layoutLabel(surface, layoutType)}</legend>
            <div className="grid gap-6 lg:grid-cols-2">
              <div className="space-y-3">
                <ThemeFields
                  value={value}
                  onChange={(token, next) => change(surface, token, next)}
                  onBlur={(token) => checkToken(surface, token)}
                  errors={errorsFor(surface)}
                  scope={`onboard-${surface}`}
                />
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => {
                    update((d) => {
                      const { [surface]: _dropped, ...rest } = d.themes;
                      return { ...d, themes: rest };
                    });
                    setErrors((e) =>
                      Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(`theme.${surface}.`))),
                    );
                  }}
                >
                  Use the default theme
                </Button>
              </div>
              <PlacementPreview
                layoutType={layoutType}
                theme={previewTheme(value, DEFAULT_THEME)}
                scope={`onboard-${surface}`}
              />
            </div>
          </fieldset>
        );
      })}
      <StepNav step="theme" onInvalid={showErrors} />
    </div>
  );
}
