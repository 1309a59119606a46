import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export function NotFoundContent() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-semibold text-fg">Page not found</h1>
      <p className="mt-2 text-sm text-fg-muted">This page does not exist.</p>
      <Link href="/" className={buttonClasses("primary", "md", "mt-6")}>
        Go to the home page
      </Link>
    </div>
  );
}
