import type { Config } from "tailwindcss";

// Design tokens: semantic colour names map to CSS variables set in
// app/globals.css, so light and dark themes swap without touching components.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  darkMode: "class",
  theme: {
    extend: {
      colors: {
        bg: "var(--color-bg)",
        surface: "var(--color-surface)",
        "surface-muted": "var(--color-surface-muted)",
        border: "var(--color-border)",
        fg: "var(--color-fg)",
        "fg-muted": "var(--color-fg-muted)",
        accent: "var(--color-accent)",
        "accent-fg": "var(--color-accent-fg)",
        "accent-hover": "var(--color-accent-hover)",
        danger: "var(--color-danger)",
        "danger-fg": "var(--color-danger-fg)",
        "danger-hover": "var(--color-danger-hover)",
        success: "var(--color-success)",
        warning: "var(--color-warning)",
        focus: "var(--color-focus)",
      },
      borderRadius: { card: "0.75rem" },
      fontFamily: {
        sans: ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
        mono: ["ui-monospace", "SFMono-Regular", "Menlo", "monospace"],
      },
    },
  },
};

export default config;
