"use client";

import dynamic from "next/dynamic";
import { useEffect } from "react";
import { ApiError } from "@/lib/api";
import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";
import { Button } from "../ui/button";
import { ControlsSkeleton } from "./controls-skeleton";
import { useMerchantControls } from "./use-merchant-controls";

/**
 * The form (react-hook-form, the shared zod schemas, the picker) is its own chunk,
 * fetched when the section mounts, alongside the controls it needs: the first
 * render is a skeleton either way, so the page's first load does not carry it.
 */
const loadControlsForm = () => import("./controls-form").then((m) => m.ControlsForm);
const ControlsForm = dynamic(loadControlsForm, { ssr: false, loading: () => <ControlsSkeleton /> });

/**
 * The merchant page's Controls section: reads the current controls (and the
 * account status, which can lock saving), then hands them to the form.
 */
export function ControlsEditor({ accountId, taxonomy }: { accountId: string; taxonomy: TaxonomyVertical[] }) {
  const { controls, status, reread, remember, refreshStatus, path } = useMerchantControls(accountId);
  useEffect(() => {
    void loadControlsForm();
  }, []);
  if (controls.isPending) return <ControlsSkeleton />;
  if (controls.isError) {
    const e = controls.error;
    return (
      <div role="alert" className="space-y-2 rounded-card border border-danger bg-surface p-4 text-sm">
        <p className="font-semibold text-fg">The controls could not be loaded.</p>
        <p>{e instanceof Error ? e.message : "Unknown error."}</p>
        {e instanceof ApiError && e.requestId ? (
          <p className="font-mono text-xs text-fg-muted">Request id {e.requestId}</p>
        ) : null}
        <Button variant="secondary" size="sm" onClick={() => controls.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  return (
    <ControlsForm
      accountId={accountId}
      taxonomy={taxonomy}
      initial={controls.data}
      accountStatus={status.data ?? null}
      path={path}
      reread={reread}
      remember={remember}
      refreshStatus={refreshStatus}
    />
  );
}
