/**
 * The framework's FHIR profiles: each loads and gets a snapshot; each FHIR partner example's valid
 * feed has no errors or warnings and its gaps feed reports exactly the gaps its README documents
 * (file, expression, code, severity, missing element, requirement ids); UK Core examples are judged
 * on framework grounds only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Checker } from '../../src/check/create-checker.js';
import { loadFrameworkResources, packageRoot } from '../../src/cli/framework-files.js';
import { buildChecker } from '../../src/cli/validate-command.js';
import { SnapshotGenerator } from '../../src/fhir/definitions/snapshot/index.js';
import type { StructureDefinition } from '../../src/fhir/definitions/conformance-resource.js';
import { builtinCatalogue } from '../../src/framework/builtin-catalogue.js';
import { profilesByType } from '../../src/framework/framework-profiles.js';
import type { Issue } from '../../src/issues/issue.js';
import { loadPackRegistry } from '../../src/node/load-pack-registry.js';
import { isEnglandRuleId } from '../../src/rules/index.js';
import { fhirPartners } from '../../scripts/gen-fhir-examples.js';

const root = packageRoot();
const canonical = 'https://mdss.example.org/fhir/StructureDefinition/';
const ruleUrl = `${canonical}england-rule`;
const partners = [
  'riverside-gp-practice',
  'northvale-acute-trust',
  'northvale-mental-health-trust',
  'sunrise-care-home',
  'northvale-vcfse',
];
const profiledTypes = [
  'AllergyIntolerance',
  'Bundle',
  'CarePlan',
  'Condition',
  'Consent',
  'DocumentReference',
  'Encounter',
  'EpisodeOfCare',
  'Flag',
  'MedicationStatement',
  'Observation',
  'Organization',
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'RelatedPerson',
];

/** Every JSON resource under profiles/fhir, read directly (independent of the CLI loader). */
function ownResources(dir = join(root, 'profiles', 'fhir')): Record<string, unknown>[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? ownResources(join(dir, d.name))
      : d.name.endsWith('.json')
        ? [JSON.parse(readFileSync(join(dir, d.name), 'utf8')) as Record<string, unknown>]
        : [],
  );
}

/** Rows of the table under "## Deliberate gaps" in a partner README, as cell arrays. */
function gapRows(readme: string): string[][] {
  return readme
    .slice(readme.indexOf('## Deliberate gaps'))
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))
    .slice(1)
    .map((l) =>
      l
        .slice(2, -2)
        .split(' | ')
        .map((c) => c.trim().replace(/^`|`$/g, '')),
    );
}

