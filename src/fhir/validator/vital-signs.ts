/**
 * R4's vital signs profiles (https://hl7.org/fhir/R4/observation-vitalsigns.html): "If implementations
 * use this Observation.code … then they SHALL conform to the profile". Like the HL7 validator, MDSS
 * applies the matching profile to an Observation whose `code` carries a profile's LOINC code, read
 * from the profile itself (the code fixed in its `Observation.code.coding` slice, e.g. bodytemp's
 * `BodyTempCode` 8310-5), so the table follows the loaded definitions.
 * @module
 */
import type { StructureModel } from '../definitions/compiled/structure-model.js';

/** The R4 vital signs profiles that fix an Observation.code (the generic `vitalsigns` fixes none). */
const r4VitalSignsProfiles = [
  'vitalspanel',
  'resprate',
  'heartrate',
  'oxygensat',
  'bodytemp',
  'bodyheight',
  'headcircum',
  'bodyweight',
  'bmi',
  'bp',
].map((name) => `http://hl7.org/fhir/StructureDefinition/${name}`);

const codeSlice = /^Observation\.code\.coding:[^.]+\.code$/;

/** system → code → the vital signs profile that fixes that code (looked up without building a key). */
export type VitalSignsIndex = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** system → code → the vital signs profile that fixes that code, from the definitions in `model`. */
export function vitalSignsIndex(model: StructureModel): VitalSignsIndex {
  const index = new Map<string, Map<string, string>>();
  for (const url of r4VitalSignsProfiles) {
    const compiled = model.profile(url);
    if (!compiled) continue;
    for (const [id, node] of compiled.byId) {
      const code = node.valueRules?.fixed;
      if (!codeSlice.test(id) || typeof code !== 'string') continue;
      const system = compiled.byId.get(id.replace(/\.code$/, '.system'))?.valueRules?.fixed;
      if (typeof system !== 'string') continue;
      let codes = index.get(system);
      if (!codes) index.set(system, (codes = new Map()));
      if (!codes.has(code)) codes.set(code, url);
    }
  }
  return index;
}

/** The vital signs profile for an Observation by its `code.coding`, or undefined. */
export function vitalSignsProfileOf(
  index: VitalSignsIndex,
  observation: Record<string, unknown>,
): string | undefined {
  const code = observation['code'];
  const codings =
    typeof code === 'object' && code !== null ? (code as { coding?: unknown }).coding : undefined;
  if (!Array.isArray(codings)) return undefined;
  for (const c of codings) {
    if (typeof c !== 'object' || c === null) continue;
    const { system, code: value } = c as { system?: unknown; code?: unknown };
    if (typeof system === 'string' && typeof value === 'string') {
      const profile = index.get(system)?.get(value);
      if (profile) return profile;
    }
  }
  return undefined;
}
