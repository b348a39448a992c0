/**
 * Federated partner checks (Node only): read a partner's FHIR endpoint (CapabilityStatement and
 * sampled resources), compare and validate against the framework, and summarise as a `pull`
 * submission. `pullPartner` is the entry point for the CLI and the service.
 * @module
 */
export {
  pullPartner,
  DEFAULT_SAMPLE_SIZE,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_MIN_INTERVAL_MS,
} from './pull-partner.js';
export type { PullOutcome, PullPartnerOptions, Unreachable } from './pull-partner.js';
export {
  deriveRequiredCapabilities,
  keySearchParams,
  requiredInteractions,
} from './required-capabilities.js';
export type { RequiredCapabilities, RequiredResource } from './required-capabilities.js';
export { compareCapabilities } from './compare-capabilities.js';
export { createFhirPullClient } from './fhir-pull-client.js';
export type { FhirPullClient, PullResponse, RetryPolicy } from './fhir-pull-client.js';
export { createRateLimiter, partnerRateLimiter } from './rate-limiter.js';
export type { RateLimiter } from './rate-limiter.js';
export type { SecretLookup } from './endpoint-auth.js';
export type { PullClock } from './pull-clock.js';
export { endpointFromStored, endpointToStored } from './stored-endpoint.js';
export { toPullReport, renderPullText } from './pull-report.js';
export type { PullReport, PullIssueView } from './pull-report.js';