/** The README's file names: the valid feed (first row of the file table) and the gaps feed. */
function files(readme: string): { valid: string; gaps: string } {
  const names = [...readme.matchAll(/^\| `([^`]+\.json)` \|/gm)].map((m) => m[1]!);
  return { valid: names[0]!, gaps: names[1]! };
}

/** Issue as a comparable row: code, expression, severity, missing element, requirement ids. */
function row(i: Issue): string {
  const element = i.code.startsWith('cardinality.')
    ? String((i.params as Record<string, unknown>)['path'])
    : '-';
  return [i.code, i.expression, i.severity, element, (i.requirements ?? []).join(', ') || '–'].join(
    ' | ',
  );
}

/** Codes that are not gaps: a code the engine cannot check offline is reported as information. */
const notGaps = new Set(['binding.not-checked']);

describe('framework FHIR profiles', () => {
  const own = ownResources();
  const sds = own.filter(
    (r) => r['resourceType'] === 'StructureDefinition',
  ) as unknown as StructureDefinition[];
  const resourceProfiles = sds.filter((sd) => sd.kind === 'resource');

  it('there is one resource profile per framework resource type, named and versioned as the framework', () => {
    expect(resourceProfiles.map((sd) => sd.type).sort()).toEqual(profiledTypes);
    for (const sd of resourceProfiles) {
      expect(sd.url?.startsWith(canonical)).toBe(true);
      expect(sd.name).toBe(`MDS${sd.type}`);
      expect(sd.version).toBe(builtinCatalogue.framework.version);
      expect(sd.status).toBe('draft');
      expect(sd.baseDefinition).toBe(`http://hl7.org/fhir/StructureDefinition/${sd.type}`);
    }
  });

  it('every own resource is loaded by the CLI loader, and profilesByType applies each profile to its type', () => {
    const loaded = loadFrameworkResources() as Record<string, unknown>[];
    const urls = new Set(loaded.map((r) => r['url']));
    for (const r of own) expect(urls.has(r['url'])).toBe(true);
    const byType = profilesByType(loaded);
    for (const sd of resourceProfiles) expect(byType[sd.type!]).toContain(sd.url);
  });

  it('each StructureDefinition (profiles and extensions) gets a snapshot with no messages', () => {
    const registry = loadPackRegistry().registry;
    registry.addAll(own);
    const generator = new SnapshotGenerator(registry);
    for (const sd of sds) {
      const { structureDefinition, messages } = generator.generate(sd);
      expect({ url: sd.url, messages }).toEqual({ url: sd.url, messages: [] });
      expect(structureDefinition.snapshot?.element?.length ?? 0).toBeGreaterThan(
        sd.differential?.element?.length ?? 0,
      );
    }
  });

  it('every England rule named by an element exists, and every mds-NN invariant is traced to a requirement in scope for its resource type', () => {
    for (const sd of sds) {
      for (const el of sd.differential?.element ?? []) {
        const e = el as unknown as {
          extension?: { url: string; valueCode?: string }[];
          constraint?: { key: string }[];
        };
        for (const x of e.extension ?? [])
          if (x.url === ruleUrl) expect(isEnglandRuleId(x.valueCode ?? '')).toBe(true);
        for (const c of e.constraint ?? []) {
          const tracedBy = builtinCatalogue.requirements.filter(
            (r) =>
              r.traces.some((t) => t.constraintKey === c.key) &&
              (!r.appliesTo.recordTypes?.length || r.appliesTo.recordTypes.includes(sd.type!)),
          );
          expect({ profile: sd.id, key: c.key, traced: tracedBy.length > 0 }).toEqual({
            profile: sd.id,
            key: c.key,
            traced: true,
          });
        }
      }
    }
  });

  it('every catalogue reference to a framework profile element names a shipped profile and one of its element ids', () => {
    const refs = builtinCatalogue.requirements.flatMap((r) =>
      r.checkedBy.filter((c) => c.ref.startsWith(canonical)).map((c) => c.ref),
    );
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) {
      const [url, fragment] = ref.split('#');
      const sd = resourceProfiles.find((p) => p.url === url);
      expect({ ref, found: sd !== undefined }).toEqual({ ref, found: true });
      if (!fragment) continue;
      const elementId = fragment.split(' ')[0];
      expect({ ref, found: sd!.differential!.element!.some((e) => e.id === elementId) }).toEqual({
        ref,
        found: true,
      });
    }
  });

  it('the Patient snapshot carries the NHS number slice with its rule, and must-support demographics', () => {
    const registry = loadPackRegistry().registry;
    registry.addAll(own);
    const patient = sds.find((sd) => sd.type === 'Patient')!;
    const snapshot = new SnapshotGenerator(registry).generate(patient).structureDefinition.snapshot!
      .element!;
    const byId = new Map(snapshot.map((e) => [e.id, e as unknown as Record<string, unknown>]));
    expect(byId.get('Patient.identifier:nhsNumber.system')?.['fixedUri']).toBe(
      'https://fhir.nhs.uk/Id/nhs-number',
    );
    expect(byId.get('Patient.identifier:nhsNumber.value')?.['extension']).toEqual([
      { url: ruleUrl, valueCode: 'nhs-number' },
    ]);
    expect(byId.get('Patient.address.postalCode')?.['extension']).toEqual([
      { url: ruleUrl, valueCode: 'uk-postcode' },
    ]);
    for (const id of [
      'Patient.identifier:nhsNumber',
      'Patient.name',
      'Patient.birthDate',
      'Patient.generalPractitioner',
    ]) {
      expect(byId.get(id)?.['mustSupport']).toBe(true);
      expect(byId.get(id)?.['min']).toBe(1);
    }
  });
});

