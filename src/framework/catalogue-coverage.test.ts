/**
 * Keeps the catalogue honest: every requirement is checkable, and every code it traces exists or is
 * one the other check families have promised. Codes of families this area owns must be registered.
 */
import { describe, expect, it } from 'vitest';
import { issueCodes, isIssueCode } from '../issues/codes/index.js';
import { builtinCatalogue } from './builtin-catalogue.js';

/** Codes and families other areas report (engine, England rules, feeds, federation). */
const promised = new Set([
  'cardinality.too-few',
  'cardinality.too-many',
  'structure.*',
  'primitive.*',
  'invariant.failed',
  'binding.not-in-value-set',
  'binding.not-checked',
  'pattern.mismatch',
  'fixed.mismatch',
  'slice.*',
  'extension.unknown',
  'reference.*',
  'england.nhs-number-format',
  'england.nhs-number-check-digit',
  'england.nhs-number-same-digits',
  'england.nhs-number-test-range',
  'england.ods-code-format',
  'england.cqc-id-format',
  'england.sctid-format',
  'england.sctid-check-digit',
  'england.postcode-format',
  'england.la-code-not-upper-tier',
  'jsonschema.required',
  'jsonschema.enum',
  'jsonschema.format',
  'jsonschema.type',
  'feed.event-end-before-start',
  'feed.open-ended-non-service',
  'feed.duplicate-event-reference',
  'feed.linked-person-unresolved',
  'feed.adult-under-18',
  'capability.*',
]);

/** Families whose registry entries live in this area. */
const ownFamilies = new Set(['jsonschema', 'policy']);

const registered = Object.keys(issueCodes);

function familyOf(code: string): string {
  return code.slice(0, code.indexOf('.'));
}

function isRegistered(code: string): boolean {
  if (code.endsWith('.*')) return registered.some((c) => familyOf(c) === familyOf(code));
  return isIssueCode(code);
}

function isPromised(code: string): boolean {
  return promised.has(code) || promised.has(`${familyOf(code)}.*`);
}

const traced = [
  ...new Set(builtinCatalogue.requirements.flatMap((r) => r.traces.map((t) => t.code))),
].sort();

describe('requirement catalogue coverage', () => {
  it.each(builtinCatalogue.requirements.map((r) => [r.id, r] as const))(
    '%s is traced or checked per submission',
    (_id, r) => {
      const perSubmission = r.checkedBy.some(
        (c) => c.kind === 'aggregate' || c.kind === 'capability',
      );
      expect(r.traces.length > 0 || perSubmission).toBe(true);
    },
  );

  it('traces only codes that are registered or promised by another area', () => {
    const unknown = traced.filter((c) => !isRegistered(c) && !isPromised(c));
    expect(unknown).toEqual([]);
    const pending = traced.filter((c) => !isRegistered(c));
    // Not a failure: other areas register these as their checks land.
    if (pending.length)
      console.info(`catalogue traces codes not yet in the registry: ${pending.join(', ')}`);
  });

  it('traces codes of its own families only when they are registered', () => {
    const missing = traced.filter((c) => ownFamilies.has(familyOf(c)) && !isRegistered(c));
    expect(missing).toEqual([]);
  });

  it('restricts traces to feeds the requirement applies to', () => {
    for (const r of builtinCatalogue.requirements) {
      for (const t of r.traces)
        if (t.feed) expect(r.appliesTo.feeds, `${r.id} ${t.code}`).toContain(t.feed);
    }
  });
});
