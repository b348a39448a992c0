/**
 * Identifier rules that are not FHIRPath invariants: an identifier whose system is
 * `urn:ietf:rfc:3986` says its value is a URI (https://hl7.org/fhir/R4/identifier-registry.html),
 * so the value must be an absolute URI (with a scheme, such as `urn:oid:` or `http:`).
 * @module
 */
import type { ValidationContext } from './validation-context.js';

const uriSystem = 'urn:ietf:rfc:3986';
const reAbsolute = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** Checks one Identifier value at the current location. */
export function checkIdentifier(ctx: ValidationContext, identifier: Record<string, unknown>): void {
  if (identifier['system'] !== uriSystem) return;
  const value = identifier['value'];
  if (typeof value !== 'string' || value === '' || reAbsolute.test(value)) return;
  ctx.pushProperty('.value', 'value');
  ctx.report('structure.identifier-value-not-uri', {});
  ctx.pop();
}
