/**
 * Acceptance test of issues 3 and 15: every UK Core example in ../shared/fixtures/ukcore validates
 * with 0 errors against its OWN profile: the most specific `UKCore-*` profile whose name the file
 * name starts with (e.g. `UKCore-Observation-VitalSigns-BloodPressure-Example` against
 * `UKCore-Observation-VitalSigns-BloodPressure`), else `UKCore-<resourceType>`.
 *
 * Some examples are set apart, each asserted rather than skipped:
 * - Empty primitive-extension objects (`"_status": {}`), artefacts of the fixtures' XML→JSON
 *   conversion, are no longer in the fixtures (SOURCE.md: the 36 were removed in 2026-12). Should
 *   one come back, the test still checks that MDSS reports it (`structure.empty-object`: FHIR JSON
 *   forbids empty objects, as the HL7 validator says) and then validates the example with only
 *   those empty objects removed.
 * - Extension-UKCore-ConditionEpisode-Example carries both `valueCode` and `valueCodeableConcept` in
 *   one extension: genuinely invalid (one value[x] only, and the extension allows CodeableConcept
 *   only), reported as structure.choice-multiple and structure.choice-type-not-allowed (valueCode).
 * - UKCore-Bundle-NEWS2Observations-Example gives its 8 entries relative fullUrls
 *   (`Observation/<uuid>`): R4 requires an absolute URL (or urn:uuid:/urn:oid:) there, and the HL7
 *   validator reports each one as an error ("The fullUrl must be an absolute URL"), as MDSS does
 *   (bundle.fullurl-not-absolute, issue 15). Two of its Observations also break R4's vital signs
 *   profiles, which R4 makes mandatory for those codes and the HL7 validator applies by code
 *   (issue 15): LOINC 9279-1 with unit `{Breaths}/min` and 8867-4 with `{beats}/min`, where resprate
 *   and heartrate fix `/min` (fixed.mismatch).
 * - UKCore-Observation-VitalSigns-BodyHeight-Example (LOINC 8302-2) gives its height in `m`; R4's
 *   bodyheight binds the unit to ucum-bodylength (`cm`, `[in_i]`) with a required binding
 *   (binding.not-in-value-set). Both vital signs findings go away with the engine option
 *   `vitalSignsProfiles: false`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CanonicalRegistry } from '../../src/fhir/definitions/canonical-registry.js';
import { createValidator, type Validator } from '../../src/fhir/validator/create-validator.js';
import { loadBaseRegistry } from '../../src/node/create-node-validator.js';

const root = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'ukcore');
const present = existsSync(join(root, 'examples'));
const genuinelyInvalid: Record<string, string> = {
  'Extension-UKCore-ConditionEpisode-Example.json':
    'structure.choice-multiple,structure.choice-type-not-allowed',
  'UKCore-Bundle-NEWS2Observations-Example.json': [
    ...Array<string>(8).fill('bundle.fullurl-not-absolute'),
    'fixed.mismatch',
    'fixed.mismatch',
  ].join(','),
  'UKCore-Observation-VitalSigns-BodyHeight-Example.json': 'binding.not-in-value-set',
};

/** Removes empty `_name: {}` objects (the conversion artefact); returns how many were removed. */
function stripEmptyPrimitiveExtensions(node: unknown): number {
  let removed = 0;
  if (Array.isArray(node)) for (const x of node) removed += stripEmptyPrimitiveExtensions(x);
  else if (typeof node === 'object' && node !== null) {
    const obj = node as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      const isEmpty = (x: unknown) =>
        typeof x === 'object' && x !== null && !Array.isArray(x) && Object.keys(x).length === 0;
      if (k.startsWith('_') && isEmpty(v)) {
        delete obj[k];
        removed++;
      } else if (k.startsWith('_') && Array.isArray(v) && v.some(isEmpty)) {
        const cleaned = v.map((x) => (isEmpty(x) ? null : x));
        removed += v.filter(isEmpty).length;
        if (cleaned.every((x) => x === null)) delete obj[k];
        else obj[k] = cleaned;
      } else removed += stripEmptyPrimitiveExtensions(v);
    }
  }
  return removed;
}

describe.skipIf(!present)('UK Core examples against their UK Core profiles', () => {
  let validator: Validator;
  let registry: CanonicalRegistry;
  const files = present
    ? readdirSync(join(root, 'examples'))
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];

  /** UK Core profile name (its file name without `.json`) → canonical URL. */
  const profileByName = new Map<string, string>();

  /** The most specific UK Core profile whose name `file` starts with, else `UKCore-<resourceType>`. */
  function ownProfile(file: string, resourceType: string): string | undefined {
    let best: string | undefined;
    for (const name of profileByName.keys()) {
      if (file.startsWith(`${name}-`) && (best === undefined || name.length > best.length))
        best = name;
    }
    return profileByName.get(best ?? `UKCore-${resourceType}`);
  }

  it('loads UK Core as loose resources', () => {
    registry = loadBaseRegistry();
    for (const d of ['structuredefinitions', 'valuesets', 'codesystems']) {
      for (const f of readdirSync(join(root, d))) {
        const resource = JSON.parse(readFileSync(join(root, d, f), 'utf8')) as {
          resourceType: string;
          url: string;
        };
        registry.add(resource);
        if (d === 'structuredefinitions' && f.startsWith('UKCore-'))
          profileByName.set(f.replace(/\.json$/, ''), resource.url);
      }
    }
    validator = createValidator({ registry });
    expect(
      registry.structureDefinition('https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient'),
    ).toBeDefined();
    expect(files.length).toBe(215);
  });

  it('the vital signs findings are R4 vital signs profile findings (gone with vitalSignsProfiles off)', () => {
    const lenient = createValidator({ registry, engine: { vitalSignsProfiles: false } });
    const file = 'UKCore-Observation-VitalSigns-BodyHeight-Example.json';
    const resource = JSON.parse(readFileSync(join(root, 'examples', file), 'utf8')) as {
      resourceType: string;
    };
    const profiles = [ownProfile(file, resource.resourceType)!];
    expect(
      lenient.validate(resource, { profiles }).issues.filter((i) => i.severity === 'error'),
    ).toEqual([]);
  });

  it.each(files)('%s has 0 errors against its profile', (file) => {
    const resource = JSON.parse(readFileSync(join(root, 'examples', file), 'utf8')) as {
      resourceType: string;
      meta?: { profile?: string[] };
    };
    const profile = ownProfile(file, resource.resourceType);
    const profiles =
      profile !== undefined && registry.structureDefinition(profile) ? [profile] : [];
    const raw = validator.validate(resource, { profiles });
    const artefacts = stripEmptyPrimitiveExtensions(resource);
    const errorsOf = (r: typeof raw) =>
      r.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
    if (artefacts > 0)
      expect(errorsOf(raw).some((i) => i.code === 'structure.empty-object')).toBe(true);
    const result = validator.validate(resource, { profiles });
    const expected = genuinelyInvalid[file];
    if (expected)
      expect(
        errorsOf(result)
          .map((i) => i.code)
          .sort()
          .join(','),
      ).toEqual(expected);
    else expect(errorsOf(result).map((i) => `${i.code} @ ${i.expression}`)).toEqual([]);
    expect(result.profiles).toEqual(
      expect.arrayContaining(profiles.map((p) => expect.stringContaining(p))),
    );
  });
});
