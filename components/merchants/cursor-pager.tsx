import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** "Previous page" / "Next page" as plain links: paging lives in the URL and works without JavaScript. */
export function CursorPager({
  label,
  previous,
  next,
}: {
  label: string;
  previous: string | null;
  next: string | null;
}) {
  if (!previous && !next) return null;
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-4">
      {previous ? (
        <Link href={previous} className={buttonClasses("secondary", "sm")} rel="prev">
          Previous page
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={next} className={buttonClasses("secondary", "sm")} rel="next">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
