/**
 * A pack read from its file on demand (src/node/pack-file-reader.ts): the same resources as from its
 * bytes, and a pack file rewritten while in use is an error, never a body read at wrong offsets.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PackError } from '../../src/errors.js';
import { packFileReader } from '../../src/node/pack-file-reader.js';
import { createPack } from '../../src/pack/create-pack.js';
import { loadPack } from '../../src/pack/load-pack.js';
import { writePack } from '../../src/pack/pack-text.js';

const dir = mkdtempSync(join(tmpdir(), 'mdss-pack-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sd = (type: string) => ({
  resourceType: 'StructureDefinition',
  url: `http://example.org/StructureDefinition/${type}`,
  name: type,
  kind: 'resource',
  type,
  derivation: 'specialization',
  snapshot: { element: [{ id: type, path: type, min: 0, max: '*' }] },
});
const sources = [{ name: 'test', version: '1' }];

describe('packFileReader', () => {
  it('gives the same resources as the file read whole', () => {
    const file = join(dir, 'same.json');
    const text = writePack(createPack([sd('Alpha'), sd('Beta')], sources));
    writeFileSync(file, text);
    const fromFile = [...loadPack(packFileReader(file)).registry.allResources()];
    expect(fromFile).toEqual([...loadPack(text).registry.allResources()]);
    expect(fromFile.map((r) => (r as { snapshot?: unknown }).snapshot !== undefined)).toEqual([
      true,
      true,
    ]);
  });

  it('throws pack.changed when the file is rewritten before a body is read', () => {
    const file = join(dir, 'changed.json');
    writeFileSync(file, writePack(createPack([sd('Alpha')], sources)));
    const { registry } = loadPack(packFileReader(file));
    writeFileSync(file, writePack(createPack([sd('Alpha'), sd('Gamma')], sources)));
    let error: unknown;
    try {
      registry.structureDefinition('http://example.org/StructureDefinition/Alpha');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).code).toBe('pack.changed');
  });

  it('keeps reading the pack it opened when a new one is renamed over it (as build:pack writes)', () => {
    const file = join(dir, 'renamed.json');
    writeFileSync(file, writePack(createPack([sd('Alpha')], sources)));
    const { registry } = loadPack(packFileReader(file));
    writeFileSync(`${file}.tmp`, writePack(createPack([sd('Gamma'), sd('Alpha')], sources)));
    renameSync(`${file}.tmp`, file);
    const alpha = registry.structureDefinition('http://example.org/StructureDefinition/Alpha');
    expect(alpha?.type).toBe('Alpha');
    expect(registry.structureDefinition('http://example.org/StructureDefinition/Gamma')).toBe(
      undefined,
    );
  });
});
