"use client";

import { useId, useState } from "react";
import { type DomainLineError, pairKey, parseDomainLines, UNMAPPED_MESSAGE } from "@/lib/controls";
import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";
import { type TemplateBody, templateBody } from "@/lib/settings/templates";
import { DomainsEditor } from "../controls/domains-editor";
import { VerticalPicker } from "../controls/vertical-picker";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { controlClasses } from "../ui/input";

export interface TemplateEditorProps {
  heading: string;
  initial: TemplateBody;
  taxonomy: readonly TaxonomyVertical[];
  pending: boolean;
  /** Field errors from the server (e.g. a name already taken), by field. */
  serverErrors?: Record<string, string>;
  onSave: (body: TemplateBody) => void;
  onCancel: () => void;
}

/**
 * A template's name and its controls, with the merchant page's own picker and
 * domains editor (same names, same checks). What was typed stays on an error.
 */
export function TemplateEditor(props: TemplateEditorProps) {
  const id = useId();
  const [values, setValues] = useState<TemplateBody>(props.initial);
  const [nameError, setNameError] = useState<string | null>(null);
  const [lineErrors, setLineErrors] = useState<DomainLineError[]>([]);
  const [formError, setFormError] = useState<string | null>(null);

  const pairErrors: Record<string, string> = {};
  for (const v of props.taxonomy)
    for (const s of v.subVerticals)
      if (!s.mapped) {
        const k = pairKey({ partnerVerticalId: v.id, partnerSubVerticalId: s.id });
        if (values.blocked.some((p) => pairKey(p) === k)) pairErrors[k] = UNMAPPED_MESSAGE;
      }

  const save = () => {
    const parsed = templateBody.safeParse(values);
    setLineErrors(parseDomainLines(values.domainsText).errors);
    if (!parsed.success) {
      const byField = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
      setNameError(byField.name ?? null);
      setFormError(byField.blocked ?? byField.domainsText ?? null);
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('[data-template-editor] [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setNameError(null);
    setFormError(null);
    props.onSave(parsed.data);
  };
  const shownNameError = nameError ?? props.serverErrors?.name ?? null;

  return (
    <section
      aria-labelledby={`${id}-heading`}
      data-template-editor
      className="space-y-4 rounded-card border border-border bg-surface p-4"
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold text-fg">
        {props.heading}
      </h2>
      <div className="space-y-1">
        <label htmlFor={`${id}-name`} className="block text-sm font-medium text-fg">
          Template name
        </label>
        <input
          id={`${id}-name`}
          value={values.name}
          onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
          aria-invalid={shownNameError ? true : undefined}
          aria-describedby={shownNameError ? `${id}-name-error` : undefined}
          className={cn(controlClasses, "h-10 w-72")}
        />
        {shownNameError ? (
          <p id={`${id}-name-error`} className="text-sm text-danger">
            {shownNameError}
          </p>
        ) : null}
      </div>
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <VerticalPicker
          taxonomy={props.taxonomy}
          value={values.blocked}
          errors={pairErrors}
          onChange={(blocked) => setValues((v) => ({ ...v, blocked }))}
        />
        <DomainsEditor
          value={values.domainsText}
          errors={lineErrors}
          onChange={(domainsText) => {
            setValues((v) => ({ ...v, domainsText }));
            if (lineErrors.length > 0) setLineErrors(parseDomainLines(domainsText).errors);
          }}
          onBlur={() => setLineErrors(parseDomainLines(values.domainsText).errors)}
        />
      </div>
      <p role="status" className="min-h-5 text-sm text-danger">
        {formError ?? props.serverErrors?.form ?? ""}
      </p>
      <div className="flex gap-3">
        <Button onClick={save} disabled={props.pending}>
          {props.pending ? "Saving…" : "Save template"}
        </Button>
        <Button variant="secondary" onClick={props.onCancel} disabled={props.pending}>
          Cancel
        </Button>
      </div>
    </section>
  );
}
