/**
 * The theme editor's reusable pieces (the merchant page's Theme section and the
 * onboarding wizard's Theme step): controlled fields, the live preview, and the
 * per-layout form with its sparse save. Pure helpers live in lib/theme.
 */
export { ContrastWarning } from "./contrast-warning";
export { LayoutThemeForm, type LayoutThemeFormProps } from "./layout-theme-form";
export { PlacementPreview, type PlacementPreviewProps } from "./placement-preview";
export { type ThemeFieldErrors, ThemeFields, type ThemeFieldsProps } from "./theme-fields";
export { ThemeSection } from "./theme-section";
