export { hexToRgb, isHexColour, normaliseHexColour } from "./colour";
export { AA_TEXT_RATIO, contrastRatio, formatRatio, meetsAA, readableOn, relativeLuminance } from "./contrast";
export { splitThemeErrors, type ThemeErrorSplit } from "./errors";
export { layoutLabel, SURFACE_LABELS, TOKEN_LABELS } from "./labels";
export {
  baselineTheme,
  COLOUR_TOKENS,
  type ColourToken,
  isThemeChanged,
  isThemeToken,
  type KnownTheme,
  knownThemeFrom,
  previewTheme,
  sparseThemePatch,
  type ThemeDraft,
  themeAfterPatch,
  themeForm,
} from "./patch";
export {
  markThemeChange,
  markThemePaintedAfterFrame,
  THEME_CHANGE_MARK,
  THEME_PAINTED_MARK,
  THEME_REPAINT_MEASURE,
} from "./perf";
