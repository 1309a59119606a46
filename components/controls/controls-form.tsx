"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useRef, useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { ErrorSummary } from "@/components/forms/error-summary";
import { operationLink, useIntentWrite } from "@/components/forms/use-intent-write";
import { useUnsavedChanges } from "@/components/forms/use-unsaved-changes";
import {
  applyChanges,
  type ControlsFormValues,
  controlsFormSchema,
  diffControls,
  domainsToText,
  isEmptyDiff,
  looseDomains,
  stateFromControls,
} from "@/lib/controls";
import type { Controls } from "@/lib/partnerships/controls";
import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";
import { Button } from "../ui/button";
import { useToast } from "../ui/toast";
import { BlockedChips } from "./blocked-chips";
import { ConflictBanner } from "./conflict-banner";
import { dropControlsDraft, keepControlsDraft, readControlsDraft } from "./controls-draft";
import { placeFormErrors } from "./controls-errors";
import { ControlsNotices } from "./controls-notices";
import { buildBody, signatureOf, type WriteFailure, writeFailure } from "./controls-write";
import { DomainsEditor } from "./domains-editor";
import { PreviewPanel, type PreviewResult } from "./preview-panel";
import { VerticalPicker } from "./vertical-picker";

export interface ControlsFormProps {
  accountId: string;
  taxonomy: TaxonomyVertical[];
  initial: Controls;
  /** "deleting" / "deleted" lock the form: the API refuses every write (409). */
  accountStatus: string | null;
  path: string;
  reread: () => Promise<Controls>;
  remember: (c: Controls) => void;
  refreshStatus: () => void;
}

const valuesFrom = (c: Controls): ControlsFormValues => {
  const s = stateFromControls(c);
  return { blocked: s.pairs, domainsText: domainsToText(s.domains) };
};

