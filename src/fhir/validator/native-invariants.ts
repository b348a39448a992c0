/**
 * Native implementations of hot or fhirpath.js-unfriendly invariants. Each is used only when the
 * constraint's expression is exactly the R4 text given here, so a profile that changes an
 * expression falls back to FHIRPath. Semantics follow the expressions to the letter; see the test
 * that compares them with fhirpath.js on sample data.
 * @module
 */
import { con5, vs2 } from './native-clinical.js';
import { dom3 } from './native-dom3.js';
import type { BundleIndex } from './validation-context.js';
import { isObject } from './walk-element.js';

/**
 * What native invariants may read besides the node: the resources being walked, innermost last
 * (`%resource`), and those that can hold contained resources (`%rootResource`: the innermost one,
 * else `%resource`). The validation context is one (no object is made per value).
 */
export interface NativeEnv {
  readonly resources: readonly Record<string, unknown>[];
  readonly containers: readonly Record<string, unknown>[];
  /** The indexes of the Bundles being validated, innermost last (the walk's context has them). */
  readonly bundles?: readonly BundleIndex[];
}

/** `%resource`: the innermost resource being walked. */
function resourceOf(env: NativeEnv): Record<string, unknown> | undefined {
  return env.resources[env.resources.length - 1];
}

/** `%rootResource`: the innermost container, else `%resource`. */
function rootResourceOf(env: NativeEnv): Record<string, unknown> | undefined {
  return env.containers[env.containers.length - 1] ?? resourceOf(env);
}

/**
 * A native invariant: returns true when the constraint holds, false when it fails, and undefined
 * for a value it cannot decide exactly (fhirpath.js then evaluates that one).
 */
export interface NativeInvariant {
  readonly expression: string;
  readonly holds: (node: Record<string, unknown>, env: NativeEnv) => boolean | undefined;
  /** True when the walker's own structure checks already say it (the invariant is then not planned). */
  readonly coveredByWalker?: boolean;
  /**
   * A property without which (and without its `_name`) {@link holds} is true, whatever else the
   * node holds: the invariant is then not evaluated at all (dom-2 … dom-5 without `contained`).
   */
  readonly holdsWithout?: string;
}

/** ref-1: a local reference `#id` names a contained resource of the container (`#` alone: the container). */
function ref1(node: Record<string, unknown>, env: NativeEnv): boolean {
  const ref = node['reference'];
  if (typeof ref !== 'string' || ref.charCodeAt(0) !== 35 /* # */ || ref.length === 1) return true;
  const root = rootResourceOf(env);
  const list = root && Array.isArray(root['contained']) ? root['contained'] : [];
  const id = ref.slice(1);
  return list.some((c) => isObject(c) && c['id'] === id);
}

/** Deep equality of two JSON objects (arrays only when identical), without listing their keys. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isObject(a) || !isObject(b)) return false;
  let n = 0;
  for (const k in a) {
    if (!Object.hasOwn(a, k)) continue;
    if (!sameJson(a[k], b[k])) return false;
    n++;
  }
  for (const k in b) if (Object.hasOwn(b, k)) n--;
  return n === 0;
}

/** obs-7: with a value, no component code may repeat a coding of the Observation's own code. */
function obs7(node: Record<string, unknown>, env: NativeEnv): boolean {
  // (the components first: most Observations have none, and need no scan of their names)
  const components = node['component'];
  if (!Array.isArray(components)) return true;
  if (!hasValueProperty(node)) return true;
  const own = codingList((resourceOf(env) ?? node)['code']);
  if (own === undefined) return true;
  // (no list is made: the codings are read in place)
  for (let i = 0; i < components.length; i++) {
    const c: unknown = components[i];
    if (!isObject(c)) continue;
    const list = codingList(c['code']);
    if (list === undefined) continue;
    for (let j = 0; j < list.length; j++) {
      const x: unknown = list[j];
      if (!isObject(x)) continue;
      for (let k = 0; k < own.length; k++) {
        const y: unknown = own[k];
        if (isObject(y) && sameJson(x, y)) return false;
      }
    }
  }
  return true;
}

/** The `coding` array of a CodeableConcept (its items unfiltered), or undefined. */
function codingList(v: unknown): readonly unknown[] | undefined {
  if (!isObject(v)) return undefined;
  const list = v['coding'];
  return Array.isArray(list) ? list : undefined;
}

function contained(node: Record<string, unknown>): Record<string, unknown>[] {
  const c = node['contained'];
  return Array.isArray(c) ? c.filter(isObject) : [];
}

