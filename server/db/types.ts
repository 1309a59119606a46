import "server-only";
import type { Kysely } from "kysely";

/**
 * The console's own database, as the rest of the server sees it. One
 * implementation runs on SQLite (embedded default) and PostgreSQL (DATABASE_URL)
 * through Kysely. Times are ISO 8601 UTC strings with milliseconds everywhere.
 */

import type { Role } from "@/lib/auth/roles";
import type { MerchantListItem } from "@/lib/merchants/search";
import type { Account, AccountStatus } from "@/lib/partnerships/accounts";
import type { BulkRepo } from "./repos/bulk";

export type { Role };

export interface UserRow {
  id: string;
  email: string; // stored lowercased
  name: string;
  role: Role;
  passwordHash: string | null; // bcrypt; null for OIDC-only users
  disabled: boolean;
  /** Bumped when a user is disabled or enabled: sessions carrying an older value end. A role change does not. */
  sessionVersion: number;
  createdAt: string;
  updatedAt: string;
  /** Null until the user first signs in (after migration 0006_settings_users). */
  lastSignInAt: string | null;
  /** How that last sign-in went: "password" or the OIDC provider's id. */
  signInMethod: string | null;
}

/** What UsersRepo.change did: the updated user, no such user, or refused because no active admin would be left. */
export type UserChangeResult = { status: "ok"; user: UserRow } | { status: "not_found" } | { status: "last_admin" };

export interface UsersRepo {
  findByEmail(email: string): Promise<UserRow | undefined>;
  findById(id: string): Promise<UserRow | undefined>;
  list(): Promise<UserRow[]>;
  create(input: { email: string; name: string; role: Role; passwordHash: string | null }): Promise<UserRow>;
  /** Creates or updates the user's role/name from the identity provider (OIDC sign-in). */
  upsertFromProvider(input: { email: string; name: string; role: Role }): Promise<UserRow>;
  /** Takes effect on the user's next request without ending their sessions (the role is re-read every request). */
  setRole(id: string, role: Role): Promise<UserRow | undefined>;
  /** Ends the user's sessions at once (session_version bump). */
  setDisabled(id: string, disabled: boolean): Promise<UserRow | undefined>;
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
  /**
   * Role and/or disabled in one conditional statement that refuses to leave the console without an
   * enabled admin (the check and the write cannot interleave with another change on SQLite).
   */
  change(id: string, patch: { role?: Role; disabled?: boolean }): Promise<UserChangeResult>;
  recordSignIn(id: string, method: string, at?: string): Promise<void>;
  /** Sign-out: bumps session_version, so every cookie issued before (a copied or stolen one too) stops working. */
  endSessions(id: string): Promise<void>;
}

export interface InviteRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdById: string | null;
  createdByEmail: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  userId: string | null;
}

export type InviteAcceptResult =
  | { status: "ok"; user: UserRow; invite: InviteRow }
  | { status: "unknown" | "used" | "expired" | "email_taken" };

/** One-time invite links: only the SHA-256 of the token is stored (server/settings/invites.ts makes tokens). */
export interface InvitesRepo {
  create(input: {
    tokenHash: string;
    email: string;
    name: string;
    role: Role;
    createdBy: { id: string; email: string } | null;
    expiresAt: string;
  }): Promise<InviteRow>;
  findByTokenHash(tokenHash: string): Promise<InviteRow | undefined>;
  /** Open invites (not used, not expired at `now`), newest first. */
  listOpen(now?: string): Promise<InviteRow[]>;
  /** Marks the invite used and creates its user with this password hash, in one transaction. */
  accept(tokenHash: string, passwordHash: string, now?: string): Promise<InviteAcceptResult>;
}

export type AuditOutcome = "success" | "failure" | "denied" | "error";

export interface AuditEntryInput {
  userId: string | null;
  userEmail: string | null;
  role: Role | null;
  /** e.g. "auth.sign_in", "merchant.controls.update", "request.denied.csrf" */
  action: string;
  merchantId?: string | null;
  /** Method, path, a redacted summary of the body: never secrets or tokens. */
  request?: unknown;
  before?: unknown;
  after?: unknown;
  outcome: AuditOutcome;
  httpStatus?: number | null;
  message?: string | null;
  upstreamRequestId?: string | null;
  operationId?: string | null;
  idempotencyKey?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}
