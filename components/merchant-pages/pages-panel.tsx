"use client";

import { useState } from "react";
import { describeWriteError, operationLink, useIntentWrite } from "@/components/forms/use-intent-write";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/api";
import type { PageRequest } from "@/lib/partnerships/accounts";
import type { Surface } from "@/lib/partnerships/formats";
import type { AddPagesResponse, SwitchLayoutResponse } from "@/lib/partnerships/pages";
import { SURFACES } from "@/lib/partnerships/surfaces";
import { AddSurfaceForm } from "./add-surface-form";
import { otherLayoutType, surfaceLabel } from "./labels";
import { type PageRow, PagesTable } from "./pages-table";

function fromApi(p: AddPagesResponse["pages"][number] | SwitchLayoutResponse): PageRow {
  return {
    pageId: p.page_id,
    surface: p.surface,
    layoutId: p.layout_id,
    layoutType: p.layout_type,
    pageIdentifier: p.page_identifier,
  };
}

function bySurface(a: PageRow, b: PageRow): number {
  return SURFACES.indexOf(a.surface as Surface) - SURFACES.indexOf(b.surface as Surface);
}

/**
 * The merchant's pages as the console knows them, a form to add a missing
 * surface and a switch per page. Each write goes out at once; the table then
 * shows the API's answer (the route also records it in the console's knowledge).
 */
export function PagesPanel({ accountId, initialPages }: { accountId: string; initialPages: PageRow[] }) {
  const toast = useToast();
  const { send } = useIntentWrite();
  const [pages, setPages] = useState(() => [...initialPages].sort(bySurface));
  const [adding, setAdding] = useState(false);
  const [addError, setAddError] = useState<{ message: string; surface: string | null } | null>(null);
  const [switching, setSwitching] = useState<ReadonlySet<string>>(new Set());
  const missing = SURFACES.filter((s) => !pages.some((p) => p.surface === s));

  async function add(page: PageRequest) {
    setAdding(true);
    setAddError(null);
    try {
      const result = await send<AddPagesResponse>({
        method: "POST",
        path: `/api/merchants/${accountId}/pages`,
        body: { pages: [page] },
      });
      const added = result.data.pages.map(fromApi);
      setPages((all) => [...all.filter((p) => !added.some((a) => a.pageId === p.pageId)), ...added].sort(bySurface));
      toast.success(`${surfaceLabel(page.surface)} page added (${page.layout_type}).`, {
        link: operationLink(result.operationId),
      });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      const exists = err instanceof ApiError && err.status === 409 && /already exists/i.test(err.message);
      const message = exists
        ? `This merchant already has a ${surfaceLabel(page.surface)} page: nothing was added. The console had not learnt of it yet.`
        : describeWriteError(err);
      setAddError({ message, surface: err instanceof ApiError ? (err.fields["pages.0.surface"] ?? null) : null });
      toast.error(`The surface was not added. ${message}`);
    } finally {
      setAdding(false);
    }
  }

  async function switchLayout(page: PageRow) {
    const to = otherLayoutType(page.layoutType);
    setSwitching((s) => new Set(s).add(page.pageId));
    try {
      const result = await send<SwitchLayoutResponse>({
        method: "PUT",
        path: `/api/merchants/${accountId}/pages/${page.pageId}`,
        body: { layout_type: to },
      });
      const updated = fromApi(result.data);
      setPages((all) => all.map((p) => (p.pageId === updated.pageId ? updated : p)));
      toast.success(`${surfaceLabel(updated.surface)} page switched to ${updated.layoutType}.`, {
        link: operationLink(result.operationId),
      });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      toast.error(`The ${surfaceLabel(page.surface)} page was not switched. ${describeWriteError(err)}`);
    } finally {
      setSwitching((s) => {
        const next = new Set(s);
        next.delete(page.pageId);
        return next;
      });
    }
  }

  return (
    <div className="space-y-6">
      <section aria-labelledby="pages-heading" className="space-y-3">
        <h2 id="pages-heading" className="text-base font-semibold">
          Pages
        </h2>
        {pages.length === 0 ? (
          <EmptyState title="The console knows no pages for this merchant">
            The API has no read for pages: the console learns them from the answers to register and add-surface
            requests, and from the layout import. Add a surface below; if the merchant already has it, the API says so.
          </EmptyState>
        ) : (
          <PagesTable pages={pages} busy={switching} onSwitch={switchLayout} />
        )}
      </section>
      <section
        aria-labelledby="add-surface-heading"
        className="space-y-3 rounded-card border border-border bg-surface p-5"
      >
        <h2 id="add-surface-heading" className="text-base font-semibold">
          Add a surface
        </h2>
        {addError ? (
          <p role="alert" className="rounded-md border border-danger p-3 text-sm text-danger">
            {addError.message}
          </p>
        ) : null}
        <AddSurfaceForm missing={missing} pending={adding} error={addError?.surface ?? null} onAdd={add} />
      </section>
    </div>
  );
}
