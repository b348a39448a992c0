/**
 * The one FHIR package reader: what it reads, long names (ustar prefix, pax), broken input, and
 * the limits: a gzip bomb (about 1 MB that decompresses to 1 GiB) and an archive with too many
 * entries end with `package.too-large`, never with the whole archive in memory.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packTar } from 'modern-tar';
import { afterAll, describe, expect, it } from 'vitest';
import { gzipBomb } from '../../../test/support/gzip-bomb.js';
import { ConfigError } from '../../errors.js';
import { defaultPackageLimits, readFhirPackage } from './read-fhir-package.js';

const dir = mkdtempSync(join(tmpdir(), 'mdss-fhir-pkg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return e instanceof ConfigError ? e.code : `not a ConfigError: ${String(e)}`;
  }
  return undefined;
}

const file = (name: string, body: string) => ({
  header: { name, size: new TextEncoder().encode(body).byteLength, type: 'file' as const },
  body,
});
const resource = (url: string) => JSON.stringify({ resourceType: 'StructureDefinition', url });

describe('readFhirPackage', () => {
  it('reads the JSON files directly under package/, sorted, with the manifest; skips dot-files and sub-folders unread', async () => {
    const tar = await packTar([
      file('package/package.json', JSON.stringify({ name: 'example.fhir.ig', version: '1.2.3' })),
      file('package/ValueSet-b.json', resource('http://example.org/b')),
      file('package/.index.json', '{ not json'),
      file('package/example/Patient-x.json', '{ not json either'),
      file('package/other/notes.json', '{}'),
      file('package/StructureDefinition-a.json', `\ufeff${resource('http://example.org/a')}`),
      file('package/readme.txt', 'hello'),
    ]);
    const pkg = await readFhirPackage(gzipSync(tar));
    expect(pkg.manifest).toEqual({ name: 'example.fhir.ig', version: '1.2.3' });
    expect(pkg.resources.map((r) => (r as { url: string }).url)).toEqual([
      'http://example.org/a',
      'http://example.org/b',
    ]);
  });

  it('reads the FHIR XML files directly under package/ with readXml, and skips them without it', async () => {
    const tar = await packTar([
      file('package/StructureDefinition-a.json', resource('http://example.org/a')),
      file('package/StructureDefinition-b.xml', '<StructureDefinition url="b"/>'),
      file('package/xml/StructureDefinition-c.xml', '<not read/>'),
    ]);
    const readXml = (text: string) => ({ resourceType: 'StructureDefinition', url: text.length });
    const withXml = await readFhirPackage(gzipSync(tar), { readXml });
    expect(withXml.resources).toEqual([
      JSON.parse(resource('http://example.org/a')),
      { resourceType: 'StructureDefinition', url: '<StructureDefinition url="b"/>'.length },
    ]);
    const jsonOnly = await readFhirPackage(gzipSync(tar));
    expect(jsonOnly.resources).toHaveLength(1);
    const failing = () => {
      throw new Error('xml.invalid-xml');
    };
    expect(await codeOf(readFhirPackage(gzipSync(tar), { readXml: failing }))).toBe(
      'package.invalid-xml',
    );
  });

  it('reads long names written with the ustar prefix, pax headers and GNU long names (tar as packages are made)', async () => {
    // ustar: the basename fits in the 100-byte name field and `package` goes to the prefix field;
    // pax and GNU: a basename longer than 100 bytes.
    const cases = {
      ustar: `StructureDefinition-${'u'.repeat(75)}.json`,
      pax: `StructureDefinition-${'p'.repeat(120)}.json`,
      gnu: `StructureDefinition-${'g'.repeat(120)}.json`,
    };
    for (const [format, name] of Object.entries(cases)) {
      const root = join(dir, format);
      mkdirSync(join(root, 'package'), { recursive: true });
      writeFileSync(join(root, 'package', name), resource(`http://example.org/${format}`));
      const tgz = join(dir, `long-${format}.tgz`);
      execFileSync('tar', [`--format=${format}`, '-czf', tgz, '-C', root, 'package']);
      const pkg = await readFhirPackage(readFileSync(tgz));
      expect(
        pkg.resources.map((r) => (r as { url: string }).url),
        format,
      ).toEqual([`http://example.org/${format}`]);
    }
  });

  it('refuses what is not a gzipped tar, and a resource file that is not JSON, with ConfigError codes', async () => {
    expect(await codeOf(readFhirPackage(new TextEncoder().encode('not gzip')))).toBe(
      'package.invalid-tarball',
    );
    const broken = await packTar([
      file('package/StructureDefinition-a.json', '{ "resourceType": '),
    ]);
    expect(await codeOf(readFhirPackage(gzipSync(broken)))).toBe('package.invalid-json');
  });

  it('stops a gzip bomb at the decompressed-size limit (package.too-large), with the default limits', async () => {
    const bomb = gzipBomb();
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024);
    expect(defaultPackageLimits.maxBytes).toBeLessThan(1024 * 1024 * 1024);
    expect(await codeOf(readFhirPackage(bomb))).toBe('package.too-large');
    expect(await codeOf(readFhirPackage(bomb, { limits: { maxBytes: 1024 * 1024 } }))).toBe(
      'package.too-large',
    );
  });

  it('stops at the entry-count limit (package.too-large), and reads the same archive under a higher limit', async () => {
    const tar = gzipSync(
      await packTar(
        [1, 2, 3, 4].map((n) =>
          file(`package/StructureDefinition-${n}.json`, resource(`http://example.org/${n}`)),
        ),
      ),
    );
    expect(await codeOf(readFhirPackage(tar, { limits: { maxEntries: 3 } }))).toBe(
      'package.too-large',
    );
    expect((await readFhirPackage(tar, { limits: { maxEntries: 4 } })).resources).toHaveLength(4);
  });
});
