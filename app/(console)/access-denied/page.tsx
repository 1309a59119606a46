import type { Metadata } from "next";
import { AccessDeniedContent } from "@/components/shell/access-denied-content";

export const metadata: Metadata = { title: "No access" };

/** proxy.ts rewrites a page the role may not open here, with HTTP 403 (lib/auth/navigation.ts decides). */
export default function AccessDeniedPage() {
  return <AccessDeniedContent />;
}