describe('FHIR partner examples', () => {
  let checker: Checker;
  let strict: Checker;
  beforeAll(() => {
    checker = buildChecker({ supporting: [], allowTestNumbers: true, profiles: [] }, root);
    strict = buildChecker({ supporting: [], allowTestNumbers: false, profiles: [] }, root);
  });

  const check = (c: Checker, path: string) =>
    c.check(readFileSync(path, 'utf8'), { filename: path }).result;

  it('the committed example files are what scripts/gen-fhir-examples.ts writes', () => {
    const generated = fhirPartners();
    expect(generated.map((p) => p.dir)).toEqual(partners);
    for (const p of generated) {
      const dir = join(root, 'examples', p.dir);
      expect(JSON.parse(readFileSync(join(dir, p.validFile), 'utf8'))).toEqual(
        JSON.parse(JSON.stringify(p.valid)),
      );
      expect(JSON.parse(readFileSync(join(dir, p.gapsFile), 'utf8'))).toEqual(
        JSON.parse(JSON.stringify(p.gaps)),
      );
      expect(gapRows(readFileSync(join(dir, 'README.md'), 'utf8')).length).toBe(p.gapList.length);
    }
  });

  for (const partner of partners) {
    const dir = join(root, 'examples', partner);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    const { valid, gaps } = files(readme);

    it(`${partner}: the valid feed gives no errors and no warnings`, () => {
      const r = check(checker, join(dir, valid));
      expect(r.issues.filter((i) => i.severity !== 'information').map(row)).toEqual([]);
      expect(r.recordCount).toBeGreaterThan(2);
    });

    it(`${partner}: the gaps feed reports exactly the documented gaps`, () => {
      const documented = gapRows(readme);
      expect(documented.length).toBeGreaterThan(2);
      const expected = documented.map(
        ([file, expression, code, severity, element, requirements]) => {
          expect(file).toBe(gaps);
          return [code, expression, severity, element, requirements].join(' | ');
        },
      );
      const r = check(checker, join(dir, gaps));
      expect(
        r.issues
          .filter((i) => !notGaps.has(i.code))
          .map(row)
          .sort(),
      ).toEqual(expected.sort());
    });

    it(`${partner}: without the test-data setting each NHS number is flagged england.nhs-number-test-range (MDS-03)`, () => {
      const text = readFileSync(join(dir, valid), 'utf8');
      const numbers = (text.match(/"value": "999\d{7}"/g) ?? []).length;
      const r = strict.check(text, { filename: valid }).result;
      const flagged = r.issues.filter((i) => i.code === 'england.nhs-number-test-range');
      expect(numbers).toBeGreaterThan(0);
      expect(flagged).toHaveLength(numbers);
      expect(
        flagged.every((i) => i.severity === 'error' && i.requirements?.includes('MDS-03')),
      ).toBe(true);
    });
  }
});

const ukcore = '/work/shared/fixtures/ukcore/examples';