/** Edit locally, preview with a dry run, save the full list with the contentHash (GET-modify-PUT). */
export function ControlsForm(props: ControlsFormProps) {
  const { accountId, taxonomy, initial, accountStatus, path } = props;
  const toast = useToast();
  const headingId = useId();
  const saveRef = useRef<HTMLButtonElement>(null);
  // A draft kept when the session expired mid-save: restored once, with the save's key.
  const [restored] = useState(() => readControlsDraft(accountId));
  // Taken out of storage once it is on screen (not in the initializer, which React may run twice).
  useEffect(() => {
    if (restored) dropControlsDraft(accountId);
  }, [restored, accountId]);
  const [base, setBase] = useState<Controls>(restored?.draft.base ?? initial);
  const [resendKey, setResendKey] = useState(() =>
    restored?.intentKey
      ? { key: restored.intentKey, signature: signatureOf(buildBody(restored.draft.values, restored.draft.base)) }
      : null,
  );
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [conflict, setConflict] = useState<Controls | null>(null);
  const [failure, setFailure] = useState<WriteFailure | null>(null);
  const form = useForm<ControlsFormValues>({
    resolver: zodResolver(controlsFormSchema),
    defaultValues: restored?.draft.values ?? valuesFrom(initial),
  });
  const blocked = useWatch({ control: form.control, name: "blocked" });
  const domainsText = useWatch({ control: form.control, name: "domainsText" });

  const baseRef = useRef(base);
  baseRef.current = base;
  const keep = (key?: string) => keepControlsDraft(accountId, { values: form.getValues(), base: baseRef.current }, key);
  const saver = useIntentWrite({ onSessionExpired: (key) => keep(key) });
  // A dry run's key is never the live call's: the draft keeps no key for it.
  const previewer = useIntentWrite({ onSessionExpired: () => keep() });

  const baseState = stateFromControls(base);
  const dirty = !isEmptyDiff(diffControls(baseState, { pairs: blocked, domains: looseDomains(domainsText) }));
  const busy = saver.pending || previewer.pending || form.formState.isSubmitting;
  useUnsavedChanges(dirty && !busy);
  const locked = accountStatus === "deleting" || accountStatus === "deleted";

  const accept = (next: Controls) => {
    setBase(next);
    props.remember(next);
    form.reset(valuesFrom(next));
    setPreview(null);
    setFailure(null);
  };

  const fail = async (error: unknown, body: ReturnType<typeof buildBody>) => {
    const f = writeFailure(error, body, form.getValues("domainsText"));
    if (f.kind === "stale") {
      try {
        setConflict(await props.reread());
        setFailure(null);
        return;
      } catch {
        f.kind = "other";
        f.message = "Someone else changed these controls and the new version could not be read. Reload the page.";
      }
    }
    if (f.kind === "locked") props.refreshStatus();
    if (f.kind === "other") toast.error(f.message ?? "The change could not be sent.");
    setFailure(f);
  };

  const onPreview = form.handleSubmit(async (values) => {
    setFailure(null);
    const body = buildBody(values, base);
    try {
      const res = await previewer.send<Controls>({ method: "PUT", path, body, dryRun: true });
      setPreview({
        signature: signatureOf(body),
        diff: diffControls(baseState, stateFromControls(res.data)),
        operationId: res.operationId,
      });
    } catch (error) {
      await fail(error, body);
    }
  });

  const onSave = form.handleSubmit(async (values) => {
    setFailure(null);
    const body = buildBody(values, base);
    const signature = signatureOf(body);
    const intentKey = resendKey?.signature === signature ? resendKey.key : undefined;
    try {
      const res = await saver.send<Controls>({ method: "PUT", path, body, intentKey });
      setResendKey(null);
      dropControlsDraft(accountId);
      accept(res.data);
      toast.success(res.replayed ? "Controls saved (this save had already gone through)." : "Controls saved.", {
        link: operationLink(res.operationId),
      });
    } catch (error) {
      await fail(error, body);
    }
  });

  const reapply = () => {
    if (!conflict) return;
    const current = form.getValues();
    const mine = diffControls(baseState, { pairs: current.blocked, domains: looseDomains(current.domainsText) });
    const merged = applyChanges(stateFromControls(conflict), mine);
    setBase(conflict);
    props.remember(conflict);
    form.reset({ blocked: merged.pairs, domainsText: domainsToText(merged.domains) });
    setConflict(null);
    setPreview(null);
    setFailure(null);
    requestAnimationFrame(() => saveRef.current?.focus());
  };
  const discard = () => {
    if (!conflict) return;
    accept(conflict);
    setConflict(null);
    dropControlsDraft(accountId);
  };

  const placed = placeFormErrors({
    failure,
    formErrors: form.formState.errors,
    values: { blocked, domainsText },
  });

  return (
    <form onSubmit={onSave} noValidate aria-labelledby={headingId} className="space-y-4">
      <div className="space-y-1">
        <h2 id={headingId} className="text-lg font-semibold text-fg">
          Marketplace controls
        </h2>
        <p className="max-w-prose text-sm text-fg-muted">
          Block ad verticals and domains for this merchant. Saving replaces the whole list with what you see here.
        </p>
      </div>
      <ControlsNotices restored={restored !== null} accountStatus={accountStatus} locked={locked} failure={failure} />
      {conflict ? (
        <ConflictBanner
          theirChanges={diffControls(baseState, stateFromControls(conflict))}
          taxonomy={taxonomy}
          onReapply={reapply}
          onDiscard={discard}
        />
      ) : null}
      <ErrorSummary title="Some changes could not be saved" errors={placed.summary} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Controller
          control={form.control}
          name="blocked"
          render={({ field }) => (
            <VerticalPicker
              taxonomy={taxonomy}
              value={field.value}
              onChange={field.onChange}
              errors={placed.pairs}
              disabled={busy}
            />
          )}
        />
        {/* Stays in view beside the long tree, so Save and the preview are never a scroll away. */}
        <div className="space-y-5 lg:sticky lg:top-4 lg:self-start">
          <section aria-labelledby={`${headingId}-blocked`} className="space-y-2">
            <h3 id={`${headingId}-blocked`} className="text-sm font-medium text-fg">
              Blocked sub-verticals ({blocked.length})
            </h3>
            <Controller
              control={form.control}
              name="blocked"
              render={({ field }) => (
                <BlockedChips
                  taxonomy={taxonomy}
                  value={field.value}
                  onChange={field.onChange}
                  errors={placed.pairs}
                  disabled={busy}
                />
              )}
            />
          </section>
          <Controller
            control={form.control}
            name="domainsText"
            render={({ field }) => (
              <DomainsEditor
                ref={field.ref}
                name={field.name}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                errors={placed.lines}
                disabled={busy}
              />
            )}
          />
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="secondary" onClick={onPreview} disabled={busy || locked || !dirty}>
              Preview changes
            </Button>
            <Button ref={saveRef} type="submit" disabled={busy || locked || !dirty}>
              Save controls
            </Button>
            <p role="status" className="min-h-5 text-sm text-fg-muted">
              {saver.pending
                ? "Saving controls…"
                : previewer.pending
                  ? "Checking the changes (dry run)…"
                  : dirty
                    ? "Unsaved changes."
                    : "No unsaved changes."}
            </p>
          </div>
          {preview ? (
            <PreviewPanel
              preview={preview}
              taxonomy={taxonomy}
              current={signatureOf(buildBody({ blocked, domainsText }, base))}
            />
          ) : null}
        </div>
      </div>
    </form>
  );
}
