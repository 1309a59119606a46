"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export interface MainNavLink {
  href: string;
  label: string;
}

/** The links come from the server, already filtered by role (lib/auth/navigation.ts). */
export function MainNav({ links }: { links: MainNavLink[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="border-b border-border bg-surface md:w-56 md:shrink-0 md:border-r md:border-b-0">
      <ul className="flex gap-1 overflow-x-auto p-2 md:flex-col md:p-3">
        {links.map((link) => {
          const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium",
                  current ? "bg-accent text-accent-fg" : "text-fg hover:bg-surface-muted",
                )}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
