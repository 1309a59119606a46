"use client";

import { useEffect, useId, useState } from "react";
import { ApiError, apiFetch, mintIdempotencyKey } from "@/lib/api";
import { type DomainLineError, pairKey, parseDomainLines, UNMAPPED_MESSAGE } from "@/lib/controls";
import type { FieldErrors } from "@/lib/onboarding/draft";
import { DomainsEditor } from "../controls/domains-editor";
import { VerticalPicker } from "../controls/vertical-picker";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { controlClasses } from "../ui/input";
import { useToast } from "../ui/toast";
import { StepNav } from "./step-nav";
import { useWizard } from "./wizard-context";

interface Template {
  id: string;
  name: string;
  blocked: { partnerVerticalId: number; partnerSubVerticalId: number }[];
  domainsText: string;
}

/**
 * Step 3: the merchant's marketplace controls, with the merchant page's own
 * vertical picker and domain editor. It starts empty or from a template (a
 * saved set of blocks the partner reuses), and can save the current blocks as
 * one.
 */
export function ControlsStep() {
  const { data, taxonomy, update } = useWizard();
  const toast = useToast();
  const templateId = useId();
  const [lineErrors, setLineErrors] = useState<DomainLineError[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [chosen, setChosen] = useState("");
  const [templateName, setTemplateName] = useState("");
  const [templateMessage, setTemplateMessage] = useState<string | null>(null);

  useEffect(() => {
    apiFetch<{ data: { templates: Template[] } }>("/api/onboarding/templates")
      .then((res) => setTemplates(res.data.data.templates))
      .catch(() => setTemplates([]));
  }, []);

  // Unmapped pairs are allowed in the picker (the API is the authority) but said next to the pair.
  const pairErrors: Record<string, string> = {};
  for (const v of taxonomy)
    for (const s of v.subVerticals)
      if (!s.mapped) {
        const k = pairKey({ partnerVerticalId: v.id, partnerSubVerticalId: s.id });
        if (data.controls.blocked.some((p) => pairKey(p) === k)) pairErrors[k] = UNMAPPED_MESSAGE;
      }

  const checkDomains = (text = data.controls.domainsText) => {
    const { errors } = parseDomainLines(text);
    setLineErrors(errors);
    return errors;
  };
  const showErrors = (errors: FieldErrors) => {
    setFormError(Object.values(errors)[0] ?? null);
    checkDomains();
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-controls] [aria-invalid="true"]')?.focus());
  };

  const apply = () => {
    const t = templates?.find((x) => x.id === chosen);
    if (!t) return;
    update((d) => ({ ...d, controls: { blocked: t.blocked, domainsText: t.domainsText, templateId: t.id } }));
    checkDomains(t.domainsText);
    toast.success(`Started from the template “${t.name}”.`);
  };
  const saveTemplate = async () => {
    setTemplateMessage(null);
    try {
      const res = await apiFetch<{ data: Template }>("/api/onboarding/templates", {
        method: "POST",
        body: { name: templateName, blocked: data.controls.blocked, domainsText: data.controls.domainsText },
        idempotencyKey: mintIdempotencyKey(),
      });
      const saved = res.data.data;
      setTemplates((list) =>
        [...(list ?? []).filter((x) => x.name !== saved.name), saved].sort((a, b) => a.name.localeCompare(b.name)),
      );
      setTemplateMessage(`Saved as “${saved.name}”.`);
    } catch (error) {
      setTemplateMessage(
        error instanceof ApiError ? (Object.values(error.fields)[0] ?? error.message) : "The template was not saved.",
      );
    }
  };

  return (
    <div data-controls className="space-y-6">
      <div>
        <h2 className="text-lg font-semibold text-fg">Marketplace controls</h2>
        <p className="text-sm text-fg-muted">
          Block the verticals and domains this merchant must never show. Leave it empty to block nothing.
        </p>
      </div>
      <section
        aria-label="Templates"
        className="flex flex-wrap items-end gap-3 rounded-card border border-border bg-surface p-4"
      >
        <div className="space-y-1">
          <label htmlFor={templateId} className="block text-sm font-medium text-fg">
            Start from a template
          </label>
          <select
            id={templateId}
            value={chosen}
            onChange={(e) => setChosen(e.target.value)}
            className={cn(controlClasses, "h-9 w-64")}
          >
            <option value="">
              {templates === null
                ? "Loading templates…"
                : templates.length === 0
                  ? "No templates yet"
                  : "Choose a template"}
            </option>
            {templates?.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.blocked.length} verticals)
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary" size="sm" onClick={apply} disabled={!chosen}>
          Use template
        </Button>
        <div className="space-y-1">
          <label htmlFor={`${templateId}-name`} className="block text-sm font-medium text-fg">
            Template name
          </label>
          <input
            id={`${templateId}-name`}
            value={templateName}
            onChange={(e) => setTemplateName(e.target.value)}
            className={cn(controlClasses, "h-9 w-56")}
          />
        </div>
        <Button variant="secondary" size="sm" onClick={saveTemplate} disabled={templateName.trim() === ""}>
          Save as template
        </Button>
        <p role="status" className="min-h-5 w-full text-sm text-fg-muted">
          {templateMessage ?? ""}
        </p>
      </section>
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <VerticalPicker
          taxonomy={taxonomy}
          value={data.controls.blocked}
          errors={pairErrors}
          onChange={(blocked) => update((d) => ({ ...d, controls: { ...d.controls, blocked } }))}
        />
        <DomainsEditor
          value={data.controls.domainsText}
          errors={lineErrors}
          onChange={(domainsText) => {
            update((d) => ({ ...d, controls: { ...d.controls, domainsText } }));
            if (lineErrors.length > 0) checkDomains(domainsText);
          }}
          onBlur={() => checkDomains()}
        />
      </div>
      <p role="status" className="min-h-5 text-sm text-danger">
        {formError ?? ""}
      </p>
      <StepNav step="controls" onInvalid={showErrors} />
    </div>
  );
}
