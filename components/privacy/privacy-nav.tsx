"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const SECTIONS = [
  { href: "/privacy/request", label: "Consumer request" },
  { href: "/privacy/deletion", label: "Merchant data deletion" },
  { href: "/privacy/history", label: "History" },
] as const;

/** The privacy sections, each at its own URL: the current one is marked for assistive technology. */
export function PrivacyNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Privacy sections" className="mb-6 border-b border-border">
      <ul className="flex flex-wrap gap-1">
        {SECTIONS.map((s) => {
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
