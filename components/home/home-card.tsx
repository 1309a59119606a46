import Link from "next/link";
import type { ReactNode } from "react";
import { useId } from "react";

/** A named region of the overview with the link to the filtered view behind it. */
export function HomeCard({
  title,
  href,
  linkLabel,
  children,
  className,
}: {
  title: string;
  href?: string;
  linkLabel?: string;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className={`flex flex-col rounded-card border border-border bg-surface p-5 shadow-sm ${className ?? ""}`}
    >
      <h2 id={id} className="mb-3 text-base font-semibold text-fg">
        {title}
      </h2>
      <div className="flex-1 text-sm">{children}</div>
      {href ? (
        <Link href={href} className="mt-3 text-sm font-medium text-accent underline-offset-2 hover:underline">
          {linkLabel ?? "Open"}
        </Link>
      ) : null}
    </section>
  );
}

export function Count({ n, label, href }: { n: number | null; label: string; href: string }) {
  return (
    <Link
      href={href}
      className="flex items-baseline justify-between gap-2 rounded-md px-2 py-1 hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-focus"
    >
      <span>{label}</span>
      <span className="text-lg font-semibold tabular-nums">{n ?? "—"}</span>
    </Link>
  );
}
