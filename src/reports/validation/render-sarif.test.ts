import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { issueCodes } from '../../issues/codes/index.js';
import { compareToBaseline, createBaseline, fingerprintIssue } from './baseline.js';
import type { FileResult } from './file-result.js';
import { renderSarif, sarifFingerprintKey, toUriReference } from './render-sarif.js';
import type { SarifLog } from './sarif-types.js';
import { bundleFile, hostile, makeResult, sampleFiles, sampleRun } from './testing/sample-files.js';

/**
 * The final SARIF 2.1.0 JSON Schema, as shipped by @microsoft/sarif-multitool-ts
 * (assets/sarif-2.1.0.schema.json: schemastore's sarif-2.1.0, the OASIS standard's schema).
 * @microsoft/jest-sarif (no longer a dependency) only ships the rtm.5 release candidate (draft-04, and a `language` regex
 * that is invalid in unicode mode). The OASIS original is draft-07; this copy relabels its
 * `$schema` as 2020-12 but uses only draft-07 keywords (`definitions`, `#/definitions/…` refs), so
 * it compiles with Ajv's draft-07 default once that label is dropped.
 */
function loadSarifValidator(): ValidateFunction {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@microsoft/sarif-multitool-ts');
  const path = join(dirname(entry), '..', 'assets', 'sarif-2.1.0.schema.json');
  const { $schema: _label, ...schema } = JSON.parse(readFileSync(path, 'utf8')) as Record<
    string,
    unknown
  >;
  expect(schema['title']).toMatch(/SARIF\) Version 2\.1\.0 JSON Schema$/);
  expect((schema['properties'] as { version: { enum: string[] } }).version.enum).toEqual(['2.1.0']);
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

const validate = loadSarifValidator();
const parse = (text: string) => JSON.parse(text) as SarifLog;

