"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { THEME_STORAGE_KEY } from "./theme";

function effectiveDark(): boolean {
  const root = document.documentElement.classList;
  if (root.contains("dark")) return true;
  if (root.contains("light")) return false;
  return window.matchMedia("(prefers-color-scheme: dark)").matches;
}

/** Follows the system until pressed; a choice that differs from the system is kept in localStorage. */
export function ThemeToggle() {
  const [dark, setDark] = useState<boolean | null>(null);

  useEffect(() => {
    setDark(effectiveDark());
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => setDark(effectiveDark());
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, []);

  function toggle() {
    const next = !effectiveDark();
    // Choosing what the system already shows means "follow the system" again: no class, nothing stored.
    const followSystem = next === window.matchMedia("(prefers-color-scheme: dark)").matches;
    const root = document.documentElement.classList;
    root.remove("dark", "light");
    if (!followSystem) root.add(next ? "dark" : "light");
    try {
      if (followSystem) localStorage.removeItem(THEME_STORAGE_KEY);
      else localStorage.setItem(THEME_STORAGE_KEY, next ? "dark" : "light");
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    setDark(next);
  }

  return (
    <Button variant="ghost" size="sm" onClick={toggle} aria-pressed={dark ?? false} title="Toggle dark mode">
      <span aria-hidden="true">{dark ? "☾" : "☀"}</span>
      <span className="sr-only">Toggle dark mode</span>
    </Button>
  );
}
