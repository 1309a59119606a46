"use client";

import { useState } from "react";
import { describeWriteError, useIntentWrite } from "@/components/forms/use-intent-write";
import { ApiError } from "@/lib/api";
import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";
import type { TemplateBody, TemplateView } from "@/lib/settings/templates";
import { Button } from "../ui/button";
import { Table, Td, Th } from "../ui/table";
import { useToast } from "../ui/toast";
import { TemplateEditor } from "./template-editor";

const EMPTY: TemplateBody = { name: "", blocked: [], domainsText: "" };

function usesText(t: TemplateView): string {
  const drafts = t.uses.byKind.onboarding_drafts ?? 0;
  const jobs = t.uses.byKind.bulk_jobs ?? 0;
  const other = t.uses.total - drafts - jobs;
  const parts: string[] = [];
  if (drafts > 0 || jobs === 0) parts.push(`${drafts} onboarding ${drafts === 1 ? "draft" : "drafts"}`);
  if (jobs > 0) parts.push(`${jobs} bulk ${jobs === 1 ? "job" : "jobs"}`);
  if (other > 0) parts.push(`${other} other`);
  return t.uses.total === 0 ? "Not used" : parts.join(", ");
}

/** Settings → Templates: list, create, rename and edit (the merchant page's picker), delete with its uses shown. */
export function TemplatesManager({
  initial,
  taxonomy,
}: {
  initial: TemplateView[];
  taxonomy: readonly TaxonomyVertical[];
}) {
  const toast = useToast();
  const { send, pending } = useIntentWrite();
  const [templates, setTemplates] = useState(initial);
  const [editing, setEditing] = useState<{ id: string | null; values: TemplateBody } | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState<TemplateView | null>(null);

  const sorted = (list: TemplateView[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));

  const save = async (body: TemplateBody) => {
    if (!editing) return;
    setServerErrors({});
    try {
      const res = await send<TemplateView>(
        editing.id
          ? { method: "PUT", path: `/api/settings/templates/${editing.id}`, body }
          : { method: "POST", path: "/api/settings/templates", body },
      );
      setTemplates((list) => sorted([...list.filter((t) => t.id !== res.data.id), res.data]));
      setEditing(null);
      toast.success(`Saved the template “${res.data.name}”.`);
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields : {};
      setServerErrors({ ...fields, form: describeWriteError(err) });
    }
  };

  const remove = async (t: TemplateView) => {
    try {
      await send({ method: "DELETE", path: `/api/settings/templates/${t.id}` });
      setTemplates((list) => list.filter((x) => x.id !== t.id));
      setConfirming(null);
      toast.success(`Deleted the template “${t.name}”.`);
    } catch (err) {
      toast.error(describeWriteError(err));
    }
  };

  return (
    <div className="space-y-6">
      <div>
        <Button
          onClick={() => {
            setServerErrors({});
            setEditing({ id: null, values: EMPTY });
          }}
          disabled={editing !== null}
        >
          New template
        </Button>
      </div>
      {editing ? (
        <TemplateEditor
          key={editing.id ?? "new"}
          heading={editing.id ? `Edit “${editing.values.name}”` : "New template"}
          initial={editing.values}
          taxonomy={taxonomy}
          pending={pending}
          serverErrors={serverErrors}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {templates.length === 0 ? (
        <p className="rounded-card border border-dashed border-border p-4 text-sm text-fg-muted">
          No templates yet. Create one with “New template”, or save one from the onboarding wizard&apos;s Controls step.
        </p>
      ) : (
        <Table caption="Controls templates">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Blocked sub-verticals</Th>
              <Th>Blocked domains</Th>
              <Th>Used by</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {templates.map((t) => (
              <tr key={t.id}>
                <Td className="font-medium">{t.name}</Td>
                <Td className="tabular-nums">{t.blocked.length}</Td>
                <Td className="tabular-nums">{t.domainsText.split(/\r?\n/).filter((l) => l.trim() !== "").length}</Td>
                <Td>{usesText(t)}</Td>
                <Td>
                  <div className="flex flex-wrap gap-2">
                    <Button
                      size="sm"
                      variant="secondary"
                      disabled={editing !== null}
                      onClick={() => {
                        setServerErrors({});
                        setEditing({
                          id: t.id,
                          values: { name: t.name, blocked: t.blocked, domainsText: t.domainsText },
                        });
                      }}
                    >
                      Edit {t.name}
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => setConfirming(t)}>
                      Delete {t.name}
                    </Button>
                  </div>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {confirming ? (
        <section
          aria-label={`Delete ${confirming.name}`}
          className="space-y-3 rounded-card border border-danger bg-surface p-4"
        >
          <p className="text-sm text-fg">
            Delete the template “{confirming.name}”? It is used in {confirming.uses.total}{" "}
            {confirming.uses.total === 1 ? "place" : "places"} ({usesText(confirming)}). Drafts that started from it
            keep their controls; they just no longer point at a template.
          </p>
          <div className="flex gap-3">
            <Button variant="danger" onClick={() => remove(confirming)} disabled={pending}>
              Delete template
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(null)}>
              Keep it
            </Button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