describe('renderSarif', () => {
  it('validates against the SARIF 2.1.0 JSON Schema (with hostile file names and messages too)', () => {
    const hostileFile: FileResult = { ...bundleFile(), file: `odd dir/${hostile}#?.json` };
    const baseline = compareToBaseline(sampleFiles(), createBaseline([bundleFile()]));
    for (const [files, options] of [
      [sampleFiles(), {}],
      [[hostileFile], {}],
      [[], {}],
      [sampleFiles(), { baseline }],
    ] as const) {
      const log = parse(renderSarif(files, sampleRun, options));
      const ok = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('the schema check can fail: a level outside the enum is rejected', () => {
    const log = parse(renderSarif([bundleFile()], sampleRun)) as unknown as {
      runs: { results: { level: string }[] }[];
    };
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('describes the tool and one rule per code present, with spec links and requirement tags', () => {
    const run = parse(renderSarif(sampleFiles(), sampleRun)).runs[0]!;
    expect(run.tool.driver).toMatchObject({ name: 'mdss', version: '0.1.0' });
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    const ids = run.tool.driver.rules.map((r) => r.id);
    const present = [
      ...new Set(sampleFiles().flatMap((f) => f.result.issues.map((i) => i.code))),
    ].sort();
    expect(ids).toEqual(present);
    const tooFew = run.tool.driver.rules.find((r) => r.id === 'cardinality.too-few')!;
    expect(tooFew.helpUri).toBe(issueCodes['cardinality.too-few']!.spec);
    expect(tooFew.shortDescription.text).toBe(issueCodes['cardinality.too-few']!.template);
    expect(tooFew.properties.tags).toEqual(['MDS-01', 'MDS-02']);
    expect(
      run.tool.driver.rules.find((r) => r.id === 'jsonschema.required')!.properties.tags,
    ).toEqual(['MDS-01']);
    expect(
      run.tool.driver.rules.find((r) => r.id === 'engine.limit-reached')!.properties.tags,
    ).toEqual([]);
  });

  it('gives one result per issue with rule, level, location, region and logical location', () => {
    const run = parse(renderSarif(sampleFiles(), sampleRun)).runs[0]!;
    const all = sampleFiles().flatMap((f) => f.result.issues);
    expect(run.results).toHaveLength(all.length);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    const tooFew = run.results.find((r) => r.ruleId === 'cardinality.too-few')!;
    expect(tooFew.level).toBe('error');
    expect(tooFew.locations[0]).toEqual({
      physicalLocation: {
        artifactLocation: { uri: 'examples/partner-b/bundle.json', uriBaseId: '%SRCROOT%' },
        region: { startLine: 7, startColumn: 9 },
      },
      logicalLocations: [
        { fullyQualifiedName: 'Bundle.entry[0].resource.ofType(Patient).name', kind: 'element' },
      ],
    });
    expect(run.results.find((r) => r.ruleId === 'primitive.whitespace')!.level).toBe('warning');
    expect(run.results.find((r) => r.ruleId === 'input.invalid-json')!.level).toBe('error');
    const limit = run.results.find((r) => r.ruleId === 'engine.limit-reached')!;
    expect(limit.locations[0]!.physicalLocation.region).toBeUndefined();
    expect(limit.locations[0]!.logicalLocations).toBeUndefined();
  });

  it('orders results by file path, then result order', () => {
    const run = parse(renderSarif(sampleFiles(), sampleRun)).runs[0]!;
    const uris = run.results.map((r) =>
      decodeURIComponent(r.locations[0]!.physicalLocation.artifactLocation.uri),
    );
    expect(uris).toEqual([...uris].sort());
    const bundle = run.results.filter((r) =>
      r.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('bundle.json'),
    );
    expect(bundle.map((r) => r.ruleId)).toEqual(bundleFile().result.issues.map((i) => i.code));
  });

  it('fingerprints by identity, so a changed message or line keeps the fingerprint', () => {
    const before = parse(renderSarif([bundleFile()], sampleRun)).runs[0]!.results;
    const moved = bundleFile();
    const shifted: FileResult = {
      ...moved,
      result: {
        ...moved.result,
        issues: moved.result.issues.map((i) => ({
          ...i,
          message: 'changed',
          position: { line: 99, column: 1 },
        })),
      },
    };
    const after = parse(renderSarif([shifted], sampleRun)).runs[0]!.results;
    expect(after.map((r) => r.partialFingerprints)).toEqual(
      before.map((r) => r.partialFingerprints),
    );
    const first = bundleFile().result.issues[0]!;
    expect(before[0]!.partialFingerprints[sarifFingerprintKey]).toBe(
      `${fingerprintIssue(bundleFile().file, { code: first.code, location: first.expression, severity: first.severity })}:1`,
    );
  });

  it('gives every finding its own fingerprint, also for identical code and location', () => {
    const same = {
      code: 'structure.unknown-property',
      expression: 'Patient',
      params: { name: 'x' },
    };
    const twins: FileResult = {
      file: 't.json',
      feed: 'fhir',
      result: makeResult([
        { ...same, pointer: '/a' },
        { ...same, pointer: '/b' },
        { ...same, pointer: '/c' },
      ]),
    };
    const results = parse(
      renderSarif([twins, ...sampleFiles(), { ...twins, file: 'u.json' }], sampleRun),
    ).runs[0]!.results;
    const fps = results.map((r) => r.partialFingerprints[sarifFingerprintKey]);
    expect(fps.length).toBeGreaterThan(6);
    expect(new Set(fps).size).toBe(fps.length);
    expect(fps.filter((f) => f!.endsWith(':3'))).toHaveLength(2);
  });

  it('follows the record: an entry inserted before it keeps the fingerprint', () => {
    const at = (entry: number): FileResult => ({
      file: 'b.json',
      feed: 'fhir',
      result: makeResult(
        [
          {
            code: 'structure.unknown-property',
            expression: `Bundle.entry[${entry}].resource`,
            pointer: `/entry/${entry}/resource/x`,
            params: { name: 'x' },
          },
        ],
        {
          records: [{ pointer: `/entry/${entry}/resource`, type: 'Patient', key: 'urn:uuid:7' }],
        },
      ),
    });
    const fp = (f: FileResult) =>
      parse(renderSarif([f], sampleRun)).runs[0]!.results[0]!.partialFingerprints[
        sarifFingerprintKey
      ];
    expect(fp(at(3))).toBe(fp(at(0)));
  });

  it('reports waived issues as accepted external suppressions', () => {
    const results = parse(renderSarif([bundleFile()], sampleRun)).runs[0]!.results;
    const suppressed = results.filter((r) => r.suppressions);
    expect(suppressed.map((r) => r.ruleId)).toEqual(['structure.empty-string']);
    expect(suppressed[0]!.suppressions![0]).toMatchObject({ kind: 'external', status: 'accepted' });
  });

  it('percent-encodes each path segment of the artifact URI', () => {
    expect(toUriReference('examples/a b/c:d%#?.json')).toBe('examples/a%20b/c%3Ad%25%23%3F.json');
    expect(toUriReference('x/\ud800.json')).toBe('x/%EF%BF%BD.json');
  });

  it('is deterministic and independent of input order', () => {
    const files = sampleFiles();
    expect(renderSarif([...files].reverse(), sampleRun)).toBe(renderSarif(files, sampleRun));
    const run = parse(renderSarif(files, sampleRun)).runs[0]!;
    expect(run.invocations).toEqual([
      {
        executionSuccessful: true,
        startTimeUtc: '2026-01-02T03:04:05.000Z',
        endTimeUtc: '2026-01-02T03:04:06.234Z',
      },
    ]);
  });
});
