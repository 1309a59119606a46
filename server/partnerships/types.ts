import "server-only";
import type {
  AccountList,
  AccountStatusView,
  AddPagesRequest,
  AddPagesResponse,
  Controls,
  DataDeletionRequest,
  DataDeletionResponse,
  NetworkPrivacyAccepted,
  NetworkPrivacyRequest,
  Operation,
  PatchLayoutRequest,
  PatchLayoutResponse,
  PayoutSetupRequest,
  PayoutSetupResponse,
  PutControlsRequest,
  PutStatusRequest,
  RegisterRequest,
  RegisterResponse,
  SwitchLayoutRequest,
  SwitchLayoutResponse,
} from "@/lib/partnerships";

/** What every successful call returns besides its data. */
export interface ApiResult<T> {
  data: T;
  status: number;
  requestId: string | null;
  operationId: string | null;
  replayed: boolean;
  dryRun: boolean;
}

export interface WriteOptions {
  /** One key per user intent, reused on every retry of that intent. */
  idempotencyKey: string;
  dryRun?: boolean;
  /** Called as soon as an attempt's X-Operation-Id is known, before its body is parsed (SPEC §9). */
  onOperationId?: (operationId: string) => void | Promise<void>;
  signal?: AbortSignal;
}
export interface ReadOptions {
  signal?: AbortSignal;
}

/** A theme answer may be the full layout or the real API's bare acknowledgement (SPEC §10). */
export type PatchLayoutResult = PatchLayoutResponse | { status: "ok"; layout_id: string; theme?: undefined };

export interface PartnershipsClient {
  readonly parentAccountId: string;
  listAccounts(query?: { limit?: number; cursor?: string }, opts?: ReadOptions): Promise<ApiResult<AccountList>>;
  register(body: RegisterRequest, opts: WriteOptions): Promise<ApiResult<RegisterResponse>>;
  getControls(accountId: string, opts?: ReadOptions): Promise<ApiResult<Controls>>;
  putControls(accountId: string, body: PutControlsRequest, opts: WriteOptions): Promise<ApiResult<Controls>>;
  getStatus(accountId: string, opts?: ReadOptions): Promise<ApiResult<AccountStatusView>>;
  putStatus(accountId: string, body: PutStatusRequest, opts: WriteOptions): Promise<ApiResult<AccountStatusView>>;
  addPages(accountId: string, body: AddPagesRequest, opts: WriteOptions): Promise<ApiResult<AddPagesResponse>>;
  switchPageLayout(
    accountId: string,
    pageId: string,
    body: SwitchLayoutRequest,
    opts: WriteOptions,
  ): Promise<ApiResult<SwitchLayoutResponse>>;
  patchLayout(
    accountId: string,
    layoutId: string,
    body: PatchLayoutRequest,
    opts: WriteOptions,
  ): Promise<ApiResult<PatchLayoutResult>>;
  payoutSetup(accountId: string, body: PayoutSetupRequest, opts: WriteOptions): Promise<ApiResult<PayoutSetupResponse>>;
  requestDataDeletion(
    accountId: string,
    body: DataDeletionRequest,
    opts: WriteOptions,
  ): Promise<ApiResult<DataDeletionResponse>>;
  /** No key upstream and no operation: never retried once it may have been received (SPEC §9). */
  networkPrivacyRequest(
    body: NetworkPrivacyRequest,
    opts?: { dryRun?: boolean; signal?: AbortSignal },
  ): Promise<ApiResult<NetworkPrivacyAccepted>>;
  getOperation(operationId: string, opts?: ReadOptions): Promise<ApiResult<Operation>>;
  /** Settings → Health: when the cached token was obtained and renews (never the token); null before the first. */
  tokenInfo?(): { obtainedAt: number; renewAt: number } | null;
  /** Reachability for /api/health: obtains (or reuses) a token. */
  ping(): Promise<boolean>;
}
