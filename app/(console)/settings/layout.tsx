import type { ReactNode } from "react";
import { SettingsNav } from "@/components/settings/settings-nav";
import { requireSection } from "@/server/auth";

/**
 * Settings is a section of pages (admins only: proxy.ts answers others 403 from the navigation
 * table, and this checks again on the server). Each page's own heading is its section's name.
 */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  await requireSection("/settings");
  return (
    <>
      <SettingsNav />
      {children}
    </>
  );
}
