"use client";

import type { ThemeToken } from "@/lib/partnerships/pages";
import { TOKEN_LABELS } from "@/lib/theme/labels";
import type { ThemeDraft } from "@/lib/theme/patch";
import { COLOUR_TOKENS } from "@/lib/theme/patch";
import { markThemeChange } from "@/lib/theme/perf";
import { ColourField } from "./colour-field";
import { RadiusField } from "./radius-field";

export type ThemeFieldErrors = Partial<Record<ThemeToken, string>>;

export interface ThemeFieldsProps {
  /** The draft as typed: colours may be half-written, the radius NaN while its box is empty. */
  value: ThemeDraft;
  onChange: <K extends ThemeToken>(token: K, value: ThemeDraft[K]) => void;
  /** Called when a control loses focus, e.g. to validate the token then. */
  onBlur?: (token: ThemeToken) => void;
  /** Messages that read after the label ("is not a colour (#RGB or #RRGGBB)"). */
  errors?: ThemeFieldErrors;
  /** Put before every label, e.g. "Tracking page " in a form with several layouts on one screen. */
  labelPrefix?: string;
  disabled?: boolean;
  /** Names this editor in the repaint performance marks. */
  scope?: string;
}

/**
 * The five theme tokens as controlled inputs: four hex colours with pickers and
 * the border radius. It holds no state of its own, so the merchant page and the
 * onboarding wizard can each keep the values in their own form.
 */
export function ThemeFields({
  value,
  onChange,
  onBlur,
  errors = {},
  labelPrefix = "",
  disabled,
  scope = "theme",
}: ThemeFieldsProps) {
  const change = <K extends ThemeToken>(token: K, next: ThemeDraft[K]) => {
    markThemeChange(scope);
    onChange(token, next);
  };
  const label = (token: ThemeToken) =>
    labelPrefix ? `${labelPrefix}${TOKEN_LABELS[token].toLowerCase()}` : TOKEN_LABELS[token];
  return (
    <div className="space-y-4">
      {COLOUR_TOKENS.map((token) => (
        <ColourField
          key={token}
          label={label(token)}
          value={value[token]}
          onChange={(next) => change(token, next)}
          onBlur={() => onBlur?.(token)}
          error={errors[token]}
          disabled={disabled}
        />
      ))}
      <RadiusField
        label={label("borderRadius")}
        value={value.borderRadius}
        onChange={(next) => change("borderRadius", next)}
        onBlur={() => onBlur?.("borderRadius")}
        error={errors.borderRadius}
        disabled={disabled}
      />
    </div>
  );
}
