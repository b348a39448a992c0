/**
 * A StructureDefinition payload checked like the HL7 validator checks one: a constraint's
 * differential is applied to its base by the snapshot generator (whatever snapshot the payload
 * carries), and what the generator finds wrong in the differential itself is an error at that
 * differential element: a path the base does not have, a type the base does not allow, cardinality
 * wider than the base, a fixed value that contradicts the base's, closed slicing reopened, a binding
 * loosened, a choice renamed to a type the base does not allow, a slicing discriminator whose path
 * starts at no element of the sliced element's type. Conditions that depend on what is loaded (an unresolvable base or type profile) are not
 * reported here.
 * @module
 */
import type {
  ElementDefinition,
  StructureDefinition,
} from '../definitions/conformance-resource.js';
import { SnapshotGenerator } from '../definitions/snapshot/index.js';
import type { ValidationContext } from './validation-context.js';

/** Generator conditions that are faults of the differential, not of what is loaded. */
const differentialFaults = new Set([
  'snapshot.element-without-path',
  'snapshot.element-not-found',
  'snapshot.type-not-allowed',
  'snapshot.min-below-base',
  'snapshot.max-above-base',
  'snapshot.min-above-max',
  'snapshot.fixed-conflict',
  'snapshot.slicing-rules-loosened',
  'snapshot.target-not-allowed',
  'snapshot.binding-loosened',
]);

/** Checks one StructureDefinition (already walked structurally). */
export function checkStructureDefinition(
  ctx: ValidationContext,
  sd: Record<string, unknown>,
): void {
  const differential = sd['differential'] as { element?: unknown } | undefined;
  if (
    sd['derivation'] !== 'constraint' ||
    typeof sd['baseDefinition'] !== 'string' ||
    !Array.isArray(differential?.element)
  )
    return;
  const registry = ctx.services.model.registry;
  if (!registry.structureDefinition(sd['baseDefinition'])) return;
  const { snapshot: _, ...withoutSnapshot } = sd;
  void _;
  let result;
  try {
    result = new SnapshotGenerator(registry).generate(
      withoutSnapshot as unknown as StructureDefinition,
    );
  } catch {
    return; // not a StructureDefinition the generator can read: the structural walk reported it
  }
  const elements = differential.element as unknown[];
  const reported = new Set<string>();
  const report = (index: number, condition: string) => {
    if (reported.has(`${index}|${condition}`)) return;
    reported.add(`${index}|${condition}`);
    if (index >= 0) {
      ctx.pushProperty('.differential', 'differential');
      ctx.pushProperty('.element', 'element');
      ctx.pushIndex(index);
    }
    ctx.report('structuredefinition.differential-invalid', { condition });
    if (index >= 0) for (let i = 0; i < 3; i++) ctx.pop();
  };
  for (const m of result.messages) {
    if (m.severity !== 'error' || !differentialFaults.has(m.code)) continue;
    const index = elements.findIndex(
      (e) => typeof e === 'object' && e !== null && (e as { id?: unknown }).id === m.elementId,
    );
    report(index, m.code.slice('snapshot.'.length));
  }
  const snapshot = result.structureDefinition.snapshot?.element;
  if (!snapshot?.length) return;
  checkChoicePaths(elements, snapshot, report);
  checkDiscriminatorPaths(ctx, elements, snapshot);
  checkTypeProfiles(ctx, elements);
}

/**
 * A type's `profile` must constrain that type (https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.type.profile):
 * the profile's base type (down its chain of constraints) is the type, or specialises it only
 * through abstract types (a Patient profile on `Resource`). `Count` (a specialisation of Quantity) on
 * a `Quantity` is not. Profiles that cannot be resolved are not judged here.
 */
function checkTypeProfiles(ctx: ValidationContext, elements: readonly unknown[]): void {
  const registry = ctx.services.model.registry;
  elements.forEach((raw, index) => {
    if (typeof raw !== 'object' || raw === null) return;
    const types = (raw as ElementDefinition).type;
    if (!Array.isArray(types)) return;
    types.forEach((t, ti) => {
      const code = t?.code;
      if (typeof code !== 'string' || code.includes(':') || code === 'Reference') return;
      (Array.isArray(t.profile) ? t.profile : []).forEach((p, pi) => {
        if (typeof p !== 'string') return;
        const baseType = specialisationOf(registry, p);
        if (baseType === undefined || isInstanceOf(registry, baseType, code)) return;
        ctx.pushProperty('.differential', 'differential');
        ctx.pushProperty('.element', 'element');
        ctx.pushIndex(index);
        ctx.pushProperty('.type', 'type');
        ctx.pushIndex(ti);
        ctx.pushProperty('.profile', 'profile');
        ctx.pushIndex(pi);
        ctx.report('structuredefinition.type-profile-wrong-type', {
          profile: p,
          profileType: baseType.type ?? '',
          type: code,
        });
        for (let k = 0; k < 7; k++) ctx.pop();
      });
    });
  });
}

