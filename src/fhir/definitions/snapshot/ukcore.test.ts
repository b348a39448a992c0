/** UK Core R4 (differential-only) from ../shared/fixtures/ukcore: all 153 snapshots, with spot checks. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBaseDefinitionBundles } from '../../../node/load-base-definitions.js';
import { CanonicalRegistry } from '../canonical-registry.js';
import type { ElementDefinition, StructureDefinition } from '../conformance-resource.js';
import { pathOfId } from './element-id.js';
import { SnapshotGenerator, type SnapshotResult } from './index.js';

const dir = resolve(
  import.meta.dirname,
  '../../../../../shared/fixtures/ukcore/structuredefinitions',
);
const uk = 'https://fhir.hl7.org.uk/StructureDefinition/';

describe.skipIf(!existsSync(dir))('UK Core snapshots', () => {
  let sds: StructureDefinition[];
  let generator: SnapshotGenerator;
  const results = new Map<string, SnapshotResult>();

  beforeAll(() => {
    sds = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as StructureDefinition);
    const registry = new CanonicalRegistry();
    registry.addAll(readBaseDefinitionBundles());
    registry.addAll(sds);
    generator = new SnapshotGenerator(registry);
    for (const sd of sds) results.set(sd.url!, generator.generate(sd));
  });

  const element = (url: string, id: string): ElementDefinition | undefined =>
    results.get(uk + url)?.structureDefinition.snapshot?.element.find((e) => e.id === id);

  it('generates all 153 snapshots without errors', () => {
    expect(sds).toHaveLength(153);
    const errors = [...results.values()].flatMap((r) =>
      r.messages.filter((m) => m.severity === 'error'),
    );
    expect(errors).toEqual([]);
    for (const r of results.values())
      expect(r.structureDefinition.snapshot?.element.length).toBeGreaterThan(0);
  });

  it('keeps every differential element id, with unique ids whose paths match', () => {
    for (const sd of sds) {
      const snapshot = results.get(sd.url!)!.structureDefinition.snapshot!.element;
      const ids = new Set(snapshot.map((e) => e.id));
      expect(ids.size, sd.url).toBe(snapshot.length);
      for (const e of snapshot) expect(pathOfId(e.id!), e.id).toBe(e.path);
      for (const d of sd.differential!.element)
        expect(ids.has(d.id), `${sd.url} ${d.id}`).toBe(true);
    }
  });

  it('UKCore-Patient: NHS number slice with fixed system and the verification-status extension', () => {
    expect(element('UKCore-Patient', 'Patient.identifier')?.slicing?.discriminator).toEqual([
      { type: 'value', path: 'system' },
    ]);
    expect(element('UKCore-Patient', 'Patient.identifier:nhsNumber')).toMatchObject({
      sliceName: 'nhsNumber',
      max: '1',
      path: 'Patient.identifier',
    });
    expect(element('UKCore-Patient', 'Patient.identifier:nhsNumber.system')).toMatchObject({
      min: 1,
      fixedUri: 'https://fhir.nhs.uk/Id/nhs-number',
    });
    expect(element('UKCore-Patient', 'Patient.identifier:nhsNumber.value')?.min).toBe(1);
    const status = element(
      'UKCore-Patient',
      'Patient.identifier:nhsNumber.extension:nhsNumberVerificationStatus',
    );
    expect(status?.path).toBe('Patient.identifier.extension');
    expect(status?.type).toEqual([
      { code: 'Extension', profile: [`${uk}Extension-UKCore-NHSNumberVerificationStatus`] },
    ]);
    expect(element('UKCore-Patient', 'Patient.extension:ethnicCategory')?.max).toBe('1');
    expect(
      element(
        'UKCore-Patient',
        'Patient.communication.extension:proficiency.extension:level.value[x]',
      )?.type?.[0]?.code,
    ).toBe('Coding');
  });

  it('UKCore-Organization: ODS organisation code slice', () => {
    const slice = element('UKCore-Organization', 'Organization.identifier:odsOrganisationCode');
    expect(slice?.sliceName).toBe('odsOrganisationCode');
    expect(
      element('UKCore-Organization', 'Organization.identifier:odsOrganisationCode.system')
        ?.fixedUri,
    ).toBe('https://fhir.nhs.uk/Id/ods-organization-code');
  });

  it('Extension-UKCore-EthnicCategory: value type and binding, url fixed', () => {
    const value = element('Extension-UKCore-EthnicCategory', 'Extension.value[x]');
    expect(value?.type?.map((t) => t.code)).toEqual(['CodeableConcept']);
    expect(value?.binding).toMatchObject({
      strength: 'extensible',
      valueSet: 'https://fhir.hl7.org.uk/ValueSet/UKCore-EthnicCategory',
    });
    expect(element('Extension-UKCore-EthnicCategory', 'Extension.url')?.fixedUri).toBe(
      `${uk}Extension-UKCore-EthnicCategory`,
    );
  });

  it('snapshotOf resolves by url and by url|version from the cache', () => {
    const patient = sds.find((s) => s.url === `${uk}UKCore-Patient`)!;
    expect(generator.snapshotOf(`${uk}UKCore-Patient|${patient.version}`)).toBe(
      results.get(patient.url!)!.structureDefinition,
    );
  });
});
