import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CanonicalRegistry } from '../definitions/canonical-registry.js';
import { bindingsOf } from './bindings-of.js';
import { checkBinding } from './check-binding.js';
import { LocalTerminology } from './terminology.js';

const ADDITIONAL =
  'http://hl7.org/fhir/5.0/StructureDefinition/extension-ElementDefinition.binding.additional';

function additional(purpose: string, valueSet: string, usage = false): unknown {
  return {
    url: ADDITIONAL,
    extension: [
      { url: 'purpose', valueCode: purpose },
      { url: 'valueSet', valueCanonical: valueSet },
      ...(usage ? [{ url: 'usage', valueUsageContext: { code: { code: 'focus' } } }] : []),
    ],
  };
}

describe('bindingsOf', () => {
  it('returns the main binding and the checkable additional bindings', () => {
    const binding = {
      strength: 'example',
      valueSet: 'http://example.org/ValueSet/main',
      extension: [
        additional('required', 'http://example.org/ValueSet/r'),
        additional('maximum', 'http://example.org/ValueSet/m'),
        additional('extensible', 'http://example.org/ValueSet/e'),
        additional('preferred', 'http://example.org/ValueSet/p'),
        additional('required', 'http://example.org/ValueSet/in-context', true),
      ],
    };
    expect(bindingsOf(binding)).toEqual([
      { strength: 'example', valueSet: 'http://example.org/ValueSet/main' },
      { strength: 'required', valueSet: 'http://example.org/ValueSet/r' },
      { strength: 'required', valueSet: 'http://example.org/ValueSet/m' },
      { strength: 'extensible', valueSet: 'http://example.org/ValueSet/e' },
    ]);
  });

  it('adds the R4 maxValueSet extension as a required binding', () => {
    const binding = {
      strength: 'preferred',
      valueSet: 'http://hl7.org/fhir/ValueSet/languages',
      extension: [
        {
          url: 'http://hl7.org/fhir/StructureDefinition/elementdefinition-maxValueSet',
          valueCanonical: 'http://hl7.org/fhir/ValueSet/all-languages',
        },
      ],
    };
    expect(bindingsOf(binding)).toEqual([
      { strength: 'preferred', valueSet: 'http://hl7.org/fhir/ValueSet/languages' },
      { strength: 'required', valueSet: 'http://hl7.org/fhir/ValueSet/all-languages' },
    ]);
  });

  it('ignores what is not a binding', () => {
    expect(bindingsOf(undefined)).toEqual([]);
    expect(bindingsOf({ strength: 'bogus' })).toEqual([]);
    expect(bindingsOf({ strength: 'required' })).toEqual([{ strength: 'required' }]);
  });
});

// The HL7 validator case "additional-bindings-observation-2#profile" (../shared, skipped when absent).
const files = join(
  fileURLToPath(new URL('../../../', import.meta.url)),
  '..',
  'shared',
  'conformance',
  'hl7-validator-cases',
  'files',
);
const present = [
  'additional-bindings-profile-2.json',
  'additional-bindings-vs1.json',
  'additional-bindings-observation.json',
].every((f) => existsSync(join(files, f)));

describe.skipIf(!present)('additional bindings: HL7 validator case', () => {
  it('a LOINC code outside the required additional value set is one error at Observation.code', () => {
    const read = (f: string): unknown =>
      JSON.parse(readFileSync(join(files, f), 'utf8')) as unknown;
    const profile = read('additional-bindings-profile-2.json') as {
      differential: { element: { path: string; binding?: unknown }[] };
    };
    const observation = read('additional-bindings-observation.json') as { code: unknown };
    const registry = new CanonicalRegistry();
    registry.add(read('additional-bindings-vs1.json'));
    const tx = new LocalTerminology(registry);
    const element = profile.differential.element.find((e) => e.path === 'Observation.code')!;
    const got: { code: string; pointer: string }[] = [];
    for (const b of bindingsOf(element.binding)) {
      checkBinding(tx, b, 'CodeableConcept', observation.code, (code, _params, pointer = '') =>
        got.push({ code, pointer }),
      );
    }
    expect(got).toEqual([{ code: 'binding.not-in-value-set', pointer: '' }]);
  });
});
