/**
 * Binding merge: the differential's binding replaces the base's, keeping the base's extensions
 * (e.g. `elementdefinition-bindingName`) when the differential has none. Loosening a `required`
 * binding is reported (https://hl7.org/fhir/R4/profiling.html#binding).
 * @module
 */
import type { ElementDefinition } from '../conformance-resource.js';
import type { MessageCollector } from './snapshot-result.js';

type Binding = NonNullable<ElementDefinition['binding']>;

const strengthRank: Record<string, number> = {
  required: 4,
  extensible: 3,
  preferred: 2,
  example: 1,
};

/** The binding of a snapshot element after applying a differential binding. */
export function mergeBinding(
  base: Binding | undefined,
  diff: Binding,
  messages: MessageCollector,
  id: string | undefined,
): Binding {
  const merged = structuredClone(diff);
  if (!base) return merged;
  if (base.strength === 'required' && diff.strength !== 'required') {
    messages.report(
      'error',
      'snapshot.binding-loosened',
      `${id}: binding strength ${diff.strength} loosens the base's required binding`,
      id,
    );
  } else if (
    (strengthRank[diff.strength ?? ''] ?? 0) < (strengthRank[base.strength ?? ''] ?? 0) &&
    base.strength === 'extensible'
  ) {
    messages.report(
      'warning',
      'snapshot.binding-loosened',
      `${id}: binding strength ${diff.strength} is weaker than the base's ${base.strength}`,
      id,
    );
  }
  if (!merged.extension && base.extension) merged.extension = structuredClone(base.extension);
  if (
    !merged.description &&
    base.description &&
    (!merged.valueSet || merged.valueSet === base.valueSet)
  )
    merged.description = base.description;
  if (!merged.valueSet && base.valueSet) merged.valueSet = base.valueSet;
  return merged;
}
