"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ACTION_FILTERS } from "@/lib/operations/actions";

const STATUS_OPTIONS = [
  { value: "", label: "Any status" },
  { value: "pending", label: "Pending" },
  { value: "in_progress", label: "In progress" },
  { value: "completed", label: "Completed" },
  { value: "failed", label: "Failed" },
  { value: "unknown", label: "Outcome unknown" },
];
const ACTION_OPTIONS = [
  { value: "", label: "Any action" },
  ...ACTION_FILTERS.map((f) => ({ value: f.key, label: f.label })),
];

/**
 * The tracker's filters, applied as they change and kept in the URL (a view is
 * a link); a new filter starts again from the newest page.
 */
export function OperationFilters({
  everyoneDefault,
  errors,
}: {
  everyoneDefault: boolean;
  errors: Record<string, string>;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const [merchant, setMerchant] = useState(sp.get("merchantId") ?? "");
  const [user, setUser] = useState(sp.get("user") ?? "");
  const fromUrl = sp.has("everyone") ? sp.get("everyone") === "1" : everyoneDefault;
  // Shown at once on a click, then kept in step with the URL (back and forward included).
  const [everyone, setEveryone] = useState(fromUrl);
  useEffect(() => setEveryone(fromUrl), [fromUrl]);

  const apply = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(sp.toString());
    next.delete("cursor");
    next.delete("prev");
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === "") next.delete(k);
      else next.set(k, v);
    }
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };

  // Typed filters apply after a short pause, not on every key.
  // biome-ignore lint/correctness/useExhaustiveDependencies: apply reads the current URL; only typing triggers it
  useEffect(() => {
    const t = setTimeout(() => {
      if ((sp.get("merchantId") ?? "") !== merchant.trim() || (sp.get("user") ?? "") !== user.trim())
        apply({ merchantId: merchant.trim(), user: user.trim() });
    }, 400);
    return () => clearTimeout(t);
  }, [merchant, user]);

  return (
    <form
      aria-label="Filter operations"
      className="mb-4 grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-5"
      onSubmit={(e) => {
        e.preventDefault();
        apply({ merchantId: merchant.trim(), user: user.trim() });
      }}
    >
      <Select
        label="Status"
        options={STATUS_OPTIONS}
        value={sp.get("status") ?? ""}
        onChange={(e) => apply({ status: e.target.value })}
        error={errors.status}
      />
      <Select
        label="Action"
        options={ACTION_OPTIONS}
        value={sp.get("action") ?? ""}
        onChange={(e) => apply({ action: e.target.value })}
      />
      <Input
        label="Merchant"
        type="search"
        inputMode="numeric"
        value={merchant}
        onChange={(e) => setMerchant(e.target.value)}
        error={errors.merchantId}
      />
      <Input label="User" type="search" value={user} onChange={(e) => setUser(e.target.value)} placeholder="email" />
      <label className="inline-flex h-10 items-center gap-2 text-sm text-fg">
        <input
          type="checkbox"
          className="size-4 accent-accent"
          checked={everyone}
          onChange={(e) => {
            setEveryone(e.target.checked);
            apply({ everyone: e.target.checked === everyoneDefault ? null : e.target.checked ? "1" : "0" });
          }}
        />
        Everyone&apos;s operations
      </label>
    </form>
  );
}
