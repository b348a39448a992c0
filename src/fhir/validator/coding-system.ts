/**
 * Coding.system rules (https://hl7.org/fhir/R4/datatypes.html#Coding): the system is the URI of a
 * code system, so it must be absolute, and it must not be the canonical URL of a ValueSet (a common
 * mistake the HL7 validator reports as an error).
 * @module
 */
import { hasScheme } from './char-scans.js';
import type { ValidationContext } from './validation-context.js';

/** Checks `system` of one Coding at the current location. */
export function checkCodingSystem(ctx: ValidationContext, coding: Record<string, unknown>): void {
  const system = coding['system'];
  if (typeof system !== 'string' || system === '') return;
  if (!hasScheme(system)) {
    ctx.pushProperty('.system', 'system');
    ctx.report('structure.coding-system-relative', { system });
    ctx.pop();
    return;
  }
  // only a canonical with a ValueSet path segment can name one (keeps the common case to one test)
  if (!system.includes('/ValueSet/')) return;
  const registry = ctx.services.model.registry;
  if (registry.valueSet(system) && !registry.codeSystem(system)) {
    ctx.pushProperty('.system', 'system');
    ctx.report('structure.coding-system-is-value-set', { system });
    ctx.pop();
  }
}
