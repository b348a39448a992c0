/**
 * R4's vital signs profiles (https://hl7.org/fhir/R4/observation-vitalsigns.html): "If implementations
 * use this Observation.code … then they SHALL conform to the profile". Like the HL7 validator, MDSS
 * applies the matching profile to an Observation whose `code` carries one of the profile's codes:
 * the code fixed in the profile itself (e.g. bodytemp's `BodyTempCode` 8310-5, read from the loaded
 * definitions) and the related LOINC and SNOMED CT codes the HL7 validator also maps to that profile
 * (other body temperature sites, systolic pressure for `bp`, SNOMED CT observables). A LOINC code
 * decides before a SNOMED CT one, and among codes of one system the earlier profile in the R4 list
 * wins, as in the HL7 validator.
 * @module
 */
import type { ResourceFacts } from '../definitions/canonical-registry.js';
import type { CompiledStructure } from '../definitions/compiled/element-node.js';
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
const loinc = 'http://loinc.org';
const snomed = 'http://snomed.info/sct';

/**
 * Codes besides the fixed ones that make an Observation a vital sign of a profile, by profile name
 * (the HL7 validator's implied-profile table for R4 and later).
 */
const relatedCodes: Readonly<Record<string, { loinc?: string; snomed?: string }>> = {
  vitalspanel: { snomed: '46680005' },
  resprate: {
    loinc: '76170-0 76172-6 76171-8 19840-8 33438-3 76270-8 11291-2',
    snomed: '86290005 271625008 271306003',
  },
  heartrate: {
    loinc:
      '60978-4 73795-7 73799-9 76476-1 76477-9 8889-8 8890-6 8891-4 8892-2 8893-0 40443-4 55425-3 68999-2 11328-2 69000-8 8886-4',
    snomed: '271306003 249043002 444981005 399017001 251670001 429525003 429614003',
  },
  oxygensat: {
    loinc: '19224-5 20564-1 2709-4 2710-2 2713-6 51733-4 59408-5 59417-6 89276-0 97549-0',
    snomed: '442476006 431314004',
  },
  bodytemp: {
    loinc:
      '60834-9 60835-6 60836-4 60838-0 60955-2 61009-7 75539-7 75987-8 76010-8 76011-6 76278-1 8309-7 8328-7 8329-5 8330-3 8331-1 8332-9 8333-7 8334-5 91371-5 98657-0 98663-8',
    snomed:
      '386725007 276885007 300076005 1222808002 364246006 307047009 708499008 431598003 698831002 698832009 415882003 415974002 415929009 415945006',
  },
  bodyheight: {
    loinc: '3137-7 3138-5 8306-3 8308-9',
    snomed: '1153637007 1162419008 50373000 1162418000 1230278008 1162392001 1162417005',
  },
  headcircum: { loinc: '8287-5', snomed: '363812007 169876006 1269262007 363811000' },
  bodyweight: {
    loinc: '3141-9 3142-7 75292-3 79348-9 8350-1 8351-9',
    snomed: '735395000 425024002 424927000 784399000 1162416001 1162415002',
  },
  bmi: { loinc: '89270-3', snomed: '60621009' },
  bp: {
    loinc: '35094-2 8459-0 76534-7 55284-4 8480-6',
    snomed:
      '251076008 163033001 163035008 386534000 386536003 271649006 271650006 407556006 407554009 716579001 399304008',
  },
};

/** system → code → the vital signs profile that fixes that code (looked up without building a key). */
export type VitalSignsIndex = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** The fact of a pack resource ({@link vitalSignsPackFacts}) that lists a profile's fixed codes. */
const codesFact = 'vitalSignsCodes';

/** The `[system, code]` pairs a compiled vital signs profile fixes on Observation.code.coding slices. */
function fixedCodesOf(compiled: CompiledStructure): [system: string, code: string][] {
  const out: [string, string][] = [];
  for (const [id, node] of compiled.byId) {
    const code = node.valueRules?.fixed;
    if (!codeSlice.test(id) || typeof code !== 'string') continue;
    const system = compiled.byId.get(id.replace(/\.code$/, '.system'))?.valueRules?.fixed;
    if (typeof system === 'string') out.push([system, code]);
  }
  return out;
}

/** The fixed codes in a pack's facts (see {@link vitalSignsPackFacts}), or undefined. */
function codesFromFacts(facts: ResourceFacts | undefined): [string, string][] | undefined {
  const codes = facts?.[codesFact];
  return Array.isArray(codes) &&
    codes.every(
      (c: unknown) =>
        Array.isArray(c) && c.length === 2 && c.every((x: unknown) => typeof x === 'string'),
    )
    ? (codes as [string, string][])
    : undefined;
}

/**
 * system → code → the vital signs profile that fixes that code, from the definitions in `model`.
 * `packFacts`: a profile that came from a validation pack with its fixed codes listed
 * ({@link vitalSignsPackFacts}) is not parsed or compiled for them (true only when the model
 * compiles a StructureDefinition from its own snapshot, as the pack's builder did).
 */
