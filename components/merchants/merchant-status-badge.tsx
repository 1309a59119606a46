import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { AccountStatus } from "@/lib/partnerships/accounts";

const TONE: Record<AccountStatus, BadgeTone> = {
  active: "success",
  paused: "warning",
  deleting: "danger",
  deleted: "neutral",
};
const LABEL: Record<AccountStatus, string> = {
  active: "Active",
  paused: "Paused",
  deleting: "Deleting",
  deleted: "Deleted",
};

export function MerchantStatusBadge({ status }: { status: AccountStatus }) {
  return <Badge tone={TONE[status]}>{LABEL[status]}</Badge>;
}