function hasValueProperty(node: Record<string, unknown>): boolean {
  for (const k in node) if (k.startsWith('value') && k.length > 5) return true;
  return false;
}

function nonEmptyArray(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0;
}

/** Whether `test` holds for every object item of `node.entry` (other items are skipped); no list is made. */
function everyEntry(
  node: Record<string, unknown>,
  test: (e: Record<string, unknown>) => boolean,
): boolean {
  const list = node['entry'];
  if (!Array.isArray(list)) return true;
  for (let i = 0; i < list.length; i++) {
    const e: unknown = list[i];
    if (isObject(e) && !test(e)) return false;
  }
  return true;
}

/**
 * bdl-7: fullUrl + versionId unique (except history bundles); linear with a Set. The usual Bundle
 * repeats no fullUrl (and none holds a NUL, which could make two keys of {@link bdl7Keys} meet):
 * then no two keys can be equal, and no key string is built.
 */
function bdl7(node: Record<string, unknown>, env: NativeEnv): boolean {
  if (node['type'] === 'history') return true;
  // the Bundle's index, made before its walk, saw every fullUrl (see BundleIndex.fullUrlsUnique)
  const bundles = env.bundles;
  const index = bundles === undefined ? undefined : bundles[bundles.length - 1];
  if (index !== undefined && index.bundle === node && index.fullUrlsUnique) return true;
  const list = node['entry'];
  if (!Array.isArray(list)) return true;
  const urls = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const e: unknown = list[i];
    if (!isObject(e)) continue;
    const url = e['fullUrl'];
    if (typeof url !== 'string') continue;
    if (urls.has(url) || url.includes('\u0000')) return bdl7Keys(node);
    urls.add(url);
  }
  return true;
}

