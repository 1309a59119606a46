import type { ReactNode } from "react";
import { SectionNav } from "@/components/shell/section-nav";
import { requireSection } from "@/server/auth";

/**
 * Settings is a section of pages (admins only: proxy.ts answers others 403 from the navigation
 * table, and this checks again on the server). Each page's own heading is its section's name.
 */
/** Each Settings section at its own URL. */
const SETTINGS_SECTIONS = [
  { href: "/settings/users", label: "Users" },
  { href: "/settings/taxonomy", label: "Taxonomy" },
  { href: "/settings/layouts", label: "Layouts" },
  { href: "/settings/templates", label: "Templates" },
  { href: "/settings/health", label: "Health" },
];

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  await requireSection("/settings");
  return (
    <>
      <SectionNav label="Settings sections" links={SETTINGS_SECTIONS} />
      {children}
    </>
  );
}
