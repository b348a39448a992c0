/**
 * Type narrowing: the differential's type list replaces the base's, and each differential type must
 * be one the base allows (the same code, a specialisation of it, any type under `*`/`Element`, a
 * resource under `Resource`). Profiles and target profiles the differential omits are kept from the
 * base type of the same code, so a profile never widens what its base allowed.
 * @module
 */
import type { ElementDefinition } from '../conformance-resource.js';
import type { MessageCollector } from './snapshot-result.js';

type TypeRef = NonNullable<ElementDefinition['type']>[number];

/** Answers "is type code `a` the same as or derived from `b`" (from the registry's base definitions). */
export interface TypeChecker {
  isSubtype(code: string, ancestor: string): boolean;
  /**
   * True when the StructureDefinition `url` is `ancestor` or derives from it (through its
   * baseDefinition chain, or because `ancestor` is the core definition of its type or of one of
   * that type's ancestors); undefined when `url` cannot be resolved.
   */
  conformsTo?(url: string, ancestor: string): boolean | undefined;
}

/** The merged type list of a snapshot element. */
export function mergeTypes(
  base: readonly TypeRef[] | undefined,
  diff: readonly TypeRef[],
  checker: TypeChecker,
  messages: MessageCollector,
  id: string | undefined,
): TypeRef[] {
  const out: TypeRef[] = [];
  for (const d of diff) {
    const t = structuredClone(d);
    const same = base?.find((b) => b.code === d.code);
    if (base && base.length > 0 && !same && !base.some((b) => allows(b, d.code, checker))) {
      messages.report(
        'error',
        'snapshot.type-not-allowed',
        `${id}: type ${d.code} is not allowed by the base (${base.map((b) => b.code).join(', ')})`,
        id,
      );
    }
    if (same) {
      if (!t.profile && same.profile) t.profile = [...same.profile];
      if (!t.targetProfile && same.targetProfile) t.targetProfile = [...same.targetProfile];
      else if (t.targetProfile && same.targetProfile?.length)
        checkTargets(t.targetProfile, same.targetProfile, checker, messages, id);
      if (!t.aggregation && same.aggregation) t.aggregation = [...same.aggregation];
      if (!t.versioning && same.versioning) t.versioning = same.versioning;
    }
    out.push(t);
  }
  return out;
}

/** Each narrowed target profile must be (or derive from) one the base allows. */
function checkTargets(
  targets: readonly string[],
  allowed: readonly string[],
  checker: TypeChecker,
  messages: MessageCollector,
  id: string | undefined,
): void {
  if (!checker.conformsTo) return;
  for (const target of targets) {
    const verdicts = allowed.map((a) =>
      checker.conformsTo!(withoutVersion(target), withoutVersion(a)),
    );
    if (verdicts.includes(true) || verdicts.includes(undefined)) continue;
    messages.report(
      'error',
      'snapshot.target-not-allowed',
      `${id}: target profile ${target} is not allowed by the base (${allowed.join(', ')})`,
      id,
    );
  }
}

function withoutVersion(url: string): string {
  const bar = url.indexOf('|');
  return bar < 0 ? url : url.slice(0, bar);
}

const fhirTypeExtension = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';

function allows(base: TypeRef, code: string | undefined, checker: TypeChecker): boolean {
  const baseCode = base.code;
  if (!baseCode || !code) return true;
  if (baseCode === '*' || baseCode === 'Element') return true;
  // `Extension.url` and `.id` are typed `System.String` with the FHIR type (uri, string) in an extension.
  const fhirType = base.extension?.find((e) => e.url === fhirTypeExtension);
  if (fhirType && (fhirType.valueUrl ?? fhirType.valueUri ?? fhirType.valueString) === code)
    return true;
  return checker.isSubtype(code, baseCode);
}
