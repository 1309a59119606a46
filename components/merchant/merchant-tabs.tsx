"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

/** The merchant page's sections; each is its own URL, Controls is the default. */
export const MERCHANT_SECTIONS = [
  { slug: "", label: "Controls" },
  { slug: "status", label: "Status" },
  { slug: "theme", label: "Theme" },
  { slug: "pages", label: "Pages" },
  { slug: "payouts", label: "Payouts" },
  { slug: "activity", label: "Activity" },
] as const;

export function MerchantTabs({ accountId }: { accountId: string }) {
  const pathname = usePathname();
  const base = `/merchants/${accountId}`;
  return (
    <nav aria-label="Merchant sections" className="mb-6 overflow-x-auto border-b border-border">
      <ul className="flex min-w-max gap-1">
        {MERCHANT_SECTIONS.map(({ slug, label }) => {
          const href = slug ? `${base}/${slug}` : base;
          const current = pathname === href;
          return (
            <li key={label}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "-mb-px inline-flex h-10 items-center border-b-2 px-3 text-sm font-medium",
                  "rounded-t-md focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-focus",
                  current
                    ? "border-accent text-fg"
                    : "border-transparent text-fg-muted hover:border-border hover:text-fg",
                )}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
