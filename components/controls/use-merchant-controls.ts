"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { apiFetch } from "@/lib/api";
import type { Controls } from "@/lib/partnerships/controls";

/** The merchant's controls and account status, read through the console's API (TanStack Query). */
export const controlsQueryKey = (accountId: string) => ["merchant", accountId, "controls"] as const;
export const statusQueryKey = (accountId: string) => ["merchant", accountId, "status"] as const;

const controlsPath = (accountId: string) => `/api/merchants/${encodeURIComponent(accountId)}/controls`;

export function useMerchantControls(accountId: string) {
  const queryClient = useQueryClient();
  const controls = useQuery({
    queryKey: controlsQueryKey(accountId),
    queryFn: async ({ signal }) => (await apiFetch<{ data: Controls }>(controlsPath(accountId), { signal })).data.data,
  });
  const status = useQuery({
    queryKey: statusQueryKey(accountId),
    queryFn: async ({ signal }) =>
      (
        await apiFetch<{ data: { status: string } }>(`/api/merchants/${encodeURIComponent(accountId)}/status`, {
          signal,
        })
      ).data.data.status,
  });
  /** Re-reads the controls now (after a conflict), bypassing the cache. */
  const reread = useCallback(async (): Promise<Controls> => {
    const fresh = await queryClient.fetchQuery({
      queryKey: controlsQueryKey(accountId),
      queryFn: async () => (await apiFetch<{ data: Controls }>(controlsPath(accountId))).data.data,
      staleTime: 0,
    });
    return fresh;
  }, [accountId, queryClient]);
  const remember = useCallback(
    (next: Controls) => queryClient.setQueryData(controlsQueryKey(accountId), next),
    [accountId, queryClient],
  );
  const refreshStatus = useCallback(
    () => queryClient.invalidateQueries({ queryKey: statusQueryKey(accountId) }),
    [accountId, queryClient],
  );
  return { controls, status, reread, remember, refreshStatus, path: controlsPath(accountId) };
}
