import { redirect } from "next/navigation";
import { requireSection } from "@/server/auth";

export default async function SettingsPage() {
  await requireSection("/settings");
  redirect("/settings/users");
}
