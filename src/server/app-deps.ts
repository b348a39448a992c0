/**
 * What `createApp` needs from its runtime: every service is injected, so the app runs unchanged in
 * Node and in a Cloudflare Worker.
 * @module
 */
import type { Checker } from '../check/create-checker.js';
import type { PullReport } from '../federation/pull-report.js';
import type { Validator } from '../fhir/validator/create-validator.js';
import type { RequirementCatalogue } from '../framework/catalogue.js';
import type { KeyStore } from './auth/key-store.js';
import type { CheckOffload } from './check-offload.js';
import type { AuthFailureLimits } from './middleware/auth.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { DocsAssets } from './docs-assets.js';
import type { RateCounter } from './middleware/rate-limit.js';
import type { LogEntry } from './log-entry.js';
import type { PartnerData } from './partner-data.js';
import type { ServerLimits } from './server-limits.js';

/** Dependencies of {@link createApp}. Only `checker` (or `validator`) is required. */
export interface AppDeps {
  /**
   * The pipeline every validating route runs (`createChecker`, or `createNodeChecker` in Node): the
   * framework is on by default, `?framework=none` turns it off per request.
   */
  readonly checker?: Checker;
  /**
   * A ready FHIR validator instead of a checker: the routes then run `createChecker({ validator })`,
   * whose engine options (framework profiles, test numbers) are the validator's own.
   */
  readonly validator?: Validator;
  /**
   * Where the CPU-bound checks run (`$validate`, the upload routes): the Node server passes its
   * thread pool (node-check-pool.ts); absent, they run in the request's thread.
   */
  readonly offload?: CheckOffload;
  /** The requirement catalogue; default: the framework's built-in catalogue. */
  readonly catalogue?: RequirementCatalogue;
  /** API keys. Absent, or holding no key: the service runs open. */
  readonly keys?: KeyStore;
  /** Partner submissions and reports; the partner routes exist only when this is given. */
  readonly partners?: PartnerData;
  /** Limits; defaults in `defaultLimits`. */
  readonly limits?: Partial<ServerLimits>;
  /** Structured log sink; never receives payload values. Default: discard. */
  readonly log?: (entry: LogEntry) => void;
  /** Monotonic milliseconds for durations; default `performance.now()`. */
  readonly now?: () => number;
  /** Wall clock for received-at instants and report periods; default `new Date()`. */
  readonly clock?: () => Date;
  /** Generates request ids; default `crypto.randomUUID()`. */
  readonly requestId?: () => string;
  /** Version of MDSS reported by /health, metadata and submissions. */
  readonly version?: string;
  /** FHIR packages loaded besides the base (`name#version`), reported in metadata and submissions. */
  readonly packages?: readonly string[];
  /** Federated pulls from partner FHIR endpoints (Node only); the pull route exists only when given. */
  readonly pull?: PullService;
  /**
   * The job queue (Node: in-process, or BullMQ on Redis): large submissions run as jobs and
   * `GET /v1/jobs/{jobId}` exists only when given (and a store is).
   */
  readonly jobs?: JobQueue;
  /** A rate counter shared across instances (Node with Redis); default: per-instance buckets. */
  readonly rateCounter?: RateCounter;
  /** CSS inlined into HTML reports (the NHS.UK frontend styles, read by the Node entry). */
  readonly reportStyles?: string;
  /** Limits on failed authentication per client address (429 + Retry-After past them), and how to find the address. */
  readonly authFailures?: Omit<AuthFailureLimits, 'now'>;
  /** Swagger UI's files for `/docs` (read by the Node entry from `swagger-ui-dist`). */
  readonly docsAssets?: DocsAssets;
}

/** Runs a federated pull for a registered partner (see src/federation); never throws for endpoint faults. */
export type PullService = (
  partnerId: string,
  options: {
    readonly sampleSize?: number;
    /** The recorded submission's id (a job's): recording twice under one id records once. */
    readonly recordId?: string;
  },
) => Promise<
  | { readonly status: 'ok'; readonly report: PullReport }
  | { readonly status: 'unknown-partner' }
  | { readonly status: 'no-endpoint' }
>;
