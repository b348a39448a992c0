/**
 * MDSS public API. The names below are the supported surface; everything else is internal.
 *
 * @example
 * ```ts
 * import { createNodeValidator, toOperationOutcome } from 'mdss';
 * const validator = createNodeValidator();
 * const result = validator.validate('{"resourceType":"Patient","birthDate":"2020-02-30"}');
 * result.issues[0]?.code; // 'primitive.invalid-date'
 * const outcome = toOperationOutcome(result.issues);
 * ```
 * @module
 */
import './node/fhirpath-node.js';
export { createValidator } from './fhir/validator/create-validator.js';
export type { Validator, ValidatorOptions } from './fhir/validator/create-validator.js';
export { createNodeValidator, loadBaseRegistry } from './node/create-node-validator.js';
export { CanonicalRegistry } from './fhir/definitions/canonical-registry.js';
export { createChecker } from './check/create-checker.js';
export type { Checker, CheckOptions, CheckedPayload, FeedName } from './check/create-checker.js';
export { validateFeed, validateFeedStream, validateFeedText, detectFeed } from './feeds/index.js';
export type { ValidationResult, ValidateOptions, RecordRef } from './validation-result.js';
export type { Issue, Severity, Position } from './issues/issue.js';
export { issueCodes } from './issues/codes/index.js';
export { toOperationOutcome } from './issues/to-operation-outcome.js';
export { builtinCatalogue } from './framework/builtin-catalogue.js';
export { summarizeSubmission } from './framework/submission-summary.js';
export type { SubmissionSummary } from './framework/submission-summary.js';
export { applyPolicy, loadPolicy } from './policy/index.js';
export type { PartnerPolicy } from './policy/index.js';
export { ConfigError, PackError, ResolverError } from './errors.js';
export { version } from './version.js';