describe.skipIf(!existsSync(ukcore))('UK Core examples judged by the framework profiles', () => {
  let checker: Checker;
  beforeAll(() => {
    checker = buildChecker({ supporting: [], allowTestNumbers: false, profiles: [] }, root);
  });
  const load = (name: string) =>
    JSON.parse(readFileSync(join(ukcore, `${name}-Example.json`), 'utf8')) as Record<
      string,
      unknown
    >;
  const issuesOf = (resource: unknown) =>
    checker.check(JSON.stringify(resource)).result.issues.filter((i) => !notGaps.has(i.code));
  const bearsOn = (issues: readonly Issue[], id: string) =>
    issues.filter((i) => i.requirements?.includes(id));

  it('RichardSmith meets MDS-01 to MDS-04 (verified NHS number outside the test range); fails only on the missing GP practice', () => {
    const issues = issuesOf(load('UKCore-Patient-RichardSmith'));
    for (const id of ['MDS-01', 'MDS-02', 'MDS-03', 'MDS-04', 'MDS-06'])
      expect(bearsOn(issues, id)).toEqual([]);
    expect(issues.filter((i) => i.severity === 'error').map(row)).toEqual([
      'cardinality.too-few | Patient | error | Patient.generalPractitioner | MDS-07, MDS-15',
    ]);
  });

  it("BabyPatient's NHS number 9912003890 fails Modulus 11 (MDS-02)", () => {
    const issues = issuesOf(load('UKCore-Patient-BabyPatient'));
    expect(bearsOn(issues, 'MDS-02').map(row)).toEqual([
      'england.nhs-number-check-digit | Patient.identifier[0].value | error | - | MDS-02',
    ]);
  });

  it('a UK Core Patient without its NHS number fails the nhsNumber slice and warns for the missing reason (mds-05)', () => {
    const p = load('UKCore-Patient-RichardSmith');
    p['identifier'] = [{ system: 'https://example.org/Id/mrn', value: 'MRN-1' }];
    const issues = issuesOf(p);
    expect(issues.filter((i) => i.code === 'cardinality.too-few').map(row)).toContain(
      'cardinality.too-few | Patient | error | Patient.identifier:nhsNumber | MDS-01, MDS-15',
    );
    expect(bearsOn(issues, 'MDS-05').map(row)).toEqual([
      'invariant.failed | Patient | warning | - | MDS-05, MDS-15',
    ]);
  });

  it('WhiteRoseMedicalCentre is identified by ODS code under the right system (MDS-08 met)', () => {
    const issues = issuesOf(load('UKCore-Organization-WhiteRoseMedicalCentre'));
    expect(bearsOn(issues, 'MDS-08')).toEqual([]);
  });

  it('the UK Core SNOMED-typed EpisodeOfCare is not a social care episode: its type is outside the CLD types (MDS-14)', () => {
    const issues = issuesOf(load('UKCore-EpisodeOfCare-SmokingCessationTherapy'));
    expect(issues.filter((i) => i.code === 'binding.not-in-value-set').map(row)).toEqual([
      'binding.not-in-value-set | EpisodeOfCare.type[0] | error | - | MDS-14',
    ]);
  });

  it.each([
    'UKCore-Organization-LeedsTeachingHospital',
    'UKCore-RelatedPerson-JoySmith',
    'UKCore-Condition-BleedingFromEar',
    'UKCore-AllergyIntolerance-Amoxicillin',
    'UKCore-Encounter-InpatientEncounter',
    'UKCore-CarePlan-WellnessPlan',
    'UKCore-Flag-FoodAllergy',
    'UKCore-DocumentReference-CarePlanReportPDF',
  ])(
    '%s: a UK Core example that holds the data gives no errors against the framework profiles',
    (name) => {
      const issues = issuesOf(load(name));
      expect(issues.filter((i) => i.severity === 'error').map(row)).toEqual([]);
      expect(bearsOn(issues, 'MDS-19')).toEqual([]);
    },
  );

  it('the UK Core AllergyIntolerance example meets MDS-13 and MDS-16 (coded, valid SNOMED CT)', () => {
    const issues = issuesOf(load('UKCore-AllergyIntolerance-Amoxicillin'));
    expect([...bearsOn(issues, 'MDS-13'), ...bearsOn(issues, 'MDS-16')]).toEqual([]);
  });
});
