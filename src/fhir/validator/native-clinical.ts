/**
 * Native forms of frequent R4 clinical invariants (vital signs vs-2, Condition con-5), used by
 * native-invariants.ts when the constraint's expression is exactly the R4 text. Each decides the
 * usual JSON shapes and leaves any other to fhirpath.js (undefined).
 * @module
 */
import { isObject } from './walk-element.js';

/**
 * A complex element as FHIRPath sees it, from its JSON value and its `_name` companion: present
 * (true), absent (false), or undefined for a shape left to fhirpath.js (a `_name`, an empty array, a
 * null or non-object item). The callers read both with fixed names (named loads, not keyed ones).
 */
function complexPresence(v: unknown, ext: unknown): boolean | undefined {
  if (ext !== undefined) return undefined;
  if (v === undefined) return false;
  if (Array.isArray(v)) {
    if (v.length === 0) return undefined;
    for (const x of v) if (!isObject(x)) return undefined;
    return true;
  }
  return isObject(v) ? true : undefined;
}

/** Observation.value[x] in R4: JSON name → the JSON kind of its value. */
const observationValues: ReadonlyMap<string, string> = new Map([
  ['valueQuantity', 'object'],
  ['valueCodeableConcept', 'object'],
  ['valueString', 'string'],
  ['valueBoolean', 'boolean'],
  ['valueInteger', 'number'],
  ['valueRange', 'object'],
  ['valueRatio', 'object'],
  ['valueSampledData', 'object'],
  ['valueTime', 'string'],
  ['valueDateTime', 'string'],
  ['valuePeriod', 'object'],
]);

/**
 * Whether an Observation has a value[x] (one property of an R4 value type, with a value of its JSON
 * kind), or undefined for a shape left to fhirpath.js (a `_value…`, an unknown `value…` name, a
 * null, an array, a wrong kind, two value properties).
 */
function observationValuePresence(node: Record<string, unknown>): boolean | undefined {
  let found = false;
  for (const k in node) {
    const c = k.charCodeAt(0);
    if (c === 95 /* _ */ && k.startsWith('_value')) return undefined;
    if (c !== 118 /* v */ || !k.startsWith('value') || k.length === 5) continue;
    const kind = observationValues.get(k);
    const v = node[k];
    if (kind === undefined || found || v === null || Array.isArray(v) || typeof v !== kind)
      return undefined;
    found = true;
  }
  return found;
}

/**
 * vs-2 (R4 vital signs): `(component.empty() and hasMember.empty()) implies
 * (dataAbsentReason.exists() or value.exists())`, on the Observation.
 */
export function vs2(node: Record<string, unknown>): boolean | undefined {
  if (node['resourceType'] !== 'Observation') return undefined;
  const component = complexPresence(node.component, node._component);
  const hasMember = complexPresence(node.hasMember, node._hasMember);
  const absent = complexPresence(node.dataAbsentReason, node._dataAbsentReason);
  const value = observationValuePresence(node);
  if (component === undefined || hasMember === undefined || absent === undefined) return undefined;
  if (value === undefined) return undefined;
  return component || hasMember || absent || value;
}

const conditionVerStatus = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';

/**
 * con-5: `verificationStatus.coding.where(system='…condition-ver-status' and
 * code='entered-in-error').empty() or clinicalStatus.empty()`, on the Condition. Shapes FHIRPath
 * may read otherwise (a `_name`, a non-array coding, a non-string system or code) are left to
 * fhirpath.js.
 */
export function con5(node: Record<string, unknown>): boolean | undefined {
  if (node['resourceType'] !== 'Condition') return undefined;
  const clinical = complexPresence(node.clinicalStatus, node._clinicalStatus);
  if (clinical === undefined || node['_verificationStatus'] !== undefined) return undefined;
  const status = node['verificationStatus'];
  let enteredInError = false;
  if (status !== undefined) {
    if (!isObject(status) || status['_coding'] !== undefined) return undefined;
    const list = status['coding'];
    if (list !== undefined) {
      if (!Array.isArray(list)) return undefined;
      for (const c of list) {
        if (!isObject(c) || c['_system'] !== undefined || c['_code'] !== undefined)
          return undefined;
        const system = c['system'];
        const code = c['code'];
        if (system !== undefined && typeof system !== 'string') return undefined;
        if (code !== undefined && typeof code !== 'string') return undefined;
        if (system === conditionVerStatus && code === 'entered-in-error') enteredInError = true;
      }
    }
  }
  return !enteredInError || !clinical;
}
