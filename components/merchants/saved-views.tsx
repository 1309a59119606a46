"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { describeWriteError, useIntentWrite } from "@/components/forms/use-intent-write";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/api";
import type { SavedView } from "@/lib/merchants/query";

/** Named links to list views (the URL's query), per user, kept on the server. */

const VIEWS_KEY = ["views", "merchants"] as const;

export function SavedViews({ currentQuery }: { currentQuery: string }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const { send, pending } = useIntentWrite();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const views = useQuery({
    queryKey: VIEWS_KEY,
    queryFn: async ({ signal }) =>
      (await apiFetch<{ data: { views: SavedView[] } }>("/api/views", { signal })).data.data.views,
  });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError("Give the view a name.");
      return;
    }
    setError(null);
    try {
      await send({ method: "POST", path: "/api/views", body: { name: trimmed, query: currentQuery } });
      setName("");
      toast.success(`Saved the view “${trimmed}”.`);
      await queryClient.invalidateQueries({ queryKey: VIEWS_KEY });
    } catch (err) {
      setError(describeWriteError(err));
    }
  };

  const remove = async (view: SavedView) => {
    try {
      await send({ method: "DELETE", path: `/api/views/${encodeURIComponent(view.id)}` });
      toast.success(`Deleted the view “${view.name}”.`);
      await queryClient.invalidateQueries({ queryKey: VIEWS_KEY });
    } catch (err) {
      toast.error(describeWriteError(err));
    }
  };

  const list = views.data ?? [];
  return (
    <section aria-labelledby="saved-views-heading" className="rounded-card border border-border bg-surface p-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0 flex-1">
          <h2 id="saved-views-heading" className="text-sm font-semibold text-fg">
            Saved views
          </h2>
          {views.isError ? (
            <p className="mt-1 text-sm text-danger">The saved views could not be loaded.</p>
          ) : list.length === 0 ? (
            <p className="mt-1 text-sm text-fg-muted">
              {views.isPending ? "Loading…" : "None yet: name the current search and filters to keep them."}
            </p>
          ) : (
            <ul className="mt-1 flex flex-wrap gap-2">
              {list.map((v) => (
                <li key={v.id} className="inline-flex items-center rounded-full border border-border text-sm">
                  <Link
                    href={v.query ? `/merchants?${v.query}` : "/merchants"}
                    className="py-0.5 pl-3 pr-1 text-accent underline-offset-2 hover:underline"
                    aria-current={v.query === currentQuery ? "true" : undefined}
                  >
                    {v.name}
                  </Link>
                  <button
                    type="button"
                    onClick={() => remove(v)}
                    disabled={pending}
                    aria-label={`Delete view ${v.name}`}
                    className="rounded-full px-2 py-0.5 text-fg-muted hover:text-danger"
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <form onSubmit={save} className="flex items-end gap-2" aria-label="Save this view">
          <Input
            label="View name"
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            error={error}
            className="w-56"
          />
          <Button type="submit" variant="secondary" size="md" disabled={pending}>
            Save view
          </Button>
        </form>
      </div>
    </section>
  );
}
