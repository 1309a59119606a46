"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useState } from "react";
import { useUnsavedChanges } from "@/components/forms/use-unsaved-changes";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError, apiFetch } from "@/lib/api";
import type { LayoutType, Surface } from "@/lib/partnerships/formats";
import { SURFACES } from "@/lib/partnerships/surfaces";
import type { KnownTheme } from "@/lib/theme/patch";

/**
 * The editor of a layout's theme (react-hook-form, the zod schemas that also
 * read the stored theme, the colour fields, the preview) is its own chunk, fetched when the section mounts,
 * alongside the layouts it needs: the first render is a skeleton either way.
 */
const loadLayoutThemeForm = () => import("./stored-layout-theme-form").then((m) => m.StoredLayoutThemeForm);
const LayoutThemeForm = dynamic(loadLayoutThemeForm, {
  ssr: false,
  loading: () => <Skeleton className="h-[34rem] w-full" />,
});

/** What `GET /api/merchants/:accountId/knowledge` answers (the console's own record of pages and layouts). */
interface MerchantKnowledge {
  accountId: string;
  pages: { pageId: string; surface: Surface; layoutId: string; layoutType: LayoutType }[];
  layouts: { layoutId: string; pageId: string; layoutType: LayoutType; theme: Record<string, unknown> | null }[];
}

const knowledgeKey = (accountId: string) => ["theme-section", accountId, "knowledge"] as const;

async function getData<T>(path: string): Promise<T> {
  return (await apiFetch<{ data: T }>(path)).data.data;
}

function disabledReasonFor(status: string | undefined): string | null {
  if (status === "deleting") return "This merchant's data is being deleted: its theme can no longer be changed.";
  if (status === "deleted") return "This merchant's data was deleted: its theme can no longer be changed.";
  return null;
}

/**
 * The Theme section of a merchant: one editor per page's current layout, as the
 * console knows them. The API has no GET for pages or layouts, so what is
 * listed is what register, add-pages and switch answers taught the console, and
 * a theme is known only once the console has PATCHed it.
 */
export function ThemeSection({ accountId }: { accountId: string }) {
  const queryClient = useQueryClient();
  useEffect(() => {
    void loadLayoutThemeForm();
  }, []);
  const base = `/api/merchants/${encodeURIComponent(accountId)}`;
  const knowledge = useQuery({
    queryKey: knowledgeKey(accountId),
    queryFn: () => getData<MerchantKnowledge>(`${base}/knowledge`),
  });
  const status = useQuery({
    queryKey: ["theme-section", accountId, "status"],
    queryFn: () => getData<{ status: string }>(`${base}/status`),
  });

  // One question before leaving, however many layouts have unsaved changes.
  const [dirtyLayouts, setDirtyLayouts] = useState<ReadonlySet<string>>(new Set());
  const onDirtyChange = useCallback(
    (layoutId: string, dirty: boolean) =>
      setDirtyLayouts((old) => {
        if (old.has(layoutId) === dirty) return old;
        const next = new Set(old);
        if (dirty) next.add(layoutId);
        else next.delete(layoutId);
        return next;
      }),
    [],
  );
  useUnsavedChanges(dirtyLayouts.size > 0);

  const onSaved = useCallback(
    (layoutId: string, theme: KnownTheme) =>
      queryClient.setQueryData<MerchantKnowledge>(knowledgeKey(accountId), (old) =>
        old
          ? { ...old, layouts: old.layouts.map((l) => (l.layoutId === layoutId ? { ...l, theme: { ...theme } } : l)) }
          : old,
      ),
    [queryClient, accountId],
  );

  if (knowledge.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading themes" role="status" className="space-y-4">
        <Skeleton className="h-[34rem] w-full" />
      </div>
    );
  }
  if (knowledge.isError) {
    const err = knowledge.error;
    return (
      <div role="alert" className="rounded-card border border-danger bg-surface p-4 text-sm">
        <p className="font-semibold">The layouts of this merchant could not be loaded.</p>
        <p className="mt-1">{err instanceof Error ? err.message : "Try again."}</p>
        {err instanceof ApiError && err.requestId ? (
          <p className="mt-1 font-mono text-xs text-fg-muted">Request id {err.requestId}</p>
        ) : null}
        <Button variant="secondary" size="sm" className="mt-3" onClick={() => void knowledge.refetch()}>
          Try again
        </Button>
      </div>
    );
  }

  const pages = [...knowledge.data.pages].sort((a, b) => SURFACES.indexOf(a.surface) - SURFACES.indexOf(b.surface));
  if (pages.length === 0) {
    return (
      <EmptyState title="No layouts known yet">
        The console learns a merchant's pages and layouts from registering it, adding pages and switching layouts. Once
        it has, their themes can be edited here.
      </EmptyState>
    );
  }
  const disabledReason = disabledReasonFor(status.data?.status);
  return (
    <div className="space-y-6">
      {pages.map((page) => {
        const layout = knowledge.data.layouts.find((l) => l.layoutId === page.layoutId);
        return (
          <LayoutThemeForm
            key={page.layoutId}
            accountId={accountId}
            layoutId={page.layoutId}
            surface={page.surface}
            layoutType={page.layoutType}
            stored={layout?.theme}
            disabledReason={disabledReason}
            onSaved={onSaved}
            onDirtyChange={onDirtyChange}
          />
        );
      })}
    </div>
  );
}
