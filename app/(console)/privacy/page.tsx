import { redirect } from "next/navigation";
import { requireSection } from "@/server/auth";

export default async function PrivacyPage() {
  await requireSection("/privacy");
  redirect("/privacy/request");
}
