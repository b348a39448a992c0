/**
 * Loads a partner policy file: checked against schemas/partner-policy.schema.json (precompiled) and
 * returned frozen. A broken policy is a setup error: `ConfigError` with code `policy.invalid`.
 * @module
 */
import { ConfigError } from '../errors.js';
import { deepFreeze } from '../framework/deep-freeze.js';
import { validate } from '../generated/schemas/partner-policy.js';
import type { PartnerPolicy } from './partner-policy.js';

/** Validates policy JSON (already parsed) and returns a frozen copy without `$schema`. */
export function loadPolicy(json: unknown): PartnerPolicy {
  if (!validate(json)) {
    const detail = (validate.errors ?? [])
      .map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`)
      .join('; ');
    throw new ConfigError('policy.invalid', `Invalid partner policy: ${detail}`);
  }
  const { $schema: _schema, ...policy } = structuredClone(json) as PartnerPolicy & {
    $schema?: string;
  };
  return deepFreeze(policy);
}
