import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** An account id that is malformed, unknown, or another platform's: one answer, so nothing leaks. */
export default function MerchantNotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-semibold text-fg">Merchant not found or not yours</h1>
      <p className="mt-2 text-sm text-fg-muted">
        No merchant with this account id is managed by your platform. Check the id, or find the merchant in the list.
      </p>
      <Link href="/merchants" className={buttonClasses("primary", "md", "mt-6")}>
        Go to merchants
      </Link>
    </div>
  );
}
