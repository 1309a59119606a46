"use client";

import { useCallback, useRef, useState } from "react";
import { ApiError, apiFetch, mintIdempotencyKey } from "@/lib/api";
import { retryDelayMs, shouldRetry } from "@/lib/api/retry";

/**
 * One write intent at a time, the console's way (README "One write, end to end"):
 * the Idempotency-Key is minted when the person asks for the change and reused
 * on every retry of that same request (network error, 409 still running, 429,
 * unknown outcome), with backoff and jitter; a changed request is a new intent
 * with a new key. An expired session keeps the draft (through `onSessionExpired`)
 * and comes back to this page after sign-in; a 403 never signs anyone out.
 */
export interface WriteRequest {
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  body?: unknown;
  dryRun?: boolean;
  /** Resend an intent restored from a draft with its original key. */
  intentKey?: string;
}

export interface WriteResult<T> {
  data: T;
  operationId: string | null;
  requestId: string | null;
  dryRun: boolean;
  replayed: boolean;
}

interface ServerAnswer<T> {
  data: T;
  operationId?: string | null;
  requestId?: string | null;
  dryRun?: boolean;
}

export interface UseIntentWriteOptions {
  /** Called with the intent's key just before the browser leaves for sign-in: save the draft here. */
  onSessionExpired?: (intentKey: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function signatureOf(req: WriteRequest): string {
  return JSON.stringify([req.method, req.path, req.dryRun === true, req.body ?? null]);
}

export function useIntentWrite(options: UseIntentWriteOptions = {}) {
  const keys = useRef(new Map<string, string>());
  const [pending, setPending] = useState(false);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const send = useCallback(async <T>(req: WriteRequest): Promise<WriteResult<T>> => {
    const signature = signatureOf(req);
    const key = req.intentKey ?? keys.current.get(signature) ?? mintIdempotencyKey();
    keys.current.set(signature, key);
    setPending(true);
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await apiFetch<ServerAnswer<T>>(req.path, {
            method: req.method,
            body: req.body,
            idempotencyKey: key,
            dryRun: req.dryRun,
            keepalive: true,
          });
          // Done: the same change asked for again later is a new intent.
          keys.current.delete(signature);
          return {
            data: res.data.data,
            operationId: res.data.operationId ?? null,
            requestId: res.data.requestId ?? null,
            dryRun: res.data.dryRun ?? req.dryRun === true,
            replayed: res.replayed,
          };
        } catch (error) {
          if (error instanceof ApiError && error.status === 401) {
            optionsRef.current.onSessionExpired?.(key);
            const here = `${window.location.pathname}${window.location.search}`;
            window.location.assign(`/sign-in?callbackUrl=${encodeURIComponent(here)}`);
            throw error;
          }
          if (shouldRetry(error, attempt)) {
            await sleep(retryDelayMs(error, attempt));
            continue;
          }
          // A kept 4xx is final for its key; a still-unknown outcome keeps the key for the next try.
          if (!(error instanceof ApiError && error.retryable)) keys.current.delete(signature);
          throw error;
        }
      }
    } finally {
      setPending(false);
    }
  }, []);

  return { send, pending };
}

/** "View operation" link for a toast, when the write has an operation. */
export function operationLink(operationId: string | null): { href: string; label: string } | undefined {
  return operationId ? { href: `/operations/${encodeURIComponent(operationId)}`, label: "View operation" } : undefined;
}

/** A message a person can act on, with the request id support will ask for. */
export function describeWriteError(error: unknown): string {
  if (!(error instanceof ApiError)) return "The change could not be sent. Try again.";
  const id = error.requestId ? ` (request id ${error.requestId})` : "";
  if (error.status === 403) return `${error.message}${id}`;
  return `${error.message}${id}`;
}
