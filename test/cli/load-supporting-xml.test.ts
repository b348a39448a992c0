/**
 * `--supporting` / `--package` packages (`.tgz`) may hold FHIR XML conformance resources: they are
 * read with the base definitions' XML mapping, like XML files in folders (issue 20).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packTar } from 'modern-tar';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSupporting } from '../../src/cli/load-supporting.js';
import { ConfigError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'mdss-supporting-xml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, body: string) => ({
  header: { name, size: new TextEncoder().encode(body).byteLength, type: 'file' as const },
  body,
});

async function tgz(name: string, files: Record<string, string>): Promise<string> {
  const path = join(dir, name);
  writeFileSync(
    path,
    gzipSync(await packTar(Object.entries(files).map(([n, body]) => file(`package/${n}`, body)))),
  );
  return path;
}

const url = 'https://example.org/fhir/ValueSet/xml-codes';
const valueSet = `<ValueSet xmlns="http://hl7.org/fhir"><url value="${url}"/><status value="active"/><compose><include><system value="https://example.org/cs"/></include></compose></ValueSet>`;

describe('loadSupporting on a .tgz package with FHIR XML', () => {
  it('reads the XML conformance resources beside the JSON ones', async () => {
    const path = await tgz('mixed.tgz', {
      'package.json': JSON.stringify({ name: 'x', version: '1.0.0' }),
      'ValueSet-xml-codes.xml': valueSet,
      'ValueSet-json.json': JSON.stringify({
        resourceType: 'ValueSet',
        url: 'https://example.org/fhir/ValueSet/json',
        status: 'active',
      }),
    });
    const resources = (await loadSupporting(path)) as { resourceType: string; url: string }[];
    expect(resources.map((r) => r.url).sort()).toEqual([
      'https://example.org/fhir/ValueSet/json',
      url,
    ]);
    expect(resources.find((r) => r.url === url)).toMatchObject({
      resourceType: 'ValueSet',
      compose: { include: [{ system: 'https://example.org/cs' }] },
    });
  });

  it('an XML file that is not FHIR XML is a configuration error naming the file', async () => {
    const path = await tgz('broken.tgz', {
      'ValueSet-broken.xml': '<ValueSet xmlns="http://hl7.org/fhir">',
    });
    const error = await loadSupporting(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('package.invalid-xml');
    expect((error as ConfigError).message).toContain('ValueSet-broken.xml');
  });
});
