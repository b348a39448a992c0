/**
 * Property tests over all renderers with generated results: hostile file names and messages,
 * any registry code, optional positions, requirements and waivers. Every format must stay
 * well-formed (XML parses, SARIF is schema-valid, one workflow command per line, tables keep their
 * shape, no raw control characters in text) and deterministic.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { issueCodes } from '../../issues/codes/index.js';
import type { Issue, Severity } from '../../issues/issue.js';
import type { FileResult } from './file-result.js';
import { renderValidation, validationFormats } from './index.js';
import { sampleRun } from './testing/sample-files.js';

const codes = Object.keys(issueCodes);
const severities: Severity[] = ['fatal', 'error', 'warning', 'information'];
const text = fc.string({ unit: 'binary', maxLength: 24 });
const segment = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 12 })
  .filter((s) => !s.includes('/'));

const issueArb: fc.Arbitrary<Issue> = fc.record(
  {
    code: fc.constantFrom(...codes),
    severity: fc.constantFrom(...severities),
    message: text,
    expression: text,
    pointer: fc
      .array(fc.constantFrom('entry', '0', '1', 'resource', 'name'), { maxLength: 4 })
      .map((p) => p.map((s) => `/${s}`).join('')),
    params: fc.constant({}),
    position: fc.record({
      line: fc.integer({ min: 1, max: 9999 }),
      column: fc.integer({ min: 1, max: 999 }),
    }),
    requirements: fc.array(fc.constantFrom('MDS-01', 'MDS-02', 'MDS-10'), { maxLength: 2 }),
    waived: fc.record({ reason: text, until: fc.constant('2027-01-31') }),
  },
  { requiredKeys: ['code', 'severity', 'message', 'expression', 'pointer', 'params'] },
);

const fileArb: fc.Arbitrary<FileResult> = fc
  .record({
    path: fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/')),
    feed: fc.oneof(fc.constantFrom('fhir', 'cld'), text),
    issues: fc.array(issueArb, { maxLength: 6 }),
    records: fc.option(
      fc.uniqueArray(fc.constantFrom('', '/entry/0/resource', '/entry/1/resource', '/0', '/1'), {
        maxLength: 3,
      }),
      { nil: undefined },
    ),
    truncated: fc.boolean(),
  })
  .map(({ path, feed, issues, records, truncated }) => ({
    file: path,
    feed,
    result: {
      valid: !issues.some((i) => !i.waived && (i.severity === 'error' || i.severity === 'fatal')),
      issues,
      truncated,
      profiles: [],
      recordCount: records?.length ?? 1,
      ...(records ? { records: records.map((pointer) => ({ pointer, type: 'Patient' })) } : {}),
    },
  }));

// Unique paths: files with the same path keep their input order (sortFiles is stable), by design.
const filesArb = fc.uniqueArray(fileArb, { maxLength: 4, selector: (f) => f.file });

function sarifValidator() {
  const require = createRequire(import.meta.url);
  const path = join(
    dirname(require.resolve('@microsoft/sarif-multitool-ts')),
    '..',
    'assets',
    'sarif-2.1.0.schema.json',
  );
  const { $schema: _label, ...schema } = JSON.parse(readFileSync(path, 'utf8')) as Record<
    string,
    unknown
  >;
  const ajv = new Ajv({ strict: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

describe('validation renderers on generated results', () => {
  it('are deterministic and independent of file order in every format', () => {
    fc.assert(
      fc.property(filesArb, (files) => {
        for (const format of validationFormats) {
          const out = renderValidation(format, files, sampleRun);
          if (renderValidation(format, [...files].reverse(), sampleRun) !== out) return false;
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });

  it('JUnit is always well-formed XML with one testsuite per file', () => {
    const parser = new XMLParser({
      ignoreAttributes: false,
      isArray: (name) => name === 'testsuite',
    });
    fc.assert(
      fc.property(filesArb, (files) => {
        const xml = renderValidation('junit', files, sampleRun);
        expect(XMLValidator.validate(xml)).toBe(true);
        const doc = parser.parse(xml) as { testsuites: { testsuite?: unknown[] } };
        expect(doc.testsuites.testsuite ?? []).toHaveLength(files.length);
      }),
      { numRuns: 60 },
    );
  });

  it('SARIF is always valid against the 2.1.0 schema, one result per issue', () => {
    const validate = sarifValidator();
    fc.assert(
      fc.property(filesArb, (files) => {
        const log = JSON.parse(renderValidation('sarif', files, sampleRun)) as {
          runs: { results: unknown[] }[];
        };
        expect(validate(log) ? [] : validate.errors).toEqual([]);
        expect(log.runs[0]!.results).toHaveLength(
          files.reduce((n, f) => n + f.result.issues.length, 0),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('GitHub annotations are one command per unwaived issue, each on its own line', () => {
    fc.assert(
      fc.property(filesArb, (files) => {
        const out = renderValidation('github', files, sampleRun);
        const lines = out === '' ? [] : out.slice(0, -1).split('\n');
        expect(lines).toHaveLength(
          files.reduce((n, f) => n + f.result.issues.filter((i) => !i.waived).length, 0),
        );
        for (const line of lines)
          expect(line).toMatch(
            /^::(error|warning|notice) file=[^:\r\n]*(,line=\d+,col=\d+)?,title=[a-z0-9.-]+::[^\r\n]*$/,
          );
      }),
      { numRuns: 60 },
    );
  });

  it('Markdown tables keep their column count and text output has no raw control characters', () => {
    fc.assert(
      fc.property(filesArb, (files) => {
        const md = renderValidation('markdown', files, sampleRun);
        for (const line of md.split('\n').filter((l) => l.startsWith('|'))) {
          const cells = line.slice(1, -1).split(/(?<!\\)\|/).length;
          expect([6, 8]).toContain(cells);
        }
        const plain = renderValidation('text', files, sampleRun);
        // eslint-disable-next-line no-control-regex
        expect(plain.slice(0, -1)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
        expect(plain.split('\n')).toHaveLength(
          files.length + files.reduce((n, f) => n + f.result.issues.length, 0) + 2,
        );
      }),
      { numRuns: 60 },
    );
  });

  it('JSON and OperationOutcome always parse back', () => {
    fc.assert(
      fc.property(filesArb, (files) => {
        const doc = JSON.parse(renderValidation('json', files, sampleRun)) as {
          files: { issues: unknown[] }[];
        };
        expect(doc.files.map((f) => f.issues.length).sort()).toEqual(
          files.map((f) => f.result.issues.length).sort(),
        );
        JSON.parse(renderValidation('operationoutcome', files, sampleRun));
      }),
      { numRuns: 60 },
    );
  });
});
