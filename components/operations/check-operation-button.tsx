"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { ApiError, apiFetch } from "@/lib/api";

interface OperationAnswer {
  data: { operation: { status: string; error: string | null } };
}

/**
 * Asks the API for an operation's current status (the recovery path for a
 * lost answer, SPEC §4); the server updates the journal, then the table is
 * re-rendered from it.
 */
export function CheckOperationButton({ operationId }: { operationId: string }) {
  const router = useRouter();
  const toast = useToast();
  const [busy, setBusy] = useState(false);

  async function check() {
    setBusy(true);
    try {
      const res = await apiFetch<OperationAnswer>(`/api/operations/${encodeURIComponent(operationId)}`);
      const { status, error } = res.data.data.operation;
      toast.success(`Operation ${operationId} is ${status.replace("_", " ")}${error ? `: ${error}` : ""}.`);
      router.refresh();
    } catch (err) {
      const message = err instanceof ApiError ? err.message : "The status could not be checked.";
      toast.error(message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button variant="secondary" size="sm" onClick={check} disabled={busy} aria-label={`Check status of ${operationId}`}>
      {busy ? "Checking…" : "Check status"}
    </Button>
  );
}
