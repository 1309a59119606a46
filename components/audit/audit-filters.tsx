"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ACTION_FILTERS } from "@/lib/operations/actions";

const OUTCOMES = [
  { value: "", label: "Any outcome" },
  { value: "success", label: "Success" },
  { value: "failure", label: "Failure" },
  { value: "denied", label: "Denied" },
  { value: "error", label: "Error" },
];
const ACTIONS = [{ value: "", label: "Any action" }, ...ACTION_FILTERS.map((f) => ({ value: f.key, label: f.label }))];

/** The audit log's filters, applied as they change and kept in the URL; "Export CSV" exports this view. */
export function AuditFilters({ errors }: { errors: Record<string, string> }) {
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const [user, setUser] = useState(sp.get("user") ?? "");
  const [merchant, setMerchant] = useState(sp.get("merchantId") ?? "");

  const apply = (patch: Record<string, string>) => {
    const next = new URLSearchParams(sp.toString());
    next.delete("cursor");
    next.delete("prev");
    for (const [k, v] of Object.entries(patch)) {
      if (v === "") next.delete(k);
      else next.set(k, v);
    }
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };

  // Typed filters apply after a short pause, not on every key.
  // biome-ignore lint/correctness/useExhaustiveDependencies: apply reads the current URL; only typing triggers it
  useEffect(() => {
    const t = setTimeout(() => {
      if ((sp.get("user") ?? "") !== user.trim() || (sp.get("merchantId") ?? "") !== merchant.trim())
        apply({ user: user.trim(), merchantId: merchant.trim() });
    }, 400);
    return () => clearTimeout(t);
  }, [user, merchant]);

  const exportQs = new URLSearchParams(sp.toString());
  exportQs.delete("cursor");
  exportQs.delete("prev");
  const exportHref = `/audit/export${exportQs.toString() ? `?${exportQs}` : ""}`;

  return (
    <form
      aria-label="Filter the audit log"
      className="mb-4 grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-7"
      onSubmit={(e) => {
        e.preventDefault();
        apply({ user: user.trim(), merchantId: merchant.trim() });
      }}
    >
      <Input
        label="User"
        type="search"
        value={user}
        onChange={(e) => setUser(e.target.value)}
        placeholder="email"
        error={errors.user}
      />
      <Input
        label="Merchant"
        type="search"
        inputMode="numeric"
        value={merchant}
        onChange={(e) => setMerchant(e.target.value)}
        error={errors.merchantId}
      />
      <Select
        label="Action"
        options={ACTIONS}
        value={sp.get("action") ?? ""}
        onChange={(e) => apply({ action: e.target.value })}
      />
      <Select
        label="Outcome"
        options={OUTCOMES}
        value={sp.get("outcome") ?? ""}
        onChange={(e) => apply({ outcome: e.target.value })}
        error={errors.outcome}
      />
      <Input
        label="From"
        type="date"
        value={sp.get("from") ?? ""}
        onChange={(e) => apply({ from: e.target.value })}
        error={errors.from}
      />
      <Input
        label="To"
        type="date"
        value={sp.get("to") ?? ""}
        onChange={(e) => apply({ to: e.target.value })}
        error={errors.to}
      />
      <div className="flex items-end gap-2">
        <Link href={exportHref} prefetch={false} className={buttonClasses("secondary", "md")}>
          Export CSV
        </Link>
        <Link href="/audit" className={buttonClasses("ghost", "md")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
