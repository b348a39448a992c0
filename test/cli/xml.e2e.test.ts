/**
 * FHIR XML at the CLI (issue 20), as a process (the built CLI when dist/ exists, else the sources):
 * .xml files and folders, XML OperationOutcome output, SARIF at XML line/column, XML conformance
 * resources in `--supporting`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFhirXmlReader } from '../../src/fhir/xml/validate-fhir-xml.js';
import { baseValidator } from '../support/shared-validator.js';

const root = join(import.meta.dirname, '..', '..');
const built = existsSync(join(root, 'dist', 'cli', 'main.js'));
const command = built
  ? [join(root, 'bin', 'mdss.js')]
  : ['--import', 'tsx', join(root, 'test', 'support', 'run-cli.ts')];
function mdss(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [...command, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ns = 'xmlns="http://hl7.org/fhir"';
const dir = mkdtempSync(join(tmpdir(), 'mdss-xml-'));
mkdirSync(join(dir, 'data'));
mkdirSync(join(dir, 'ig'));
writeFileSync(
  join(dir, 'data', 'invalid.xml'),
  `<?xml version="1.0" encoding="UTF-8"?>\n<Basic ${ns}>\n  <code><text value="x"/></code>\n  <created value="2020-02-30"/>\n</Basic>\n`,
);
writeFileSync(
  join(dir, 'data', 'valid.json'),
  JSON.stringify({ resourceType: 'Basic', code: { text: 'x' } }),
);
writeFileSync(
  join(dir, 'data', 'valid.xml'),
  `<Basic ${ns}><code><text value="x"/></code></Basic>`,
);
writeFileSync(
  join(dir, 'ig', 'basic-created.xml'),
  `<StructureDefinition ${ns}>
  <url value="http://example.org/StructureDefinition/basic-created"/>
  <name value="BasicCreated"/>
  <status value="draft"/>
  <kind value="resource"/>
  <abstract value="false"/>
  <type value="Basic"/>
  <baseDefinition value="http://hl7.org/fhir/StructureDefinition/Basic"/>
  <derivation value="constraint"/>
  <differential>
    <element id="Basic.created"><path value="Basic.created"/><min value="1"/></element>
  </differential>
</StructureDefinition>`,
);

describe('mdss validate with FHIR XML', () => {
  it('validates an .xml file, placing issues in the XML (JSON report and SARIF)', () => {
    const r = mdss(
      ['validate', 'data/invalid.xml', '--framework', 'none', '--format', 'json'],
      dir,
    );
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as {
      files: {
        issues: { code: string; expression: string; position?: { line: number; column: number } }[];
      }[];
    };
    const created = json.files[0]!.issues.find((i) => i.expression === 'Basic.created');
    expect(created?.code).toBe('primitive.invalid-date');
    expect(created?.position).toEqual({ line: 4, column: 12 });
    const sarif = JSON.parse(
      mdss(['validate', 'data/invalid.xml', '--framework', 'none', '--format', 'sarif'], dir)
        .stdout,
    ) as {
      runs: {
        results: { locations: { physicalLocation: { region?: { startLine: number } } }[] }[];
      }[];
    };
    expect(
      sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.region?.startLine),
    ).toContain(4);
  });

  it('includes .xml files in folders', () => {
    const r = mdss(['validate', 'data', '--framework', 'none', '--format', 'json'], dir);
    const json = JSON.parse(r.stdout) as { files: { file: string }[] };
    expect(json.files.map((f) => f.file).sort()).toEqual([
      'data/invalid.xml',
      'data/valid.json',
      'data/valid.xml',
    ]);
  });

  it('writes the OperationOutcome as FHIR XML', () => {
    const r = mdss(
      ['validate', 'data/invalid.xml', '--framework', 'none', '--format', 'operationoutcome-xml'],
      dir,
    );
    expect(r.code).toBe(1);
    const read = createFhirXmlReader(baseValidator().registry).read(r.stdout);
    expect(read.issues).toEqual([]);
    expect((read.value as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  it('reads XML conformance resources given with --supporting, and XML profiles with --profile', () => {
    const bySupporting = mdss(
      [
        'validate',
        'data/valid.xml',
        '--framework',
        'none',
        '--supporting',
        'ig',
        '--profile',
        'http://example.org/StructureDefinition/basic-created',
        '--format',
        'json',
      ],
      dir,
    );
    expect(bySupporting.code).toBe(1);
    const codes = (
      JSON.parse(bySupporting.stdout) as { files: { issues: { code: string }[] }[] }
    ).files[0]!.issues.map((i) => i.code);
    expect(codes).toContain('cardinality.too-few');
    const byFile = mdss(
      [
        'validate',
        'data/valid.xml',
        '--framework',
        'none',
        '--profile',
        'ig/basic-created.xml',
        '--format',
        'json',
      ],
      dir,
    );
    expect(byFile.code).toBe(1);
  });
});
