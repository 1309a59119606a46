import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

export interface AuditFilterValues {
  userEmail?: string;
  action?: string;
  merchantId?: string;
  outcome?: string;
}

const OUTCOMES = [
  { value: "", label: "Any outcome" },
  { value: "success", label: "Success" },
  { value: "failure", label: "Failure" },
  { value: "denied", label: "Denied" },
  { value: "error", label: "Error" },
];

/** A plain GET form: the filters live in the URL, so a filtered view can be shared and reloaded. */
export function AuditFilters({ values, errors }: { values: AuditFilterValues; errors: Record<string, string> }) {
  return (
    <form
      method="get"
      action="/audit"
      aria-label="Filter the audit log"
      className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-5"
    >
      <Input
        label="User email"
        name="userEmail"
        type="search"
        defaultValue={values.userEmail ?? ""}
        error={errors.userEmail}
      />
      <Input
        label="Action"
        name="action"
        type="search"
        defaultValue={values.action ?? ""}
        hint="Prefix, e.g. merchant. or request.denied"
        error={errors.action}
      />
      <Input
        label="Merchant"
        name="merchantId"
        type="search"
        inputMode="numeric"
        defaultValue={values.merchantId ?? ""}
        error={errors.merchantId}
      />
      <Select
        label="Outcome"
        name="outcome"
        options={OUTCOMES}
        defaultValue={values.outcome ?? ""}
        error={errors.outcome}
      />
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClasses("primary", "md")}>
          Apply filters
        </button>
        <Link href="/audit" className={buttonClasses("ghost", "md")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
