import { describe, expect, it } from 'vitest';
import { CanonicalRegistry } from './canonical-registry.js';

const header = {
  resourceType: 'StructureDefinition',
  url: 'http://hl7.org/fhir/StructureDefinition/Thing',
  version: '1.0.0',
  kind: 'resource',
  type: 'Thing',
  derivation: 'specialization',
};

describe('CanonicalRegistry.addLazy', () => {
  it('indexes the header and completes the resource once, on first return, everywhere', () => {
    const registry = new CanonicalRegistry();
    let calls = 0;
    registry.addLazy(header, () => {
      calls++;
      return {
        ...header,
        snapshot: { element: [{ id: 'Thing', path: 'Thing' }] },
      } as typeof header;
    });
    expect(registry.size).toBe(1);
    expect(registry.isResourceType('Thing')).toBe(true);
    expect(calls).toBe(0);
    const full = registry.structureDefinition('Thing');
    expect(full?.snapshot?.element).toHaveLength(1);
    expect(registry.structureDefinition(header.url)).toBe(full);
    expect(registry.resolve(`${header.url}|1.0`)).toBe(full);
    expect([...registry.allResources()]).toEqual([full]);
    expect([...registry.all('StructureDefinition')][0]).toBe(full);
    expect(calls).toBe(1);
  });

  it('counts one resource per url and version; a later one of the same version replaces a lazy one', () => {
    const registry = new CanonicalRegistry();
    registry.addLazy(header, () => {
      throw new Error('never completed');
    });
    registry.add({ ...header, snapshot: { element: [] } });
    registry.add({ ...header, version: '2.0.0' });
    expect(registry.size).toBe(2);
    expect(registry.resolve(`${header.url}|1.0.0`)).toMatchObject({ snapshot: { element: [] } });
  });
});

describe('CanonicalRegistry.factsOf', () => {
  it('returns the facts added with the resource a reference resolves to, without completing it', () => {
    const registry = new CanonicalRegistry();
    let calls = 0;
    const facts = { codes: [['http://loinc.org', '1-8']] };
    registry.addLazy(
      header,
      () => {
        calls++;
        return { ...header, snapshot: { element: [] } } as typeof header;
      },
      facts,
    );
    expect(registry.factsOf(header.url, 'StructureDefinition')).toBe(facts);
    expect(registry.factsOf(`${header.url}|1.0`, 'StructureDefinition')).toBe(facts);
    expect(registry.factsOf(header.url, 'ValueSet')).toBeUndefined();
    expect(calls).toBe(0);
    registry.structureDefinition(header.url); // completed: the facts stay with it
    expect(calls).toBe(1);
    expect(registry.factsOf(header.url, 'StructureDefinition')).toBe(facts);
  });

  it('has no facts for a resource of the url loaded later (another version, or the same replaced)', () => {
    const later = new CanonicalRegistry();
    later.addLazy(header, () => header, { a: 1 });
    later.add({ ...header, version: '2.0.0' });
    expect(later.factsOf(header.url, 'StructureDefinition')).toBeUndefined();
    expect(later.factsOf(`${header.url}|1.0.0`, 'StructureDefinition')).toEqual({ a: 1 });
    const replaced = new CanonicalRegistry();
    replaced.addLazy(header, () => header, { a: 1 });
    replaced.add({ ...header });
    expect(replaced.factsOf(header.url, 'StructureDefinition')).toBeUndefined();
    expect(new CanonicalRegistry().factsOf(header.url, 'StructureDefinition')).toBeUndefined();
  });
});

describe('CanonicalRegistry.structureDefinition', () => {
  it('resolves a canonical without a slash (urn:oid:, urn:uuid:) by url, not as a type name', () => {
    const registry = new CanonicalRegistry();
    const oid = {
      ...header,
      url: 'urn:oid:1.2.3.4.5',
      kind: 'complex-type',
      type: 'Patient',
      derivation: 'constraint',
    };
    registry.add(oid);
    registry.add(header);
    expect(registry.structureDefinition('urn:oid:1.2.3.4.5')).toBe(oid);
    expect(registry.structureDefinition('Thing')).toBe(header);
  });
});
