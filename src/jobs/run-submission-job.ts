/**
 * Runs one submission job (Node): streams the spool through the one pipeline (`checkStream`), under
 * the job time budget (past it the result is partial, `engine.limit-reached`, as in synchronous
 * validation), summarises it and records it under the job id, so a retried job records once.
 * @module
 */
import type { Checker } from '../check/create-checker.js';
import type { FeedName } from '../check/check-options.js';
import type { RequirementCatalogue } from '../framework/catalogue.js';
import { summarizeSubmission } from '../framework/submission-summary.js';
import { IssueCollector } from '../issues/collector.js';
import { isValid } from '../issues/validity.js';
import type { PartnerData } from '../server/ports.js';
import type { ValidationResult } from '../validation-result.js';
import type { SubmissionJobData, SubmissionJobResult } from './job-queue.js';
import { readSpool } from './spool.js';

/** What a worker needs to run submission jobs. */
export interface SubmissionJobDeps {
  readonly checker: Checker;
  readonly catalogue: RequirementCatalogue;
  readonly store: Pick<PartnerData, 'recordSubmission'>;
  readonly spoolDir: string;
  readonly version: string;
  readonly packages: readonly string[];
  /** Job time budget in ms (default 10 minutes). */
  readonly timeBudgetMs?: number;
  /** Issues recorded per job before `engine.limit-reached` (default 10,000). */
  readonly maxIssues?: number;
  readonly maxDepth?: number;
}

/** Runs `data` as job `jobId`; `progress(done)` is called as records are read (at most every 256 KiB). */
export async function runSubmissionJob(
  jobId: string,
  data: SubmissionJobData,
  deps: SubmissionJobDeps,
  progress: (done: number) => void,
): Promise<SubmissionJobResult> {
  const started = performance.now();
  const budget = deps.timeBudgetMs ?? 600_000;
  let lines = 0;
  let outOfTime = false;
  const o = data.options;
  const input = readSpool(deps.spoolDir, data.spool, (chunk) => {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    progress(lines);
  });
  // The job's time budget covers the whole input: past it, reading stops (at a chunk boundary; the
  // last partial line is dropped) and the result is partial, as the engine's own budget makes it.
  const budgeted = async function* (): AsyncGenerator<Uint8Array> {
    for await (const chunk of input) {
      if (performance.now() - started >= budget) {
        outOfTime = true;
        const last = chunk.lastIndexOf(10);
        if (last >= 0) yield chunk.subarray(0, last + 1);
        return;
      }
      yield chunk;
    }
  };
  const checked = await deps.checker.checkStream(budgeted(), {
    ...(o.feed ? { feed: o.feed as FeedName } : {}),
    ...(o.format ? { format: o.format } : {}),
    ...(o.framework !== undefined ? { framework: o.framework } : {}),
    ...(o.allowTestNumbers ? { allowTestNumbers: true } : {}),
    ...(o.cldRelease ? { cldRelease: o.cldRelease } : {}),
    ...(o.profiles?.length ? { profiles: o.profiles } : {}),
    ...(o.extensionDomains?.length ? { extensionDomains: o.extensionDomains } : {}),
    maxBytes: data.bytes,
    timeBudgetMs: budget,
    maxIssues: deps.maxIssues ?? 10_000,
    ...(deps.maxDepth !== undefined ? { maxDepth: deps.maxDepth } : {}),
  });
  const { feed } = checked;
  const result = outOfTime ? truncate(checked.result, budget) : checked.result;
  const summary = summarizeSubmission(result, {
    partnerId: data.partnerId,
    feed,
    kind: 'upload',
    catalogue: deps.catalogue,
    validatorVersion: deps.version,
    packages: deps.packages,
    payloadHash: data.payloadHash,
    payloadSize: data.bytes,
    receivedAt: data.receivedAt,
    durationMs: performance.now() - started,
  });
  const { id } = await deps.store.recordSubmission(summary, {
    createPartner: data.createPartner,
    id: jobId,
  });
  return {
    submissionId: id,
    feed,
    valid: result.valid,
    truncated: result.truncated,
    recordCount: result.recordCount,
    submission: summary,
  };
}

/** The result with `engine.limit-reached` (timeBudgetMs) added, marked truncated. */
function truncate(result: ValidationResult, budget: number): ValidationResult {
  if (result.truncated) return result;
  const collector = new IssueCollector();
  collector.limitReached('timeBudgetMs', budget);
  const issues = [...result.issues, ...collector.issues()];
  return { ...result, issues, truncated: true, valid: isValid(issues) };
}
