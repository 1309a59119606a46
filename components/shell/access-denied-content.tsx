import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** What a role sees instead of a page it may not open (served with HTTP 403). */
export function AccessDeniedContent() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-semibold text-fg">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-sm text-fg-muted">Your role cannot open this page. Ask an admin if you need it.</p>
      <Link href="/" className={buttonClasses("primary", "md", "mt-6")}>
        Go to the home page
      </Link>
    </div>
  );
}