type Registry = ValidationContext['services']['model']['registry'];

/** The StructureDefinition a profile finally constrains (its chain of constraints followed down). */
function specialisationOf(registry: Registry, url: string): StructureDefinition | undefined {
  let sd = registry.structureDefinition(url);
  for (let depth = 0; sd && sd.derivation === 'constraint' && depth < 32; depth++)
    sd = sd.baseDefinition ? registry.structureDefinition(sd.baseDefinition) : undefined;
  return sd?.derivation === 'constraint' ? undefined : sd;
}

/** True when `sd` is of type `code`, or reaches it through abstract ancestors only. */
function isInstanceOf(registry: Registry, sd: StructureDefinition, code: string): boolean {
  for (let t: StructureDefinition | undefined = sd, depth = 0; t && depth < 32; depth++) {
    if (t.type === code || t.url === code) return true;
    t = t.baseDefinition ? registry.structureDefinition(t.baseDefinition) : undefined;
    if (t && !t.abstract && t.kind !== 'logical') return false;
  }
  return false;
}

/** A discriminator path's first step: a plain element name (functions, `$this` and casts are not checked). */
const firstStep = /^([a-z][A-Za-z0-9]*)(?:\.|$)/;

/**
 * Each slicing discriminator path must start at an element of the sliced element's type (or of its
 * own children in the snapshot): `type` on an Extension names nothing, so no item could ever match.
 */
function checkDiscriminatorPaths(
  ctx: ValidationContext,
  elements: readonly unknown[],
  snapshot: readonly ElementDefinition[],
): void {
  const registry = ctx.services.model.registry;
  const byId = new Map(snapshot.map((e) => [e.id, e]));
  const paths = new Set(snapshot.map((e) => e.path));
  elements.forEach((raw, index) => {
    if (typeof raw !== 'object' || raw === null) return;
    const e = raw as ElementDefinition;
    const discriminators = e.slicing?.discriminator;
    if (!Array.isArray(discriminators) || typeof e.path !== 'string') return;
    const types = (byId.get(e.id)?.type ?? e.type ?? []).map((t) => t.code ?? '');
    if (types.length === 0 || types.some((t) => t === '' || t.includes('/'))) return;
    const has = (name: string): boolean => {
      const children = [`${e.path}.${name}`];
      for (const t of types) children.push(`${t}.${name}`);
      if (children.some((c) => paths.has(c) || paths.has(`${c}[x]`))) return true;
      return types.some((t) => {
        const definition = registry.baseDefinition(t)?.snapshot?.element ?? [];
        return definition.some((d) => {
          const p = d.path ?? '';
          if (p === `${t}.${name}`) return true;
          return p.endsWith('[x]') && `${t}.${name}`.startsWith(p.slice(0, -3));
        });
      });
    };
    const known = types.every((t) => registry.baseDefinition(t)?.snapshot?.element?.length);
    if (!known) return;
    discriminators.forEach((d, i) => {
      const path = (d as { path?: unknown }).path;
      const name = typeof path === 'string' ? firstStep.exec(path)?.[1] : undefined;
      if (name === undefined || has(name)) return;
      ctx.pushProperty('.differential', 'differential');
      ctx.pushProperty('.element', 'element');
      ctx.pushIndex(index);
      ctx.pushProperty('.slicing', 'slicing');
      ctx.pushProperty('.discriminator', 'discriminator');
      ctx.pushIndex(i);
      ctx.report('structuredefinition.discriminator-path-invalid');
      for (let k = 0; k < 6; k++) ctx.pop();
    });
  });
}

/**
 * A differential path that renames a choice (`Observation.valueQuantity` for `value[x]`) must name
 * one of the choice's types in the base: `Observation.valueBla` is a path the base does not have
 * (the element's id alone may still locate it, so the generator does not see this).
 */
function checkChoicePaths(
  elements: readonly unknown[],
  snapshot: readonly ElementDefinition[],
  report: (index: number, condition: string) => void,
): void {
  const choices = new Map<string, readonly string[]>();
  const paths = new Set<string>();
  for (const e of snapshot) {
    if (typeof e.path !== 'string') continue;
    paths.add(e.path);
    if (e.path.endsWith('[x]'))
      choices.set(
        e.path.slice(0, -3),
        (e.type ?? []).map((t) => t.code ?? ''),
      );
  }
  elements.forEach((e, index) => {
    const path = typeof e === 'object' && e !== null ? (e as { path?: unknown }).path : undefined;
    if (typeof path !== 'string' || paths.has(path) || path.endsWith('[x]')) return;
    for (const [stem, types] of choices) {
      if (!path.startsWith(stem) || path.includes('.', stem.length)) continue;
      const suffix = path.slice(stem.length);
      if (!/^[A-Z]/.test(suffix)) continue;
      if (!types.some((t) => t.toLowerCase() === suffix.toLowerCase()))
        report(index, 'type-not-allowed');
      return;
    }
  });
}
