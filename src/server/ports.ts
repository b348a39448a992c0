/**
 * The ports of the edge-safe app: what the HTTP service needs from a store, declared here and
 * implemented by src/store (Node: SQLite or PostgreSQL). The Worker has no store, so the routes that
 * need {@link PartnerData} are absent there; keys come from a {@link KeyStore} (the store, or a
 * static list from the environment). Nothing here imports Node or the store.
 * @module
 */
import type { SubmissionSummary } from '../framework/submission-summary.js';
import type { Partner, PartnerKind } from '../reports/conformance/partner.js';
import type { PeriodData } from '../reports/conformance/period-data.js';
import type { Waiver } from '../reports/conformance/waiver.js';

/** An API key record: the SHA-256 hash of the key (hex), never the key itself. */
export interface ApiKeyRecord {
  readonly hash: string;
  /** `partner`: may submit and read its own partner's data; `lead`: the ICS lead, reads all. */
  readonly role: 'partner' | 'lead';
  readonly partnerId?: string;
  readonly createdAt?: string;
}

/** Looks up API keys by hash. */
export interface KeyStore {
  /** Whether any key is configured; with none the service runs open. */
  hasApiKeys(): Promise<boolean>;
  /** The key record whose SHA-256 hash (lower-case hex) is `hash`. */
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined>;
}

/** Options of {@link PartnerData.recordSubmission}. */
export interface RecordSubmissionOptions {
  /**
   * Create the partner (name = id, kind `other`) in the same transaction when it does not exist: the
   * open mode of the server, where no API keys are configured.
   */
  readonly createPartner?: boolean;
  /**
   * The submission's id (e.g. a job id). When a submission with this id already exists nothing is
   * written and its id is returned: recording a job twice (a retried job) records it once.
   */
  readonly id?: string;
}

/** What the partner submission and report routes need from a store. */
export interface PartnerData {
  /** Inserts or updates a partner (creation time kept on update); returns it as stored. */
  upsertPartner(partner: Omit<Partner, 'createdAt'>): Promise<Partner>;
  getPartner(id: string): Promise<Partner | undefined>;
  /** Partners ordered by id, optionally of one kind. */
  listPartners(filter?: { readonly kind?: PartnerKind }): Promise<Partner[]>;
  /** Records a submission summary in one transaction (all rows or none); returns its new id. */
  recordSubmission(
    summary: SubmissionSummary,
    options?: RecordSubmissionOptions,
  ): Promise<{ readonly id: string }>;
  /** Aggregates for reports: one partner's submissions received in `[from, to)`. */
  loadPartnerPeriod(partnerId: string, from: string, to: string): Promise<PeriodData>;
  /** A partner's waivers (all partners' when omitted), ordered by partner, then id. */
  listWaivers(partnerId?: string): Promise<Waiver[]>;
}
