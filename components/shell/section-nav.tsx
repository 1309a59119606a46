"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export interface SectionLink {
  href: string;
  label: string;
}

/**
 * The tabs of a console section whose parts are each their own URL (Privacy,
 * Settings): the current one is marked with aria-current for assistive technology.
 */
export function SectionNav({ label, links }: { label: string; links: readonly SectionLink[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="mb-6 border-b border-border">
      <ul className="flex flex-wrap gap-1">
        {links.map((s) => {
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
