import type { BindingInput } from './check-binding.js';

/** Extension urls of R5's additional bindings, as used on R4 ElementDefinitions. */
export const additionalBindingUrls: readonly string[] = Object.freeze([
  'http://hl7.org/fhir/5.0/StructureDefinition/extension-ElementDefinition.binding.additional',
  'http://hl7.org/fhir/tools/StructureDefinition/additional-binding',
]);

/** R4's maximum value set extension on ElementDefinition.binding (codes must come from it). */
export const maxValueSetUrl =
  'http://hl7.org/fhir/StructureDefinition/elementdefinition-maxValueSet';

/** Additional-binding purposes that are checked, and the strength each is checked with. */
const purposeStrength: Readonly<Record<string, BindingInput['strength']>> = {
  required: 'required',
  maximum: 'required',
  extensible: 'extensible',
};

interface RawExtension {
  readonly url?: unknown;
  readonly valueCode?: unknown;
  readonly valueCanonical?: unknown;
  readonly extension?: readonly RawExtension[];
}

/**
 * The bindings to check on an element: its `ElementDefinition.binding` plus any additional bindings
 * (R5 `binding.additional` extension) whose purpose is `required`, `maximum` (checked as required)
 * or `extensible`, plus the R4 `elementdefinition-maxValueSet` extension (checked as required).
 * Additional bindings restricted by `usage` contexts, and those with other purposes (`preferred`,
 * `ui`, `starter`, `candidate`, `current`, `minimum`, `component`), are left out.
 * Call {@link checkBinding} once per returned binding.
 */
export function bindingsOf(binding: unknown): BindingInput[] {
  if (typeof binding !== 'object' || binding === null) return [];
  const b = binding as { strength?: unknown; valueSet?: unknown; extension?: unknown };
  const out: BindingInput[] = [];
  if (isStrength(b.strength)) {
    out.push(
      typeof b.valueSet === 'string'
        ? { strength: b.strength, valueSet: b.valueSet }
        : { strength: b.strength },
    );
  }
  const extensions = Array.isArray(b.extension) ? (b.extension as RawExtension[]) : [];
  for (const ext of extensions) {
    if (ext.url === maxValueSetUrl && typeof ext.valueCanonical === 'string')
      out.push({ strength: 'required', valueSet: ext.valueCanonical });
    if (typeof ext.url !== 'string' || !additionalBindingUrls.includes(ext.url)) continue;
    const parts = ext.extension ?? [];
    const purpose = parts.find((p) => p.url === 'purpose')?.valueCode;
    const valueSet = parts.find((p) => p.url === 'valueSet')?.valueCanonical;
    if (parts.some((p) => p.url === 'usage')) continue;
    const strength = typeof purpose === 'string' ? purposeStrength[purpose] : undefined;
    if (strength && typeof valueSet === 'string') out.push({ strength, valueSet });
  }
  return out;
}

function isStrength(value: unknown): value is BindingInput['strength'] {
  return (
    value === 'required' || value === 'extensible' || value === 'preferred' || value === 'example'
  );
}
