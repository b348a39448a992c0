/**
 * The repository API of the MDSS store: partners, API keys (hashes only), submission summaries,
 * period aggregates for reports, and waivers. One interface over SQLite and PostgreSQL; open it with
 * `openStore`. It implements the ports the edge-safe app declares (src/server/ports.ts).
 * @module
 */

import type { SubmissionSummary } from '../framework/submission-summary.js';
import type { Partner, PartnerKind } from '../reports/conformance/partner.js';
import type { PeriodData } from '../reports/conformance/period-data.js';
import type { Waiver } from '../reports/conformance/waiver.js';
import type {
  ApiKeyRecord,
  KeyStore,
  PartnerData,
  RecordSubmissionOptions,
} from '../server/ports.js';

/** Which database a store talks to. */
export type StoreDialect = 'sqlite' | 'postgres';

/** A recorded submission's header: the summary without its per-requirement/issue rows, plus its id. */
export type StoredSubmissionHeader = Omit<
  SubmissionSummary,
  'requirements' | 'issues' | 'mustSupport'
> & {
  readonly id: string;
};

/** A recorded submission in full, as it was summarised. */
export type StoredSubmission = SubmissionSummary & { readonly id: string };

export type { ApiKeyRecord, RecordSubmissionOptions };

/** A waiver to add: everything but the id and creation time, which the store assigns. */
export type WaiverInput = Omit<Waiver, 'id' | 'createdAt'>;

/** One step inside {@link Store.recordSubmission}'s transaction, reported to `onWrite`. */
export interface WriteStep {
  readonly table:
    | 'partners'
    | 'submissions'
    | 'submission_requirements'
    | 'submission_issues'
    | 'submission_must_support'
    | 'submission_data_quality';
  /** Rows written by this step. */
  readonly rows: number;
}

/**
 * Called after every write inside {@link Store.recordSubmission}'s transaction. Throwing (or
 * rejecting) rolls the whole submission back: fault-injection for tests and a hook for metrics.
 */
export type WriteObserver = (step: WriteStep) => void | Promise<void>;

/** The repository. All methods are async; instants are ISO strings (UTC). */
export interface Store extends PartnerData, KeyStore {
  readonly dialect: StoreDialect;
  /** Inserts or updates a partner (creation time kept on update); returns it as stored. */
  upsertPartner(partner: Omit<Partner, 'createdAt'>): Promise<Partner>;
  getPartner(id: string): Promise<Partner | undefined>;
  /** Partners ordered by id, optionally of one kind. */
  listPartners(filter?: { readonly kind?: PartnerKind }): Promise<Partner[]>;
  /** Deletes a partner and everything recorded for it. Returns whether it existed. */
  deletePartner(id: string): Promise<boolean>;

  /** Records a submission summary in one transaction (all rows or none); returns its new id. */
  recordSubmission(
    summary: SubmissionSummary,
    options?: RecordSubmissionOptions,
  ): Promise<{ readonly id: string }>;
  /** One partner's submissions received in `[from, to)`, oldest first. */
  listSubmissions(
    partnerId: string,
    range?: { readonly from?: string; readonly to?: string },
  ): Promise<StoredSubmissionHeader[]>;
  /** A submission in full, or undefined. */
  getSubmission(id: string): Promise<StoredSubmission | undefined>;
  /** Aggregates for reports: one partner's submissions received in `[from, to)`. */
  loadPartnerPeriod(partnerId: string, from: string, to: string): Promise<PeriodData>;

  /** Stores (or rebinds) an API key hash. */
  putApiKey(key: Omit<ApiKeyRecord, 'createdAt'>): Promise<ApiKeyRecord>;
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  deleteApiKey(hash: string): Promise<boolean>;
  /** Whether any API key is configured (the server runs open when none is). */
  hasApiKeys(): Promise<boolean>;

  addWaiver(waiver: WaiverInput): Promise<Waiver>;
  getWaiver(id: string): Promise<Waiver | undefined>;
  /** A partner's waivers (all partners' when omitted), ordered by partner, then id. */
  listWaivers(partnerId?: string): Promise<Waiver[]>;
  /** Changes a waiver's reason or expiry (`until: null` removes the expiry). */
  updateWaiver(
    id: string,
    patch: { readonly reason?: string; readonly until?: string | null },
  ): Promise<Waiver | undefined>;
  deleteWaiver(id: string): Promise<boolean>;

  /** Closes the connection (pool). */
  close(): Promise<void>;
}