/** {@link bdl7} by its keys: fullUrl and versionId joined. */
function bdl7Keys(node: Record<string, unknown>): boolean {
  const seen = new Set<string>();
  const list = node['entry'] as readonly unknown[]; // an array: bdl7 asked
  for (const e of list) {
    if (!isObject(e) || typeof e['fullUrl'] !== 'string') continue;
    const res = e['resource'];
    const meta = isObject(res) && isObject(res['meta']) ? res['meta'] : undefined;
    const key = `${e['fullUrl']}\u0000${typeof meta?.['versionId'] === 'string' ? meta['versionId'] : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

/**
 * per-1 `start <= end` on date/dateTime strings as the HL7 Java validator decides it: values of
 * different precision are compared on their common precision, and a tie there (e.g. start
 * `2023-06-21`, end `2023-06-21T06:20:00Z`) fails, where FHIRPath alone would give empty.
 */
function per1(node: Record<string, unknown>): boolean {
  const start = node['start'];
  const end = node['end'];
  if (typeof start !== 'string' || typeof end !== 'string') return true;
  const hasTime = (s: string) => s.length > 10;
  if (hasTime(start) && hasTime(end)) {
    const a = Date.parse(start);
    const b = Date.parse(end);
    return Number.isNaN(a) || Number.isNaN(b) ? true : a <= b;
  }
  const n = Math.min(start.length, end.length, 10);
  const a = start.slice(0, n);
  const b = end.slice(0, n);
  if (a !== b) return a < b;
  return start.length === end.length;
}

/** Bundle types whose entries have a request (bdl-3) or a response (bdl-4). */
const requestTypes: ReadonlySet<unknown> = new Set(['batch', 'transaction', 'history']);
const responseTypes: ReadonlySet<unknown> = new Set([
  'batch-response',
  'transaction-response',
  'history',
]);

/** The table, by constraint key. */
export const nativeInvariants: Readonly<Record<string, NativeInvariant>> = {
  'ele-1': {
    expression: 'hasValue() or (children().count() > id.count())',
    holds: () => true,
    coveredByWalker: true /* structure.empty-object covers it */,
  },
  'ext-1': {
    expression: 'extension.exists() != value.exists()',
    holds: (n) => nonEmptyArray(n['extension']) !== hasValueProperty(n),
  },
  'dom-2': {
    holdsWithout: 'contained',
    expression: 'contained.contained.empty()',
    holds: (n) => contained(n).every((c) => !nonEmptyArray(c['contained'])),
  },
  'dom-3': {
    holdsWithout: 'contained',
    expression:
      "contained.where((('#'+id in (%resource.descendants().reference | %resource.descendants().as(canonical) | %resource.descendants().as(uri) | %resource.descendants().as(url))) or descendants().where(reference = '#').exists() or descendants().where(as(canonical) = '#').exists() or descendants().where(as(canonical) = '#').exists()).not()).trace('unmatched', id).empty()",
    holds: dom3,
  },
  'dom-4': {
    holdsWithout: 'contained',
    expression: 'contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()',
    holds: (n) =>
      contained(n).every(
        (c) =>
          !isObject(c['meta']) ||
          (c['meta']['versionId'] === undefined && c['meta']['lastUpdated'] === undefined),
      ),
  },
  'dom-5': {
    holdsWithout: 'contained',
    expression: 'contained.meta.security.empty()',
    holds: (n) =>
      contained(n).every((c) => !isObject(c['meta']) || !nonEmptyArray(c['meta']['security'])),
  },
  'dom-6': {
    expression: 'text.`div`.exists()',
    holds: (n) => isObject(n['text']) && typeof n['text']['div'] === 'string',
  },
  'txt-1': { expression: 'htmlChecks()', holds: () => true /* xhtml is checked by checkXhtml */ },
  'txt-2': { expression: 'htmlChecks()', holds: () => true },
  'ref-1': {
    expression:
      "reference.startsWith('#').not() or (reference.substring(1).trace('url') in %rootResource.contained.id.trace('ids'))",
    holds: ref1,
  },
  'obs-7': {
    expression:
      'value.empty() or component.code.where(coding.intersect(%resource.code.coding).exists()).empty()',
    holds: obs7,
  },
  'vs-2': {
    expression:
      '(component.empty() and hasMember.empty()) implies (dataAbsentReason.exists() or value.exists())',
    holds: vs2,
  },
  'con-5': {
    expression:
      "verificationStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/condition-ver-status' and code='entered-in-error').empty() or clinicalStatus.empty()",
    holds: con5,
  },
  'per-1': {
    holdsWithout: 'start',
    expression: 'start.hasValue().not() or end.hasValue().not() or (start <= end)',
    holds: per1,
  },
  'bdl-1': {
    expression: "total.empty() or (type = 'searchset') or (type = 'history')",
    holds: (n) => n['total'] === undefined || n['type'] === 'searchset' || n['type'] === 'history',
  },
  'bdl-2': {
    expression: "entry.search.empty() or (type = 'searchset')",
    holds: (n) => n['type'] === 'searchset' || everyEntry(n, (e) => e['search'] === undefined),
  },
  'bdl-3': {
    expression:
      "entry.all(request.exists() = (%resource.type = 'batch' or %resource.type = 'transaction' or %resource.type = 'history'))",
    holds: (n) => {
      const want = requestTypes.has(n['type']);
      return everyEntry(n, (e) => (e['request'] !== undefined) === want);
    },
  },
  'bdl-4': {
    expression:
      "entry.all(response.exists() = (%resource.type = 'batch-response' or %resource.type = 'transaction-response' or %resource.type = 'history'))",
    holds: (n) => {
      const want = responseTypes.has(n['type']);
      return everyEntry(n, (e) => (e['response'] !== undefined) === want);
    },
  },
  'bdl-5': {
    expression: 'resource.exists() or request.exists() or response.exists()',
    holds: (e) =>
      e['resource'] !== undefined || e['request'] !== undefined || e['response'] !== undefined,
  },
  'bdl-7': {
    expression:
      "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl&resource.meta.versionId).isDistinct()",
    holds: bdl7,
  },
  'bdl-8': {
    expression: "fullUrl.exists() implies fullUrl.contains('/_history/').not()",
    holds: (e) => typeof e['fullUrl'] !== 'string' || !e['fullUrl'].includes('/_history/'),
  },
};

/** A FHIR `date` (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) as its parts, or undefined when it is not a real date. */
function dateParts(v: string): number[] | undefined {
  const m = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/.exec(v);
  if (!m) return undefined;
  const parts = [Number(m[1])];
  if (m[2] !== undefined) parts.push(Number(m[2]));
  if (m[3] !== undefined) {
    const days = new Date(Date.UTC(parts[0]!, parts[1]!, 0)).getUTCDate();
    if (Number(m[3]) > days) return undefined;
    parts.push(Number(m[3]));
  }
  return parts;
}

/**
 * `birthDate.exists() implies birthDate <= today()`: FHIRPath date comparison with `today()` (the
 * local date, as fhirpath.js takes it): compared part by part on the common precision; a tie there
 * with different precisions is empty, which passes.
 */
function birthDateNotFuture(node: Record<string, unknown>): boolean | undefined {
  const v = node['birthDate'];
  if (v === undefined) return node['_birthDate'] === undefined ? true : undefined;
  if (typeof v !== 'string') return undefined;
  const parts = dateParts(v);
  if (!parts) return undefined;
  const now = new Date();
  const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i]! !== today[i]!) return parts[i]! < today[i]!;
  }
  return true; // equal (day precision), or a tie on a shorter precision (empty: passes)
}

/** Object items of an array property; undefined when the property is neither absent nor an array of objects. */
function objectItems(v: unknown): Record<string, unknown>[] | undefined {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return undefined;
  for (const x of v) if (!isObject(x)) return undefined;
  return v as Record<string, unknown>[];
}

/** A primitive string property as FHIRPath sees it in `x = 'lit'`: the string, absent, or undecidable. */
function plainString(node: Record<string, unknown>, name: string): string | null | undefined {
  const v = node[name];
  if (typeof v === 'string') return v;
  return v === undefined && node[`_${name}`] === undefined ? null : undefined;
}

/** Whether extension `url` among `extensions` has a CodeableConcept value with coding (system, code); undefined: undecided. */
function extensionHasCoding(
  extensions: readonly Record<string, unknown>[],
  url: string,
  codingSystem: string,
  code: string,
): boolean | undefined {
  let found = false;
  for (const ext of extensions) {
    if (ext['url'] !== url) {
      if (typeof ext['url'] !== 'string' && ext['url'] !== undefined) return undefined;
      continue;
    }
    let value: unknown;
    let valueKey: string | undefined;
    for (const k in ext) {
      if (k.length <= 5 || !k.startsWith('value')) continue;
      if (valueKey !== undefined) return undefined;
      valueKey = k;
      value = ext[k];
    }
    if (Array.isArray(value)) return undefined;
    if (valueKey === undefined || !isObject(value)) continue;
    if (valueKey !== 'valueCodeableConcept') {
      if (value['coding'] !== undefined) return undefined;
      continue;
    }
    const codingList = objectItems(value['coding']);
    if (!codingList) return undefined;
    for (const c of codingList) {
      const cs = plainString(c, 'system');
      const cc = plainString(c, 'code');
      if (cs === undefined || cc === undefined) return undefined;
      if (cs === codingSystem && cc === code) found = true;
    }
  }
  return found;
}

/**
 * `identifier.where(system = S).all(extension(E).value.coding.where(system = C and code = K).exists())`
 * with literal S, E, C, K: every identifier of system S carries extension E whose CodeableConcept
 * value has a coding (C, K). Values it cannot decide exactly (a `_system`, several value[x], a
 * `coding` on a value that is not a CodeableConcept, non-object items) go to fhirpath.js.
 */
function identifierExtensionCoding(
  system: string,
  url: string,
  codingSystem: string,
  code: string,
): NativeInvariant['holds'] {
  return (node) => {
    const identifiers = objectItems(node['identifier']);
    if (!identifiers) return undefined;
    for (const id of identifiers) {
      const s = plainString(id, 'system');
      if (s === undefined) return undefined;
      if (s !== system) continue;
      const extensions = objectItems(id['extension']);
      if (!extensions) return undefined;
      const found = extensionHasCoding(extensions, url, codingSystem, code);
      if (found === undefined) return undefined;
      if (!found) return false;
    }
    return true;
  };
}

const nhsNumber = 'https://fhir.nhs.uk/Id/nhs-number';
const verificationStatus =
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus';
const verificationStatusEngland =
  'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland';

/**
 * Natives matched by the expression text alone, whatever the constraint's key: rules profiles
 * state in these exact words (the framework's Patient profile), which the compiled subset leaves
 * to fhirpath.js (date comparison with `today()`, navigation through a choice value).
 */
export const nativeByExpression: ReadonlyMap<string, NativeInvariant> = new Map(
  [
    {
      expression: 'birthDate.exists() implies birthDate <= today()',
      holds: birthDateNotFuture,
    },
    {
      expression: `identifier.where(system = '${nhsNumber}').all(extension('${verificationStatus}').value.coding.where(system = '${verificationStatusEngland}' and code = '01').exists())`,
      holds: identifierExtensionCoding(
        nhsNumber,
        verificationStatus,
        verificationStatusEngland,
        '01',
      ),
    },
  ].map((n) => [n.expression, n]),
);
