import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderJunit } from './render-junit.js';
import {
  bundleFile,
  csvFile,
  hostile,
  makeResult,
  sampleFiles,
  sampleRun,
} from './testing/sample-files.js';
import type { FileResult } from './file-result.js';

interface Failure {
  message: string;
  type: string;
  '#text': string;
}
interface TestCase {
  name: string;
  classname: string;
  time: string;
  failure?: Failure[];
  'system-out'?: string[];
}
interface TestSuite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  time: string;
  testcase: TestCase[];
  properties: { property: { name: string; value: string }[] };
}
interface Doc {
  testsuites: {
    name: string;
    tests: string;
    failures: string;
    errors: string;
    skipped: string;
    time: string;
    testsuite: TestSuite[];
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  isArray: (name) => ['testsuite', 'testcase', 'failure', 'system-out', 'property'].includes(name),
});

function parse(xml: string): Doc {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Doc;
}

describe('renderJunit', () => {
  it('has the usual shape: testsuites > testsuite[name,tests,failures] > testcase[name,classname] > failure[message,type]', () => {
    const doc = parse(renderJunit(sampleFiles(), sampleRun));
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s) => s.name)).toEqual(
      sampleFiles()
        .map((f) => f.file)
        .sort(),
    );
    for (const suite of suites) {
      expect(Number(suite.tests)).toBe(suite.testcase.length);
      expect(Number(suite.failures)).toBe(suite.testcase.filter((c) => c.failure).length);
      for (const c of suite.testcase) {
        expect(c.classname).toBe(suite.name);
        expect(c.name).not.toBe('');
        for (const f of c.failure ?? []) expect(f.type).toMatch(/^[a-z][a-z0-9-]*\.[a-z0-9-]+$/);
      }
    }
    const total = (k: 'tests' | 'failures') => suites.reduce((n, s) => n + Number(s[k]), 0);
    expect(doc.testsuites).toMatchObject({
      name: 'mdss',
      tests: String(total('tests')),
      failures: String(total('failures')),
      errors: '0',
      skipped: '0',
      time: '1.234',
    });
  });

  it('gives one testcase per record, issues to the record with the longest pointer prefix', () => {
    const suite = parse(renderJunit([bundleFile()], sampleRun)).testsuites.testsuite[0]!;
    expect(suite.testcase.map((c) => c.name)).toEqual([
      'Bundle (root)',
      'Patient /entry/0/resource',
      'Observation /entry/1/resource',
    ]);
    const [root, patient, observation] = suite.testcase;
    expect(root!.failure).toBeUndefined();
    expect(patient!.failure!.map((f) => f.type)).toEqual(['cardinality.too-few']);
    expect(patient!.failure![0]!.message).toContain(
      'Bundle.entry[0].resource.ofType(Patient).name',
    );
    expect(observation!.failure!.map((f) => f.type)).toEqual(['structure.unknown-property']);
    expect(suite).toMatchObject({ tests: '3', failures: '2' });
  });

  it('puts warnings and waived issues in system-out, never in failures', () => {
    const suite = parse(renderJunit([bundleFile()], sampleRun)).testsuites.testsuite[0]!;
    const [, patient, observation] = suite.testcase;
    expect(patient!['system-out']![0]).toContain('structure.empty-string');
    expect(patient!['system-out']![0]).toContain('[waived');
    expect(observation!['system-out']![0]).toContain('primitive.whitespace');
    expect(JSON.stringify(suite.testcase.flatMap((c) => c.failure ?? []))).not.toContain(
      'primitive.whitespace',
    );
  });

  it('lists every failing issue of a record in the one failure body and counts them in the message', () => {
    const result = makeResult(
      [0, 1, 2].map((i) => ({
        code: 'structure.unknown-property',
        expression: `Patient.x${i}`,
        pointer: `/x${i}`,
        params: { name: `x${i}` },
      })),
      { records: [{ pointer: '', type: 'Patient' }] },
    );
    const suite = parse(renderJunit([{ file: 'p.json', feed: 'fhir', result }], sampleRun))
      .testsuites.testsuite[0]!;
    const failure = suite.testcase[0]!.failure![0]!;
    expect(failure['#text'].split('\n')).toHaveLength(3);
    expect(failure.message).toMatch(/Patient\.x0.*2 more/);
  });

  it('gives a file-level testcase for records-less results and issues outside any record', () => {
    const suites = parse(renderJunit(sampleFiles(), sampleRun)).testsuites.testsuite;
    const broken = suites.find((s) => s.name.includes('broken'))!;
    expect(broken.testcase.map((c) => c.name)).toEqual([broken.name]);
    expect(broken.testcase[0]!.failure![0]!.type).toBe('input.invalid-json');
    const csv = suites.find((s) => s.name === csvFile().file)!;
    expect(csv.testcase.map((c) => c.name)).toEqual([
      csvFile().file,
      'cld-event /0',
      'cld-event /1',
      'cld-event /2',
    ]);
    expect(csv.testcase[0]!['system-out']![0]).toContain('engine.limit-reached');
  });

  it('escapes hostile file names, messages and control characters into well-formed XML', () => {
    const file: FileResult = { ...bundleFile(), file: `dir/${hostile}.json` };
    const xml = renderJunit([file, { ...csvFile(), feed: hostile }], sampleRun);
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const doc = parse(xml);
    const suite = doc.testsuites.testsuite.find((s) => s.name.startsWith('dir/'))!;
    // Markup characters, tab, CR and LF survive exactly; characters XML cannot carry are shown as \uXXXX.
    expect(suite.name).toBe(
      `dir/${hostile}.json`.replace('\u0001', '\\u0001').replace('\u001b', '\\u001b'),
    );
    expect(suite.testcase[0]!.classname).toBe(suite.name);
    const unknown = suite.testcase
      .flatMap((c) => c.failure ?? [])
      .find((f) => f.type === 'structure.unknown-property')!;
    expect(unknown.message).toContain(`<&"'>|%,:\r\n\t\\u0001`);
    const feed = doc.testsuites.testsuite
      .find((s) => s.name === csvFile().file)!
      .properties.property.find((p) => p.name === 'feed')!;
    expect(feed.value).toBe(hostile.replace('\u0001', '\\u0001').replace('\u001b', '\\u001b'));
  });

  it('is deterministic and independent of input order; an empty run is an empty testsuites', () => {
    const files = sampleFiles();
    expect(renderJunit([...files].reverse(), sampleRun)).toBe(renderJunit(files, sampleRun));
    const empty = parse(
      renderJunit([], { toolName: 'mdss', toolVersion: '0.1.0', frameworkVersion: '1.0.0' }),
    );
    expect(empty.testsuites).toMatchObject({ tests: '0', failures: '0', time: '0.000' });
  });

  it('gives each suite its file’s measured time and each case an equal share, adding up exactly', () => {
    const timed: FileResult = { ...bundleFile(), durationMs: 12.6 };
    const untimed: FileResult = csvFile();
    const doc = parse(renderJunit([timed, untimed], { ...sampleRun, durationMs: 5 }));
    const [a, b] = doc.testsuites.testsuite;
    const suite = [a!, b!].find((s) => s.name === timed.file)!;
    const other = [a!, b!].find((s) => s.name !== timed.file)!;
    expect(suite.time).toBe('0.013');
    expect(suite.testcase.map((c) => c.time)).toEqual(['0.004', '0.004', '0.005']);
    expect(other.time).toBe('0.000');
    // the run's time is never less than the sum of its suites
    expect(doc.testsuites.time).toBe('0.013');
  });

  it('shows the engine’s own time for each record it timed, the rest shared by the others', () => {
    const base = bundleFile();
    const records = [
      { pointer: '', type: 'Bundle', ms: 0.4 },
      { pointer: '/entry/0/resource', type: 'Patient', ms: 2.7 },
      { pointer: '/entry/1/resource', type: 'Observation', ms: 1.6 },
    ];
    const timed: FileResult = {
      ...base,
      durationMs: 10,
      result: { ...base.result, records },
    };
    const suite = parse(renderJunit([timed], sampleRun)).testsuites.testsuite[0]!;
    expect(suite.time).toBe('0.010');
    // whole ms by cumulative floors of 0.4, 3.1, 4.7: never more than was measured
    expect(suite.testcase.map((c) => [c.name, c.time])).toEqual([
      ['Bundle (root)', '0.000'],
      ['Patient /entry/0/resource', '0.003'],
      ['Observation /entry/1/resource', '0.001'],
    ]);
    // a record the engine did not time (here the root) gets what the engine did not time
    const partly: FileResult = {
      ...timed,
      result: { ...timed.result, records: [{ pointer: '', type: 'Bundle' }, ...records.slice(1)] },
    };
    const cases = parse(renderJunit([partly], sampleRun)).testsuites.testsuite[0]!.testcase;
    const byName = new Map(cases.map((c) => [c.name, c.time]));
    expect(byName.get('Patient /entry/0/resource')).toBe('0.002');
    expect(byName.get('Observation /entry/1/resource')).toBe('0.002');
    expect(byName.get('Bundle (root)')).toBe('0.005'); // floor(10 − 4.3)
  });
});