export function vitalSignsIndex(model: StructureModel, packFacts = false): VitalSignsIndex {
  const index = new Map<string, Map<string, string>>();
  const add = (system: string, code: string, url: string) => {
    let codes = index.get(system);
    if (!codes) index.set(system, (codes = new Map()));
    if (!codes.has(code)) codes.set(code, url);
  };
  for (const url of r4VitalSignsProfiles) {
    let fixed = packFacts
      ? codesFromFacts(model.registry.factsOf(url, 'StructureDefinition'))
      : undefined;
    if (!fixed) {
      const compiled = model.profile(url);
      if (!compiled) continue;
      fixed = fixedCodesOf(compiled);
    }
    for (const [system, code] of fixed) add(system, code, url);
    const related = relatedCodes[url.slice(url.lastIndexOf('/') + 1)];
    for (const [system, codes] of [
      [loinc, related?.loinc],
      [snomed, related?.snomed],
    ] as const)
      for (const code of codes?.split(' ') ?? []) add(system, code, url);
  }
  return index;
}

/**
 * The facts a validation pack keeps for the vital signs profiles among `resources` (by index, see
 * ValidationPack.facts): the codes each fixes, as {@link vitalSignsIndex} reads them from the
 * compiled profile. Only for a profile the registry resolves to that resource and that has a
 * snapshot (what `model` compiles as is).
 */
export function vitalSignsPackFacts(
  model: StructureModel,
  resources: readonly unknown[],
): Record<string, ResourceFacts> {
  const facts: Record<string, ResourceFacts> = {};
  for (const url of r4VitalSignsProfiles) {
    const sd = model.registry.structureDefinition(url);
    const compiled = sd?.snapshot?.element?.length ? model.profile(url) : undefined;
    if (!compiled) continue;
    const at = resources.findLastIndex(
      (r) =>
        (r as { resourceType?: unknown }).resourceType === 'StructureDefinition' &&
        (r as { url?: unknown }).url === url,
    );
    if (at >= 0) facts[String(at)] = { [codesFact]: fixedCodesOf(compiled) };
  }
  return facts;
}

/** True when the Observation's category declares it a vital sign (`vital-signs`, any system). */
function declaresVitalSign(observation: Record<string, unknown>): boolean {
  const categories = observation['category'];
  if (!Array.isArray(categories)) return false;
  return categories.some((category: unknown) => {
    const codings =
      typeof category === 'object' && category !== null
        ? (category as { coding?: unknown }).coding
        : undefined;
    return (
      Array.isArray(codings) &&
      codings.some(
        (c: unknown) =>
          typeof c === 'object' && c !== null && (c as { code?: unknown }).code === 'vital-signs',
      )
    );
  });
}

/**
 * The codes of `system` in the index. The usual systems are looked up by the module's own strings,
 * whose hashes V8 keeps: a payload's system is a new string per Coding (JSON.parse shares only
 * strings of up to 10 characters), which a Map lookup would hash first. Same answer as
 * `index.get(system)`.
 */
function codesOf(index: VitalSignsIndex, system: string): ReadonlyMap<string, string> | undefined {
  if (system === loinc) return index.get(loinc);
  if (system === snomed) return index.get(snomed);
  return index.get(system);
}

/**
 * The vital signs profile for an Observation by its `code.coding`, or undefined: a LOINC code
 * before any other system's, then the earliest profile of the R4 list. R4 makes the profiles
 * mandatory for the LOINC codes; a SNOMED CT code implies one only when the Observation's category
 * declares it a vital sign. England's records code observations in SNOMED CT, often one finding per
 * Observation (a lone systolic pressure is not a blood pressure panel), and UK Core's own vital
 * signs profiles (which also require the LOINC code) apply to what claims them.
 */
export function vitalSignsProfileOf(
  index: VitalSignsIndex,
  observation: Record<string, unknown>,
): string | undefined {
  const code = observation['code'];
  const codings =
    typeof code === 'object' && code !== null ? (code as { coding?: unknown }).coding : undefined;
  if (!Array.isArray(codings)) return undefined;
  let best: string | undefined;
  let bestRank = Infinity;
  let vitalSign: boolean | undefined;
  for (const c of codings) {
    if (typeof c !== 'object' || c === null) continue;
    const { system, code: value } = c as { system?: unknown; code?: unknown };
    if (typeof system !== 'string' || typeof value !== 'string') continue;
    const profile = codesOf(index, system)?.get(value);
    if (!profile) continue;
    if (system === snomed && !(vitalSign ??= declaresVitalSign(observation))) continue;
    const rank =
      (system === loinc ? 0 : r4VitalSignsProfiles.length) + r4VitalSignsProfiles.indexOf(profile);
    if (rank < bestRank) {
      best = profile;
      bestRank = rank;
    }
  }
  return best;
}
