import { TableSkeleton } from "@/components/merchants/table-skeleton";

export default function Loading() {
  return <TableSkeleton label="Loading the audit log…" />;
}