export interface AuditEntry extends Required<Omit<AuditEntryInput, "request" | "before" | "after">> {
  id: string;
  at: string;
  request: unknown;
  before: unknown;
  after: unknown;
}
export interface AuditQuery {
  limit?: number; // default 50, at most 200
  /** Opaque cursor from the previous page (newest first). */
  cursor?: string;
  userEmail?: string;
  action?: string | string[]; // prefix match (any of several)
  merchantId?: string;
  outcome?: AuditOutcome;
  operationId?: string;
  /** Time range, inclusive, ISO 8601. */
  from?: string;
  to?: string;
}
/** Append-only by design: there is no update or delete in this interface. */
export interface AuditRepo {
  append(entry: AuditEntryInput): Promise<AuditEntry>;
  list(query?: AuditQuery): Promise<{ entries: AuditEntry[]; nextCursor: string | null }>;
  /** Time, action and outcome of every entry at or after `sinceIso` (at most `max`, newest first): for charts. */
  activity(sinceIso: string, max?: number): Promise<{ at: string; action: string; outcome: AuditOutcome }[]>;
}

export interface JournalEntry {
  operationId: string;
  userId: string | null;
  userEmail: string | null;
  merchantId: string | null;
  action: string;
  operationType: string | null;
  dryRun: boolean;
  /** pending | in_progress | completed | failed | unknown (answer lost, not yet recovered) */
  status: string;
  httpStatus: number | null;
  error: string | null;
  idempotencyKey: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface JournalQuery {
  limit?: number;
  cursor?: string;
  merchantId?: string;
  userId?: string;
  /** Exact, lowercased. */
  userEmail?: string;
  status?: string;
  /** Any of these statuses (e.g. the running ones). */
  statuses?: string[];
  /** Prefix of the action, e.g. "merchant.status", or any of several prefixes. */
  action?: string | string[];
  /** Created at or after (ISO 8601). */
  since?: string;
}
export interface JournalRepo {
  /** Records the operation id the moment it is known (before the body is parsed). Idempotent on operationId. */
  record(
    input: Omit<JournalEntry, "createdAt" | "updatedAt" | "httpStatus" | "error"> & {
      httpStatus?: number | null;
      error?: string | null;
    },
  ): Promise<void>;
  update(
    operationId: string,
    patch: { status: string; httpStatus?: number | null; error?: string | null },
  ): Promise<void>;
  get(operationId: string): Promise<JournalEntry | undefined>;
  list(query?: JournalQuery): Promise<{
    entries: JournalEntry[];
    nextCursor: string | null;
  }>;
}

export interface KnownLayout {
  layoutId: string;
  pageId: string;
  layoutType: "Overlay" | "Embedded";
  /** Last theme the console saw for this layout (from its own PATCH answers), or null. */
  theme: Record<string, string | number> | null;
  updatedAt: string;
}
export interface KnownPage {
  pageId: string;
  surface: "confirmation" | "tracking" | "returns";
  /** The layout currently switched on for the page. */
  layoutId: string;
  layoutType: "Overlay" | "Embedded";
  pageIdentifier: string | null;
  updatedAt: string;
}
export interface MerchantKnowledge {
  accountId: string;
  pages: KnownPage[];
  layouts: KnownLayout[];
}
export interface KnowledgeImportResult {
  imported: number;
  errors: { line: number; message: string }[];
}
/** What the API cannot give back: pages, layouts and themes learnt from write answers. */
export interface KnowledgeRepo {
  recordPages(
    accountId: string,
    pages: {
      page_id: string;
      surface: string;
      layout_id: string;
      layout_type: string;
      page_identifier?: string | null;
    }[],
  ): Promise<void>;
  recordLayoutSwitch(
    accountId: string,
    page: { page_id: string; surface: string; layout_id: string; layout_type: string; page_identifier?: string | null },
  ): Promise<void>;
  recordTheme(
    accountId: string,
    layoutId: string,
    pageId: string,
    layoutType: string,
    theme: Record<string, string | number>,
  ): Promise<void>;
  get(accountId: string): Promise<MerchantKnowledge>;
  /** CSV with header `account_id,page_id,layout_id,surface,layout_type`; bad rows are reported, good ones kept. */
  importCsv(csv: string): Promise<KnowledgeImportResult>;
  isEmpty(): Promise<boolean>;
}

export type IntentBegin =
  | { state: "new" }
  | { state: "in_flight" }
  /** The reservation was abandoned (not renewed in time by a console that died) and is now this request's. */
  | { state: "taken_over" }
  | { state: "conflict" } // same key, different user/route/body
  | { state: "replay"; httpStatus: number; body: unknown; operationId?: string | null };
/** Idempotency intents: a key is bound to (user, route, body hash) before anything goes upstream. */
export interface IntentsRepo {
  begin(input: { key: string; userId: string; route: string; bodyHash: string }): Promise<IntentBegin>;
  /**
   * Keeps a final answer (2xx/4xx) for replay; a retryable outcome releases the key instead:
   * network failure (status 0), 408, 409 (the API's "key in use by a running request"), 425, 429, 5xx.
   * With `keepUnknown`, even a retryable answer is kept: for calls the upstream cannot deduplicate
   * (network privacy requests), a resend of the same intent replays "outcome unknown" instead of
   * submitting twice.
   */
  complete(
    key: string,
    userId: string,
    outcome: { httpStatus: number; body: unknown; operationId?: string | null },
    opts?: { keepUnknown?: boolean },
  ): Promise<void>;
  release(key: string, userId: string): Promise<void>;
  /** Heartbeat of a running write: pushes its reservation's deadline out; false once it is no longer in flight. */
  renew(key: string, userId: string): Promise<boolean>;
}

/** Fixed-window counters shared by every console instance (they live in the database). */
export interface LimiterRepo {
  /** Counts one hit. `resetMs`: milliseconds from now until the window resets (for Retry-After). */
  hit(
    bucket: string,
    limit: number,
    windowMs: number,
  ): Promise<{ allowed: boolean; remaining: number; resetMs: number }>;
}

/** A named lease so that long-running work is claimed by one instance at a time. */
export interface LeasesRepo {
  /** true when the lease was free, expired, or already this holder's (then its expiry is pushed out). */
  acquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** true while this holder still owns the lease (nobody took it over after an expiry). */
  renew(name: string, holder: string, ttlMs: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
}

/** The latest Stripe onboarding link the console obtained for a merchant (SPEC §5.9). */
export interface PayoutLink {
  accountId: string;
  stripeAccountId: string;
  /** Bearer link: show it only to those who may start onboarding; never log it. */
  onboardingUrl: string;
  expiresAt: string;
  operationId: string | null;
  createdBy: string | null;
  createdAt: string;
}
export interface PayoutLinksRepo {
  /** Keeps the link unless a link expiring later is already stored (two overlapping requests: the newer wins). */
  record(link: Omit<PayoutLink, "createdAt">): Promise<void>;
  get(accountId: string): Promise<PayoutLink | undefined>;
}

/** A wizard draft as stored: the data is what the person typed (lib/onboarding/draft.ts), checked when it is used. */
export interface OnboardingDraftRow {
  id: string;
  userId: string;
  brand: string | null;
  data: unknown;
  /** Index of the furthest step the draft may open. */
  reached: number;
  version: number;
  /** "live" once its go-live finished: no longer listed as in progress. */
  status: "draft" | "live";
  accountId: string | null;
  createdAt: string;
  updatedAt: string;
}
export type OnboardingRunState = "running" | "failed" | "paused" | "done";
export interface OnboardingRunRow {
  draftId: string;
  userId: string;
  userEmail: string | null;
  state: OnboardingRunState;
  /** The console origin the run was started from (payout return URLs). */
  origin: string;
  payoutLink: boolean;
  accountId: string | null;
  /** The register answer's pages (layout ids for the theme steps). */
  pages: unknown;
  createdAt: string;
  updatedAt: string;
}
export type OnboardingStepState = "waiting" | "running" | "done" | "failed";
export interface OnboardingStepRow {
  draftId: string;
  name: string;
  position: number;
  state: OnboardingStepState;
  idempotencyKey: string | null;
  request: unknown;
  /** true once a request with this key may have left (a resume must then resend it, never skip it). */
  sent: boolean;
  attempts: number;
  operationId: string | null;
  requestId: string | null;
  httpStatus: number | null;
  result: unknown;
  error: unknown;
  updatedAt: string;
}
export type OnboardingStepPatch = Partial<
  Pick<
    OnboardingStepRow,
    | "state"
    | "idempotencyKey"
    | "request"
    | "sent"
    | "attempts"
    | "operationId"
    | "requestId"
    | "httpStatus"
    | "result"
    | "error"
  >
>;
export interface ControlsTemplateRow {
  id: string;
  name: string;
  blocked: { partnerVerticalId: number; partnerSubVerticalId: number }[];
  domainsText: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}
/** The onboarding wizard's drafts, go-live runs (a saga: each step's key recorded before it is sent) and controls templates. */
export interface OnboardingRepo {
  createDraft(userId: string, data: unknown): Promise<OnboardingDraftRow>;
  /** The user's drafts still in progress (not live), most recently changed first. */
  listDrafts(userId: string): Promise<OnboardingDraftRow[]>;
  /** With a userId, only that user's draft. */
  getDraft(id: string, userId?: string): Promise<OnboardingDraftRow | undefined>;
  saveDraft(
    id: string,
    userId: string,
    input: { data: unknown; brand: string | null; reached: number },
  ): Promise<OnboardingDraftRow | undefined>;
  markDraftLive(id: string, accountId: string): Promise<void>;
  /** Deletes the draft with its run and steps; false when it is not this user's. */
  deleteDraft(id: string, userId: string): Promise<boolean>;
  /** Creates the run and its steps at once; false when the draft already has a run. */
  createRun(
    run: Omit<OnboardingRunRow, "createdAt" | "updatedAt" | "accountId" | "pages">,
    steps: { name: string; request: unknown }[],
  ): Promise<boolean>;
  getRun(draftId: string): Promise<{ run: OnboardingRunRow; steps: OnboardingStepRow[] } | undefined>;
  updateRun(draftId: string, patch: Partial<Pick<OnboardingRunRow, "state" | "accountId" | "pages">>): Promise<void>;
  updateStep(draftId: string, name: string, patch: OnboardingStepPatch): Promise<void>;
  /** Runs not finished and not waiting on the person (running): candidates for a resume. */
  listRunningRuns(): Promise<OnboardingRunRow[]>;
}

/** A consumer privacy request or a merchant data deletion, as the history shows it (never a plain identifier). */
export interface PrivacyRequestRow {
  id: string;
  kind: "consumer" | "merchant_deletion";
  /** NETWORK_OPT_OUT | NETWORK_DATA_DELETION | MERCHANT_DATA_DELETION */
  requestType: string;
  identifierType: string;
  identifierMasked: string;
  fingerprint: string | null;
  accountId: string | null;
  merchantLabel: string | null;
  reason: string | null;
  /** sending | submitted | failed | unknown | awaiting_approval | rejected */
  status: string;
  upstreamRequestId: string | null;
  operationId: string | null;
  /** The deletion's operation status from the journal (pending | in_progress | completed | failed), if any. */
  operationStatus: string | null;
  idempotencyKey: string | null;
  error: string | null;
  submittedById: string | null;
  submittedByEmail: string | null;
  approvedByEmail: string | null;
  approvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
export type PrivacyRequestInput = Pick<
  PrivacyRequestRow,
  "kind" | "requestType" | "identifierType" | "identifierMasked" | "status" | "submittedById" | "submittedByEmail"
> &
  Partial<Pick<PrivacyRequestRow, "fingerprint" | "accountId" | "merchantLabel" | "reason" | "idempotencyKey">>;
export interface PrivacyRequestsRepo {
  create(input: PrivacyRequestInput): Promise<PrivacyRequestRow>;
  /** Changes the row only while its status is one of `from` (when given): true when it changed. */
  update(
    id: string,
    patch: Partial<
      Pick<
        PrivacyRequestRow,
        "status" | "upstreamRequestId" | "operationId" | "error" | "approvedByEmail" | "approvedAt"
      >
    >,
    from?: readonly string[],
  ): Promise<boolean>;
  get(id: string): Promise<PrivacyRequestRow | undefined>;
  /** The request this user's intent (Idempotency-Key) created, if any: a retry continues it. */
  findByKey(userId: string, key: string): Promise<PrivacyRequestRow | undefined>;
  /** Requests with this fingerprint created at or after `sinceIso`, newest first. */
  recentByFingerprint(fingerprint: string, sinceIso: string): Promise<PrivacyRequestRow[]>;
  list(query?: { limit?: number; cursor?: string; kind?: PrivacyRequestRow["kind"]; status?: string }): Promise<{
    entries: PrivacyRequestRow[];
    nextCursor: string | null;
  }>;
}

/** One account in the console's merchant index (the upstream's fields, camel-cased): a list row without the taxonomy name. */
export type IndexedMerchant = Omit<MerchantListItem, "verticalName">;
/** An account as GET /v1/partnership/accounts lists it. */
export type ListedAccount = Account;

export interface MerchantIndexFilter {
  /** Typed search text: every word must start a word of the brand, the ids or the store's host. */
  q?: string;
  status?: AccountStatus;
  country?: string;
  vertical?: number;
  sort?: "brand" | "created" | "updated";
  dir?: "asc" | "desc";
}
export interface MerchantIndexQuery extends MerchantIndexFilter {
  offset?: number;
  /** 1 to 100 (default 25). */
  limit?: number;
}
export interface MerchantSyncState {
  startedAt: string | null;
  /** Renewed while a sync runs: a started sync with an old heartbeat died. */
  heartbeatAt: string | null;
  finishedAt: string | null;
  /** Start and end of the last complete sync. */
  okStartedAt: string | null;
  okAt: string | null;
  /** The last sync's error (null after a success). */
  error: string | null;
  seen: number;
  added: number;
  changed: number;
  removed: number;
  durationMs: number | null;
}
/**
 * The merchant index: a searchable copy of the platform's accounts, kept by a
 * full sync (server/merchants) and by the console's own writes.
 */
export interface MerchantsRepo {
  search(query: MerchantIndexQuery): Promise<{ rows: IndexedMerchant[]; total: number }>;
  /** Every matching row in the query's order, chunk by chunk (keyset reads, no long transaction). */
  scan(filter: MerchantIndexFilter, opts?: { chunkSize?: number }): AsyncIterable<IndexedMerchant[]>;
  get(accountId: string): Promise<IndexedMerchant | undefined>;
  count(): Promise<number>;
  /** Country codes present in the index, sorted. */
  countries(): Promise<string[]>;
  /**
   * Sync: merges one listed page. Rows the console wrote after `syncStartedAt` keep the
   * console's newer knowledge. Counts what was new and what changed.
   */
  applySyncPage(accounts: ListedAccount[], syncStartedAt: string): Promise<{ added: number; changed: number }>;
  /** Sync, after a complete listing: removes the accounts it did not list. */
  removeUnseen(syncStartedAt: string): Promise<number>;
  /** The console's own write (register): the account as it now is. */
  upsertLocal(merchant: IndexedMerchant): Promise<void>;
  /** The console's own write (status PUT); false when the account is not indexed. */
  setStatusLocal(accountId: string, status: AccountStatus): Promise<boolean>;
  syncState(): Promise<MerchantSyncState>;
  syncStarted(startedAt: string): Promise<void>;
  syncHeartbeat(): Promise<void>;
  syncFinished(
    outcome:
      | { ok: true; startedAt: string; seen: number; added: number; changed: number; removed: number }
      | { ok: false; error: string },
  ): Promise<void>;
  /** Refreshes the planner's statistics after a large change. */
  analyze(): Promise<void>;
}

export interface SavedViewRow {
  id: string;
  userId: string;
  /** Which list the view belongs to, e.g. "merchants". */
  scope: string;
  name: string;
  /** The list's URL query string, without "?". */
  query: string;
  createdAt: string;
  updatedAt: string;
}
/** Saved views of a list, per user; one name per user and list (saving a name again replaces its query). */
export interface ViewsRepo {
  list(userId: string, scope: string): Promise<SavedViewRow[]>;
  save(input: { userId: string; scope: string; name: string; query: string }): Promise<SavedViewRow>;
  /** false when there is no such view of this user. */
  delete(userId: string, id: string): Promise<boolean>;
  count(userId: string, scope: string): Promise<number>;
}

export interface ConsoleDb {
  readonly dialect: "sqlite" | "postgres";
  // biome-ignore lint/suspicious/noExplicitAny: the table typing lives in schema.ts
  readonly kysely: Kysely<any>;
  users: UsersRepo;
  invites: InvitesRepo;
  audit: AuditRepo;
  journal: JournalRepo;
  knowledge: KnowledgeRepo;
  intents: IntentsRepo;
  limiter: LimiterRepo;
  leases: LeasesRepo;
  merchants: MerchantsRepo;
  views: ViewsRepo;
  payoutLinks: PayoutLinksRepo;
  privacyRequests: PrivacyRequestsRepo;
  onboarding: OnboardingRepo;
  templates: TemplatesRepo;
  taxonomyVersions: TaxonomyVersionsRepo;
  controlsSeen: ControlsSeenRepo;
  layoutImport: LayoutImportRepo;
  bulk: BulkRepo;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Controls templates: by id for Settings → Templates (rename, edit, delete, with
 * the drafts that use one), by name for the onboarding wizard.
 */
export interface TemplatesRepo {
  list(): Promise<ControlsTemplateRow[]>;
  get(id: string): Promise<ControlsTemplateRow | undefined>;
  /** DuplicateError when another template has that name. */
  create(
    input: Pick<ControlsTemplateRow, "name" | "blocked" | "domainsText" | "createdBy">,
  ): Promise<ControlsTemplateRow>;
  /** The wizard's save: creates the template, or replaces the content of the one of that name (its creator stays). */
  saveByName(
    input: Pick<ControlsTemplateRow, "name" | "blocked" | "domainsText" | "createdBy">,
  ): Promise<ControlsTemplateRow>;
  /** undefined when there is no such template; DuplicateError when another template has that name. */
  update(
    id: string,
    input: Pick<ControlsTemplateRow, "name" | "blocked" | "domainsText">,
  ): Promise<ControlsTemplateRow | undefined>;
  delete(id: string): Promise<boolean>;
  /** Onboarding drafts still in progress that started from each template (their controls name it). */
  draftUses(ids: readonly string[]): Promise<Map<string, number>>;
}

export interface TaxonomyVersionRow {
  version: number;
  csv: string;
  source: "seed" | "import";
  summary: { added: number; renamed: number; removed: number } | null;
  createdBy: string | null;
  createdAt: string;
}
export type TaxonomyVersionInfo = Omit<TaxonomyVersionRow, "csv">;
/** Versions of the partner taxonomy; the highest version is the current one. */
export interface TaxonomyVersionsRepo {
  current(): Promise<TaxonomyVersionRow | undefined>;
  /** The current version number only (cheap: lets other instances notice an import within seconds). */
  currentVersion(): Promise<number | null>;
  get(version: number): Promise<TaxonomyVersionRow | undefined>;
  list(): Promise<TaxonomyVersionInfo[]>;
  /**
   * Adds the next version in one transaction, only while `baseVersion` is still the current one
   * (null: only while there is none, the first-use seed). undefined when another version won.
   */
  add(
    input: Pick<TaxonomyVersionRow, "csv" | "source" | "summary" | "createdBy">,
    baseVersion: number | null,
  ): Promise<TaxonomyVersionRow | undefined>;
}

/** The blocked pairs of merchants as the console last read or wrote their controls. */
export interface ControlsSeenRepo {
  record(accountId: string, blocked: readonly (readonly [number, number])[]): Promise<void>;
  /** Every merchant seen, with its blocked pairs (at most `max`). */
  all(max?: number): Promise<{ accountId: string; blocked: [number, number][]; seenAt: string }[]>;
  count(): Promise<number>;
}

export interface LayoutRow {
  accountId: string;
  pageId: string;
  layoutId: string;
  surface: string;
  layoutType: string;
}
/** The layout import of Settings → Layouts over the knowledge tables. */
export interface LayoutImportRepo {
  /** Known pages of these accounts. */
  pagesOf(accountIds: readonly string[]): Promise<LayoutRow[]>;
  /** Every known page, in account then page order, page by page. */
  scan(): AsyncIterable<LayoutRow>;
  /** One transaction: upserts these pages and removes those. */
  apply(upserts: readonly LayoutRow[], removals: readonly Pick<LayoutRow, "accountId" | "pageId">[]): Promise<void>;
}
