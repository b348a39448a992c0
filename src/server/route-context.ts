/**
 * What every route module receives: the registry to add routes to and the resolved dependencies.
 * @module
 */
import type { Checker } from '../check/create-checker.js';
import type { CheckOffload } from './check-offload.js';
import type { Validator } from '../fhir/validator/create-validator.js';
import type { RequirementCatalogue } from '../framework/catalogue.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { DocsAssets } from './docs-assets.js';
import type { LogEntry } from './log-entry.js';
import type { RouteRegistry } from './openapi/route-registry.js';
import type { PartnerData } from './partner-data.js';
import type { ServerLimits } from './server-limits.js';

/** Dependencies with every default filled in. */
export interface ResolvedDeps {
  /** The pipeline; every validating route calls it and nothing else. */
  readonly checker: Checker;
  /** The checker's default validator (its registry answers metadata and type questions). */
  readonly validator: Validator;
  readonly catalogue: RequirementCatalogue;
  /** Where `$validate` and the upload checks run when not in the request's thread (the Node server's pool). */
  readonly offload?: CheckOffload;
  /** The human text of a FHIR constraint by key, from the checker's definitions (scorecard gaps). */
  readonly constraintText: (key: string) => string | undefined;
  readonly partners?: PartnerData;
  /** The job queue, when large submissions run as jobs. */
  readonly jobs?: JobQueue;
  readonly limits: ServerLimits;
  readonly log: (entry: LogEntry) => void;
  readonly now: () => number;
  readonly clock: () => Date;
  readonly version: string;
  readonly packages: readonly string[];
  readonly reportStyles?: string;
  readonly docsAssets?: DocsAssets;
}

/** Passed to each `register…Routes` function. */
export interface RouteContext {
  readonly routes: RouteRegistry;
  readonly deps: ResolvedDeps;
}
