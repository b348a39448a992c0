/**
 * Partner policy (severity overrides, suppressions, requirement waivers, limits) and the partner
 * registry file. Edge-safe: the clock is a parameter.
 * @module
 */
export { applyPolicy } from './apply-policy.js';
export { findPolicyProblems } from './find-policy-problems.js';
export type { PolicyProblem } from './find-policy-problems.js';
export { loadPolicy } from './load-policy.js';
export { activeWaivers, isExpired, policyValidateOptions } from './partner-policy.js';
export type {
  PartnerPolicy,
  PolicyLimits,
  RequirementWaiver,
  Suppression,
} from './partner-policy.js';
export { findPartner, loadPartnerRegistry } from './partner-registry.js';
export type {
  PartnerFhirEndpoint,
  PartnerRegistry,
  RegistryPartner,
  RegistryPartnerKind,
} from './partner-registry.js';
