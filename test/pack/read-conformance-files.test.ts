/**
 * Extra conformance resources for the server (`--package`): JSON files, folders (FHIR NPM package
 * layout) and `.tgz` tarballs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import {
  packageLabel,
  readConformanceFiles,
  readConformanceSource,
} from '../../src/node/read-conformance-files.js';

const dir = mkdtempSync(join(tmpdir(), 'mdss-pkg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pkg = join(dir, 'pkg');
mkdirSync(join(pkg, 'package', 'example'), { recursive: true });
writeFileSync(
  join(pkg, 'package', 'package.json'),
  JSON.stringify({ name: 'example.fhir.ig', version: '1.2.3' }),
);
writeFileSync(join(pkg, 'package', '.index.json'), '{}');
writeFileSync(
  join(pkg, 'package', 'ValueSet-b.json'),
  JSON.stringify({ resourceType: 'ValueSet', url: 'http://example.org/b' }),
);
writeFileSync(
  join(pkg, 'package', 'StructureDefinition-a.json'),
  JSON.stringify({ resourceType: 'StructureDefinition', url: 'http://example.org/a' }),
);
writeFileSync(
  join(pkg, 'package', 'example', 'Patient-x.json'),
  JSON.stringify({ resourceType: 'Patient' }),
);

describe('readConformanceFiles', () => {
  it('reads the package/ folder of an unpacked package, sorted, without manifest, index or examples', () => {
    expect(readConformanceFiles(pkg).map((r) => (r as { url: string }).url)).toEqual([
      'http://example.org/a',
      'http://example.org/b',
    ]);
    expect(packageLabel(pkg)).toBe('example.fhir.ig#1.2.3');
  });

  it('reads a .tgz package the same way (through the one package reader)', async () => {
    const tgz = join(dir, 'example.tgz');
    execFileSync('tar', ['-czf', tgz, '-C', pkg, 'package']);
    const { resources, label } = await readConformanceSource(tgz);
    expect(resources.map((r) => (r as { url: string }).url)).toEqual([
      'http://example.org/a',
      'http://example.org/b',
    ]);
    expect(label).toBe('example.fhir.ig#1.2.3');
    expect(await readConformanceSource(pkg)).toEqual({
      resources: readConformanceFiles(pkg),
      label: 'example.fhir.ig#1.2.3',
    });
  });

  it('reads a single JSON file, and refuses missing paths and broken files with ConfigError', async () => {
    const file = join(dir, 'one.json');
    writeFileSync(
      file,
      JSON.stringify({ resourceType: 'CodeSystem', url: 'http://example.org/cs' }),
    );
    expect(readConformanceFiles(file)).toHaveLength(1);
    expect(() => readConformanceFiles(join(dir, 'missing'))).toThrow(ConfigError);
    const broken = join(dir, 'broken.tgz');
    writeFileSync(broken, 'not gzip');
    await expect(readConformanceSource(broken)).rejects.toMatchObject({
      code: 'package.invalid-tarball',
    });
    await expect(readConformanceSource(broken)).rejects.toBeInstanceOf(ConfigError);
  });
});
