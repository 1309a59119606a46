"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

/** Each Settings section at its own URL; Taxonomy, Layouts and Templates are their own pages too. */
export const SETTINGS_SECTIONS = [
  { href: "/settings/users", label: "Users" },
  { href: "/settings/taxonomy", label: "Taxonomy" },
  { href: "/settings/layouts", label: "Layouts" },
  { href: "/settings/templates", label: "Templates" },
  { href: "/settings/health", label: "Health" },
] as const;

/** The Settings sections; the current one is marked for assistive technology. */
export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings sections" className="mb-6 border-b border-border">
      <ul className="flex flex-wrap gap-1">
        {SETTINGS_SECTIONS.map((s) => {
          const current = pathname === s.href || pathname.startsWith(`${s.href}/`);
          return (
            <li key={s.href}>
              <Link
                href={s.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "-mb-px block rounded-t-md border-b-2 px-3 py-2 text-sm font-medium",
                  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus",
                  current ? "border-accent text-accent" : "border-transparent text-fg-muted hover:text-fg",
                )}
              >
                {s.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
