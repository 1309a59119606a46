"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { ErrorSummary } from "@/components/forms/error-summary";
import { describeWriteError, operationLink, useIntentWrite } from "@/components/forms/use-intent-write";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/api";
import type { LayoutType, Surface } from "@/lib/partnerships/formats";
import { THEME_TOKENS, type Theme, type ThemeToken } from "@/lib/partnerships/pages";
import { splitThemeErrors } from "@/lib/theme/errors";
import { layoutLabel } from "@/lib/theme/labels";
import {
  baselineTheme,
  isThemeChanged,
  type KnownTheme,
  previewTheme,
  sparseThemePatch,
  type ThemeDraft,
  themeAfterPatch,
  themeForm,
} from "@/lib/theme/patch";
import { PlacementPreview } from "./placement-preview";
import { type ThemeFieldErrors, ThemeFields } from "./theme-fields";
import { useThemeDraft } from "./use-theme-draft";

export interface LayoutThemeFormProps {
  accountId: string;
  layoutId: string;
  surface: Surface;
  layoutType: LayoutType;
  /** The tokens the console has seen for this layout (empty: theme not known yet). */
  known: KnownTheme;
  /** Set when the account cannot be changed (deleting or deleted): the form is read-only and says why. */
  disabledReason?: string | null;
  onSaved: (layoutId: string, theme: KnownTheme) => void;
  /**
   * Told whether this layout has unsaved changes (false while its save is being sent), so the
   * screen asks once before leaving however many layouts are edited.
   */
  onDirtyChange: (layoutId: string, dirty: boolean) => void;
}

/**
 * One layout's theme: the five tokens, the live preview, "Reset to saved" and
 * "Save theme", which sends only the changed tokens as one intent (one
 * Idempotency-Key, reused on retries and after signing in again).
 */
