/**
 * The job port of the service: large submissions and every federated pull run as jobs outside the
 * request. The app (edge-safe)
 * sees only {@link JobQueue}; src/jobs/memory-queue.ts (in-process, the embedded default) and
 * src/jobs/bullmq-queue.ts (Redis, many workers) implement it in Node. A job record holds ids, the
 * partner id, sizes, counts, options and states: never payload values (design note: jobs.md).
 * @module
 */
import type { SubmissionSummary } from '../framework/submission-summary.js';

/** The pipeline options a submission job carries (query parameters of the request; no payload values). */
export interface SubmissionJobOptions {
  readonly feed?: 'fhir' | 'cld' | 'cin';
  readonly format?: string;
  readonly framework?: string;
  readonly allowTestNumbers?: boolean;
  readonly cldRelease?: 1 | 2;
  readonly profiles?: readonly string[];
  /** Extension url prefixes accepted without a definition (`?extensionDomain=`). */
  readonly extensionDomains?: readonly string[];
}

/** What a submission job needs: where its input is spooled, and who it is for. */
export interface SubmissionJobData {
  readonly kind: 'submission';
  readonly partnerId: string;
  /** Create the partner when absent (open mode). */
  readonly createPartner: boolean;
  /** The spool file's name inside the spool directory (a random id, nothing from the payload). */
  readonly spool: string;
  /** Bytes spooled. */
  readonly bytes: number;
  /** Lines (newline bytes + 1 for a last unterminated line): the record total of NDJSON and CSV. */
  readonly lines: number;
  /** SHA-256 of the payload (hex). */
  readonly payloadHash: string;
  readonly receivedAt: string;
  readonly options: SubmissionJobOptions;
}

/** What a pull job needs: the partner (its endpoint is read from the store when the job runs). */
export interface PullJobData {
  readonly kind: 'pull';
  readonly partnerId: string;
  /** Resources sampled per required type (default 20). */
  readonly sampleSize?: number;
  /** Queued by the partner's pull schedule rather than a request. */
  readonly scheduled?: boolean;
}

/** Any job's data. */
export type JobData = SubmissionJobData | PullJobData;

/** A partner's pull schedule: a pull job every `everyMs`. */
export interface PullSchedule {
  readonly partnerId: string;
  readonly everyMs: number;
}

/** A job's state. */
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed';

/** A job as `GET /v1/jobs/{jobId}` shows it. */
export interface JobView {
  readonly jobId: string;
  readonly kind: JobData['kind'];
  readonly state: JobState;
  readonly partnerId: string;
  readonly bytes: number;
  /** Records done (read into the pipeline) and total (lines of the input; an estimate for JSON and XML). */
  readonly progress: { readonly done: number; readonly total: number };
  /** Attempts started (more than 1 after a worker crash). */
  readonly attempts: number;
  /** When succeeded: the recorded submission. */
  readonly result?: JobResult;
  /** When failed: an error code (no payload values). */
  readonly error?: string;
}

/** What a succeeded submission job returns. */
export interface SubmissionJobResult {
  readonly submissionId: string;
  readonly feed: string;
  readonly valid: boolean;
  readonly truncated: boolean;
  readonly recordCount: number;
  readonly submission: SubmissionSummary;
}

/** What a succeeded pull job returns: the recorded submission (kind `pull`) and what the pull read. */
export interface PullJobResult extends SubmissionJobResult {
  readonly capabilityRead: boolean;
  /** Any requirement failed or any error found. */
  readonly gaps: boolean;
  /** Resources sampled per type. */
  readonly sampled: Readonly<Record<string, number>>;
}

/** Any job's result. */
export type JobResult = SubmissionJobResult | PullJobResult;

/** Input of {@link JobQueue.submit}: the body, streamed to the job's spool. */
export interface SubmitJobInput {
  readonly partnerId: string;
  readonly createPartner: boolean;
  readonly body: ReadableStream<Uint8Array> | null;
  /** Largest body accepted (the job limit); over it the spool is deleted and 413 answered. */
  readonly maxBytes: number;
  readonly options: SubmissionJobOptions;
  readonly receivedAt: string;
}

/** Input of {@link JobQueue.enqueuePull}. */
export interface PullJobInput {
  readonly partnerId: string;
  readonly sampleSize?: number;
}

/** The job port: submit a body or a pull as a job, read a job. */
export interface JobQueue {
  /** Streams the body to a spool and queues the job; returns its id. Throws `JobInputTooLarge` past `maxBytes`. */
  submit(input: SubmitJobInput): Promise<string>;
  /** Queues a federated pull of a partner; returns the job id. */
  enqueuePull(input: PullJobInput): Promise<string>;
  /** The job, or undefined when unknown (or expired). */
  get(jobId: string): Promise<JobView | undefined>;
  /** Spool names of jobs not yet ended (queued, running, retrying): the spool sweeper keeps these. */
  liveSpools(): Promise<ReadonlySet<string>>;
  /**
   * Sets the partners' pull schedules (replacing the previous set): one pull job per tick across
   * every instance (Redis: BullMQ job schedulers; in-process: timers).
   */
  schedulePulls(schedules: readonly PullSchedule[]): Promise<void>;
  /** Stops the queue (workers in-process, connections). */
  close(): Promise<void>;
}

/** Thrown by {@link JobQueue.submit} when the body passes the job limit. */
export class JobInputTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`job input over ${limit} bytes`);
    this.name = 'JobInputTooLarge';
  }
}
