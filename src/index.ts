/**
 * MDSS public API. The names below are the supported surface; everything else is internal.
 *
 * @example
 * ```ts
 * import { createNodeChecker, createNodeValidator, toOperationOutcome } from 'mdss';
 * const { result } = await createNodeChecker().checkText(text, { allowTestNumbers: true }); // the CLI's and the service's pipeline
 * const validator = createNodeValidator(); // framework on; createNodeValidator([], { framework: 'none' }) for base R4 only
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
export type {
  Checker,
  CheckerOptions,
  CheckOptions,
  CheckedPayload,
  FeedName,
  ResourceSource,
} from './check/create-checker.js';
export { noFramework, feedKinds } from './check/check-options.js';
export type { FhirSyntax, ParsedPayload } from './check/fhir-syntaxes.js';
export { createNodeChecker } from './node/create-node-checker.js';
export type { NodeCheckerOptions } from './node/create-node-checker.js';
export type { NodeValidatorOptions } from './node/create-node-validator.js';
export { isValid, isBlocking } from './issues/validity.js';
export { validateFeed, validateFeedStream, validateFeedText, detectFeed } from './feeds/index.js';
export type { ValidationResult, ValidateOptions, RecordRef } from './validation-result.js';
export type { Issue, Severity, Position } from './issues/issue.js';
export { issueCodes } from './issues/codes/index.js';
export type { IssueCode, IssueParamsOf } from './issues/codes/index.js';
export {
  issueCodeSystem,
  issuePointerExtension,
  issueRequirementExtension,
  toOperationOutcome,
  waivedExtension,
} from './issues/to-operation-outcome.js';
export { builtinCatalogue } from './framework/builtin-catalogue.js';
export { summarizeSubmission } from './framework/submission-summary.js';
export type { SubmissionSummary } from './framework/submission-summary.js';
export { applyPolicy, loadPolicy } from './policy/index.js';
export type { PartnerPolicy } from './policy/index.js';
export { ConfigError, PackError, ResolverError } from './errors.js';
export { version } from './version.js';