export function LayoutThemeForm(props: LayoutThemeFormProps) {
  const { accountId, layoutId, surface, layoutType, known, disabledReason, onSaved, onDirtyChange } = props;
  const label = layoutLabel(surface, layoutType);
  const headingId = useId();
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  // The saved theme: from the section's knowledge, and from this form's own save answers right away.
  const [saved, setSaved] = useState(known);
  useEffect(() => setSaved(known), [known]);
  const baseline = useMemo(() => baselineTheme(saved), [saved]);
  const knownCount = Object.keys(saved).length;

  const form = useForm<ThemeDraft, unknown, Theme>({
    resolver: zodResolver(themeForm),
    defaultValues: baseline,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const values = useWatch({ control: form.control }) as ThemeDraft;
  const { errors, isSubmitted } = form.formState;
  const [summary, setSummary] = useState<{ field: string; message: string }[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const pendingPatch = useRef<Partial<Theme>>({});

  const draft = useThemeDraft(`theme:${accountId}:${layoutId}`, (restored) => {
    for (const token of THEME_TOKENS) form.setValue(token, restored[token]);
  });
  const { send, pending } = useIntentWrite({
    onSessionExpired: (key) => draft.keep(form.getValues(), pendingPatch.current, key),
  });

  const dirty = isThemeChanged(baseline, values);
  const unsaved = dirty && !pending;
  useEffect(() => onDirtyChange(layoutId, unsaved), [onDirtyChange, layoutId, unsaved]);
  useEffect(() => () => onDirtyChange(layoutId, false), [onDirtyChange, layoutId]);

  // A saved theme that changes underneath an untouched form (another tab's save, a refetch) is adopted.
  useEffect(() => {
    if (!isThemeChanged(baseline, form.getValues())) form.reset(baseline);
  }, [baseline, form]);

  const fieldErrors: ThemeFieldErrors = {};
  for (const token of THEME_TOKENS) {
    const message = errors[token]?.message;
    if (message) fieldErrors[token] = message;
  }

  const change = <K extends ThemeToken>(token: K, next: ThemeDraft[K]) => {
    // RHF's path types do not narrow a generic token; `next` is the token's own type.
    form.setValue(token, next as never, { shouldValidate: isSubmitted || Boolean(errors[token]) });
    setNotice(null);
  };
  const blur = (token: ThemeToken) => {
    if (sparseThemePatch(baseline, form.getValues())[token] !== undefined) void form.trigger(token);
  };

  // Focus moves once the messages are on screen: after the render that shows them, not before.
  const [focusRequest, setFocusRequest] = useState(0);
  const focusFirstInvalid = () => setFocusRequest((n) => n + 1);
  useEffect(() => {
    if (focusRequest > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const save = async (valid: Theme) => {
    if (pending) return;
    setProblem(null);
    setSummary([]);
    const patch = sparseThemePatch(baseline, valid);
    if (Object.keys(patch).length === 0) {
      setNotice("Nothing to save: no token differs from the saved theme.");
      return;
    }
    pendingPatch.current = patch;
    try {
      const result = await send<unknown>({
        method: "PATCH",
        path: `/api/merchants/${encodeURIComponent(accountId)}/layouts/${encodeURIComponent(layoutId)}`,
        body: patch,
        intentKey: draft.keyFor(patch),
      });
      const next = themeAfterPatch(saved, patch, result.data);
      draft.discard();
      // Edits made while the request was out stay, now measured against the new saved theme.
      const editedMeanwhile = isThemeChanged(baselineTheme({ ...saved, ...patch }), form.getValues());
      form.reset(baselineTheme(next), { keepValues: editedMeanwhile });
      setSaved(next);
      onSaved(layoutId, next);
      toast.success(`Theme saved for ${label}.`, { link: operationLink(result.operationId) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return; // on the way to sign-in, draft kept
      const split = error instanceof ApiError ? splitThemeErrors(error) : { fields: {}, other: [] };
      for (const [token, message] of Object.entries(split.fields)) {
        form.setError(token as ThemeToken, { type: "server", message });
      }
      setSummary(split.other);
      const message = describeWriteError(error);
      if (error instanceof ApiError && error.status === 403) {
        setProblem(`Not allowed: this theme cannot be changed by you. ${message}`);
      } else if (Object.keys(split.fields).length === 0) {
        setProblem(message);
      }
      if (Object.keys(split.fields).length > 0) focusFirstInvalid();
      toast.error(`The theme for ${label} was not saved: ${message}`);
    }
  };

  const reset = () => {
    form.reset(baseline);
    draft.discard();
    setProblem(null);
    setSummary([]);
    setNotice(null);
  };

  const preview = previewTheme(values, baseline);
  const formDisabled = Boolean(disabledReason);

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={form.handleSubmit(save, focusFirstInvalid)}
      className="rounded-card border border-border bg-surface p-5 shadow-sm"
    >
      <fieldset disabled={formDisabled} aria-busy={pending} className="min-w-0">
        <legend id={headingId} className="mb-3">
          <h3 className="text-base font-semibold text-fg">{label}</h3>
        </legend>
        <ThemeStatusNotes knownCount={knownCount} restored={draft.restored} disabledReason={disabledReason} />
        <ErrorSummary title="The theme was not saved" errors={summary} />
        <div className="grid gap-6 lg:grid-cols-2">
          <ThemeFields
            value={values}
            onChange={change}
            onBlur={blur}
            errors={fieldErrors}
            disabled={formDisabled}
            scope={layoutId}
          />
          <PlacementPreview layoutType={layoutType} theme={preview} scope={layoutId} />
        </div>
        {problem ? (
          <p role="alert" className="mt-4 rounded-md border border-danger px-3 py-2 text-sm text-danger">
            {problem}
          </p>
        ) : null}
        <div className="mt-4 flex flex-wrap items-center gap-3">
          {/* aria-disabled while sending: a disabled button would drop keyboard focus. */}
          <Button type="submit" disabled={formDisabled} aria-disabled={pending || undefined}>
            Save theme
          </Button>
          <Button type="button" variant="secondary" onClick={reset} disabled={formDisabled || pending || !dirty}>
            Reset to saved
          </Button>
          <span role="status" className="text-sm text-fg-muted">
            {pending ? "Saving…" : (notice ?? (dirty ? "Unsaved changes" : ""))}
          </span>
        </div>
      </fieldset>
    </form>
  );
}

function ThemeStatusNotes({
  knownCount,
  restored,
  disabledReason,
}: {
  knownCount: number;
  restored: boolean;
  disabledReason?: string | null;
}) {
  return (
    <div className="mb-4 space-y-2 text-sm">
      {disabledReason ? <p className="rounded-md border border-border px-3 py-2 text-fg">{disabledReason}</p> : null}
      {knownCount === 0 ? (
        <p className="text-fg-muted">
          Theme not known to the console yet; only the tokens you change will be sent. The preview starts from the
          default theme.
        </p>
      ) : knownCount < THEME_TOKENS.length ? (
        <p className="text-fg-muted">
          Part of this theme is not known to the console yet; the preview shows defaults for those tokens, and only the
          tokens you change will be sent.
        </p>
      ) : null}
      {restored ? (
        <p className="rounded-md border border-accent px-3 py-2 text-fg">
          Your unsaved changes were restored after signing in again. Save theme to send them.
        </p>
      ) : null}
    </div>
  );
}
