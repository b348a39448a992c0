/**
 * The whole pipeline for one payload, shared by the CLI, the service and the demo:
 * detect kind → validate (FHIR engine or feed engine) → framework (requirement ids, version) →
 * partner policy (waivers, severity overrides). Edge-safe: everything is injected.
 * @module
 */
import { validateFeed } from '../feeds/index.js';
import { detectFeed } from '../feeds/detect-feed.js';
import type { Validator } from '../fhir/validator/create-validator.js';
import { validateNdjson } from '../fhir/validator/validate-ndjson.js';
import { applyFramework } from '../framework/apply-framework.js';
import type { RequirementCatalogue } from '../framework/catalogue.js';
import { createRequirementTracer } from '../framework/requirement-tracer.js';
import { applyPolicy } from '../policy/apply-policy.js';
import type { PartnerPolicy } from '../policy/partner-policy.js';
import type { ValidateOptions, ValidationResult } from '../validation-result.js';

/** The feeds MDSS knows: FHIR (resource, Bundle or NDJSON) and the social-care returns. */
export const feedKinds = ['fhir', 'cld', 'cin'] as const;

/** One feed kind. */
export type FeedName = (typeof feedKinds)[number];

/** True for a known feed name. */
export function isFeedName(value: string): value is FeedName {
  return (feedKinds as readonly string[]).includes(value);
}

/** Options of one check. */
export interface CheckOptions extends ValidateOptions {
  /** Used for detection (extension) only. */
  readonly filename?: string;
  /** Forces the feed kind instead of detecting it. */
  readonly feed?: FeedName;
  readonly policy?: PartnerPolicy;
  /** Clock for policy expiry. */
  readonly now?: Date;
}

/** The outcome of one check. */
export interface CheckedPayload {
  readonly feed: FeedName;
  readonly format: 'json' | 'ndjson' | 'csv';
  readonly result: ValidationResult;
}

/** A configured pipeline. */
export interface Checker {
  readonly validator: Validator;
  readonly catalogue: RequirementCatalogue;
  check(text: string, options?: CheckOptions): CheckedPayload;
}

/** Options of {@link createChecker}. */
export interface CheckerOptions {
  readonly validator: Validator;
  readonly catalogue: RequirementCatalogue;
  /** The framework's "test data" setting: accept NHS numbers from the 999 test range in feeds. */
  readonly allowTestNumbers?: boolean;
}

/** Creates the pipeline. */
export function createChecker(options: CheckerOptions): Checker {
  const tracer = createRequirementTracer(options.catalogue);
  return {
    validator: options.validator,
    catalogue: options.catalogue,
    check(text, opts = {}) {
      const { feed, format, result } = validate(options, text, opts);
      let out = applyFramework(result, options.catalogue, feed, tracer);
      if (opts.policy) out = applyPolicy(out, opts.policy, opts.now ?? new Date());
      return { feed, format, result: out };
    },
  };
}

function validate(options: CheckerOptions, text: string, opts: CheckOptions): CheckedPayload {
  const limits: ValidateOptions = {
    ...(opts.profiles ? { profiles: opts.profiles } : {}),
    ...(opts.maxIssues !== undefined ? { maxIssues: opts.maxIssues } : {}),
    ...(opts.maxDepth !== undefined ? { maxDepth: opts.maxDepth } : {}),
    ...(opts.timeBudgetMs !== undefined ? { timeBudgetMs: opts.timeBudgetMs } : {}),
  };
  const detected = detectFeed(text, opts.filename);
  const feed: FeedName = opts.feed ?? (detected.feed as FeedName | undefined) ?? 'fhir';
  if (feed !== 'fhir') {
    const result = validateFeed(text, {
      feed,
      format: detected.format,
      ...(options.allowTestNumbers ? { allowTestNumbers: true } : {}),
      ...(opts.maxIssues !== undefined ? { maxIssues: opts.maxIssues } : {}),
      ...(opts.timeBudgetMs !== undefined ? { timeBudgetMs: opts.timeBudgetMs } : {}),
    });
    return { feed, format: detected.format, result };
  }
  if (detected.format === 'ndjson') return { feed, format: 'ndjson', result: validateNdjson(options.validator, text, limits) };
  return { feed, format: 'json', result: options.validator.validate(text, limits) };
}
