/**
 * FHIRPath `memberOf(valueSet)` (https://hl7.org/fhir/R4/fhirpath.html#functions) answered from the
 * validator's local terminology, so invariants such as `code.memberOf('…')` in a profile are
 * evaluated offline: true when a code of the value is in the value set, false when every code is
 * shown not to be, undefined (FHIRPath empty) when membership cannot be decided offline.
 * @module
 */
import type { LocalTerminology } from '../terminology/terminology.js';

/** Membership of a code, Coding or CodeableConcept in `valueSet`. */
export function memberOf(
  tx: LocalTerminology,
  valueSet: string,
  value: unknown,
): boolean | undefined {
  const codings: { system?: string; code: string }[] = [];
  const add = (c: unknown) => {
    if (typeof c !== 'object' || c === null) return;
    const { system, code } = c as { system?: unknown; code?: unknown };
    if (typeof code === 'string')
      codings.push({ ...(typeof system === 'string' ? { system } : {}), code });
  };
  if (typeof value === 'string') codings.push({ code: value });
  else if (typeof value === 'object' && value !== null) {
    const coding = (value as { coding?: unknown }).coding;
    if (Array.isArray(coding)) coding.forEach(add);
    else add(value);
  }
  if (codings.length === 0) return undefined;
  let unknown = false;
  for (const c of codings) {
    const r = tx.validateCode(valueSet, c);
    if (r.outcome === 'valid') return true;
    if (r.outcome === 'not-checked') unknown = true;
  }
  return unknown ? undefined : false;
}
