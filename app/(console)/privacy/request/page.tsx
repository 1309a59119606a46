import type { Metadata } from "next";
import { ConsumerRequestForm } from "@/components/privacy/consumer-request-form";
import { requireSection } from "@/server/auth";

export const metadata: Metadata = { title: "Consumer request · Privacy" };

export default async function ConsumerRequestPage() {
  await requireSection("/privacy");
  return (
    <section aria-labelledby="consumer-request-heading">
      <h2 id="consumer-request-heading" className="mb-4 text-lg font-semibold">
        Consumer request
      </h2>
      <ConsumerRequestForm />
    </section>
  );
}
