/**
 * Build-time facts in the pack (ValidationPack.facts): the vital signs index a validator builds from
 * them is the one it builds by compiling the profiles, and building it reads none of their bodies.
 */
import { describe, expect, it } from 'vitest';
import { StructureModel } from '../../src/fhir/definitions/compiled/structure-model.js';
import { vitalSignsIndex, vitalSignsPackFacts } from '../../src/fhir/validator/vital-signs.js';
import { readBaseDefinitionBundles } from '../../src/node/load-base-definitions.js';
import { createPack } from '../../src/pack/create-pack.js';
import { loadPack } from '../../src/pack/load-pack.js';
import { writePack } from '../../src/pack/pack-text.js';

const plain = (index: ReturnType<typeof vitalSignsIndex>) =>
  [...index].map(([system, codes]) => [system, [...codes]]);

describe('pack facts: the vital signs profiles', () => {
  it('give the index compiling the profiles gives, without reading the profiles', () => {
    const pack = createPack(readBaseDefinitionBundles(), []);
    const facts = vitalSignsPackFacts(new StructureModel(loadPack(pack).registry), pack.resources);
    expect(Object.keys(facts)).toHaveLength(10);
    const text = writePack({ ...pack, facts });
    const compiled = vitalSignsIndex(new StructureModel(loadPack(text).registry));
    let reads = 0;
    const reader = {
      length: text.length,
      text: (start: number, end: number) => (reads++, text.slice(start, end)),
    };
    const { registry } = loadPack(reader);
    const before = reads;
    const fromFacts = vitalSignsIndex(new StructureModel(registry), true);
    expect(reads).toBe(before);
    expect(plain(fromFacts)).toEqual(plain(compiled));
    expect(fromFacts.get('http://loinc.org')?.get('8310-5')).toBe(
      'http://hl7.org/fhir/StructureDefinition/bodytemp',
    );
    // a profile of the url loaded later has no facts: it is compiled
    registry.add({
      resourceType: 'StructureDefinition',
      url: 'http://hl7.org/fhir/StructureDefinition/bodytemp',
      version: '9.9.9',
      kind: 'resource',
      type: 'Observation',
      derivation: 'constraint',
    });
    const overridden = vitalSignsIndex(new StructureModel(registry), true);
    expect(overridden.get('http://loinc.org')?.get('8310-5')).toBeUndefined();
  });
});
