/** One base-R4 validator per test file (loading the definitions takes about half a second). */
import type { Validator } from '../../src/fhir/validator/create-validator.js';
import { createNodeValidator } from '../../src/node/create-node-validator.js';

let cached: Validator | undefined;

/** The shared base validator (created on first use). */
export function baseValidator(): Validator {
  cached ??= createNodeValidator([], { framework: 'none' });
  return cached;
}
