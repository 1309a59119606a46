import { z } from "zod";
import { colour } from "@/lib/partnerships/formats";
import { borderRadius, DEFAULT_THEME, THEME_TOKENS, type Theme, type ThemeToken } from "@/lib/partnerships/pages";
import { normaliseHexColour } from "./colour";

/**
 * The theme editor's form: all five tokens, each checked by the same schema the
 * API route and the sandbox use (colours come out normalised to `#RRGGBB`).
 */
export const themeForm = z.object({
  primaryColor: colour,
  backgroundColor: colour,
  textColor: colour,
  closeButtonColor: colour,
  borderRadius,
});
/** The editor's values while typing (a colour may be half-written). */
export type ThemeDraft = z.input<typeof themeForm>;

export type ColourToken = Exclude<ThemeToken, "borderRadius">;
export const COLOUR_TOKENS: readonly ColourToken[] = [
  "primaryColor",
  "backgroundColor",
  "textColor",
  "closeButtonColor",
];

export function isThemeToken(value: string): value is ThemeToken {
  return (THEME_TOKENS as readonly string[]).includes(value);
}

/** Sparse: only the tokens of a layout whose value the console has seen, each normalised. */
export type KnownTheme = Partial<Theme>;

/**
 * The tokens the console knows of a layout, from its knowledge (which holds the
 * last PATCH answers, possibly only some tokens after a bare acknowledgement).
 * Anything unreadable counts as unknown rather than breaking the editor.
 */
export function knownThemeFrom(stored: Record<string, unknown> | null | undefined): KnownTheme {
  const known: KnownTheme = {};
  if (!stored) return known;
  for (const token of COLOUR_TOKENS) {
    const value = stored[token];
    const hex = typeof value === "string" ? normaliseHexColour(value) : null;
    if (hex) known[token] = hex;
  }
  const radius = borderRadius.safeParse(stored.borderRadius);
  if (radius.success) known.borderRadius = radius.data;
  return known;
}

/** What the editor starts from and "Reset to saved" returns to: the known tokens over the API's defaults. */
export function baselineTheme(known: KnownTheme): Theme {
  return { ...DEFAULT_THEME, ...known };
}

function sameToken(token: ThemeToken, a: Theme[ThemeToken], b: Theme[ThemeToken]): boolean {
  if (token === "borderRadius") return a === b;
  return normaliseHexColour(String(a)) === normaliseHexColour(String(b)) && normaliseHexColour(String(a)) !== null;
}

/**
 * The sparse PATCH body: only the tokens that differ from the saved baseline,
 * colours normalised (so `#4f46e5` against a saved `#4F46E5` is no change).
 * A value that is not valid is kept as typed, for validation to name.
 */
export function sparseThemePatch(baseline: Theme, next: ThemeDraft): Partial<Theme> {
  const patch: Partial<Record<ThemeToken, string | number>> = {};
  for (const token of THEME_TOKENS) {
    const value = next[token];
    if (sameToken(token, baseline[token], value)) continue;
    patch[token] = token === "borderRadius" ? value : (normaliseHexColour(String(value)) ?? value);
  }
  return patch as Partial<Theme>;
}

/** True when the draft differs from the baseline in any token. */
export function isThemeChanged(baseline: Theme, next: ThemeDraft): boolean {
  return Object.keys(sparseThemePatch(baseline, next)).length > 0;
}

/**
 * The theme the preview paints: each valid token of the draft, normalised; a
 * token being typed (not valid yet) shows its fallback instead of nothing.
 */
export function previewTheme(draft: ThemeDraft, fallback: Theme): Theme {
  const out = { ...fallback };
  for (const token of COLOUR_TOKENS) out[token] = normaliseHexColour(String(draft[token])) ?? fallback[token];
  const radius = borderRadius.safeParse(draft.borderRadius);
  if (radius.success) out.borderRadius = radius.data;
  return out;
}

/**
 * The theme after a successful PATCH: the answer's full theme when it sends one
 * (the sandbox does), else the baseline with the tokens sent (a bare
 * `{"status": "ok", "layout_id": …}` acknowledgement, SPEC §10).
 */
export function themeAfterPatch(known: KnownTheme, sent: Partial<Theme>, answer: unknown): KnownTheme {
  if (answer && typeof answer === "object" && "theme" in answer) {
    const full = knownThemeFrom((answer as { theme: Record<string, unknown> | null }).theme);
    if (Object.keys(full).length > 0) return { ...known, ...sent, ...full };
  }
  return { ...known, ...knownThemeFrom(sent) };
}
