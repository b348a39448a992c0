/**
 * End-to-end tests of the `mdss` command as a process: exit codes, output formats, baseline ratchet,
 * determinism. Uses the built CLI (bin/mdss.js → dist/) when it exists, else the sources via tsx.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const built = existsSync(join(root, 'dist', 'cli', 'main.js'));
const command = built
  ? [join(root, 'bin', 'mdss.js')]
  : ['--import', 'tsx', join(root, 'test', 'support', 'run-cli.ts')];

function mdss(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [...command, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'mdss-cli-'));
const valid = { resourceType: 'Basic', id: 'b1', code: { text: 'Synthetic' } };
const invalid = {
  resourceType: 'Basic',
  id: 'b2',
  code: { text: 'Synthetic' },
  created: '2020-02-30',
  bogus: true,
};
const warningOnly = {
  resourceType: 'Basic',
  id: 'b3',
  code: { text: 'Synthetic' },
  extension: [{ url: 'http://example.org/unknown', valueString: 'x' }],
};
writeFileSync(join(dir, 'valid.json'), JSON.stringify(valid, null, 2));
writeFileSync(join(dir, 'invalid.json'), JSON.stringify(invalid, null, 2));
writeFileSync(join(dir, 'warning.json'), JSON.stringify(warningOnly, null, 2));
writeFileSync(join(dir, 'bundle.ndjson'), `${JSON.stringify(valid)}\n${JSON.stringify(invalid)}\n`);
writeFileSync(join(dir, 'broken.json'), '{"resourceType": "Basic",\n  "code": [}');

describe('mdss validate (process)', () => {
  it('exits 0 for a valid file and 1 for an invalid one', () => {
    expect(mdss(['validate', 'valid.json', '--framework', 'none'], dir).code).toBe(0);
    const r = mdss(['validate', 'invalid.json', '--framework', 'none', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as {
      files: { issues: { code: string; expression: string; severity: string }[] }[];
    };
    expect(json.files[0]!.issues.map((i) => [i.code, i.expression, i.severity])).toEqual(
      expect.arrayContaining([
        ['primitive.invalid-date', 'Basic.created', 'error'],
        ['structure.unknown-property', 'Basic', 'error'],
      ]),
    );
  });

  it('exits 2 on usage errors and for a missing file', () => {
    expect(mdss(['validate'], dir).code).toBe(2);
    expect(mdss(['validate', 'nope.json'], dir).code).toBe(2);
    expect(mdss(['validate', 'valid.json', '--format', 'pdf'], dir).code).toBe(2);
    expect(mdss(['frobnicate'], dir).code).toBe(2);
  });

  it('honours --fail-on warning and never', () => {
    expect(mdss(['validate', 'warning.json', '--framework', 'none'], dir).code).toBe(0);
    expect(
      mdss(['validate', 'warning.json', '--framework', 'none', '--fail-on', 'warning'], dir).code,
    ).toBe(1);
    expect(
      mdss(['validate', 'invalid.json', '--framework', 'none', '--fail-on', 'never'], dir).code,
    ).toBe(0);
  });

  it('prints exactly one OperationOutcome for one file with --format operationoutcome, with line/column', () => {
    const r = mdss(
      ['validate', 'broken.json', '--framework', 'none', '--format', 'operationoutcome'],
      dir,
    );
    expect(r.code).toBe(1);
    const oo = JSON.parse(r.stdout) as {
      resourceType: string;
      issue: { severity: string; extension: { url: string; valueInteger?: number }[] }[];
    };
    expect(oo.resourceType).toBe('OperationOutcome');
    expect(oo.issue[0]!.severity).toBe('fatal');
    expect(
      oo.issue[0]!.extension.filter((e) => e.valueInteger !== undefined).map((e) => e.valueInteger),
    ).toEqual([2, 12]);
  });

  it('validates NDJSON line by line with line numbers', () => {
    const r = mdss(['validate', 'bundle.ndjson', '--framework', 'none', '--format', 'json'], dir);
    const json = JSON.parse(r.stdout) as {
      files: { issues: { severity: string; pointer: string; position?: { line: number } }[] }[];
    };
    const errors = json.files[0]!.issues.filter((i) => i.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((i) => i.pointer.startsWith('/1/') && i.position?.line === 2)).toBe(true);
  });

  it('writes several formats in one run: JUnit XML, SARIF and GitHub annotations', () => {
    const r = mdss(
      [
        'validate',
        'invalid.json',
        'valid.json',
        '--framework',
        'none',
        '--format',
        'github',
        '--format',
        'junit',
        '--output',
        'out.xml',
        '--format',
        'sarif',
        '--output',
        'out.sarif',
      ],
      dir,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^::error file=invalid\.json,line=\d+,col=\d+,title=primitive\.invalid-date::/m,
    );
    const xml = new XMLParser({ ignoreAttributes: false }).parse(
      readFileSync(join(dir, 'out.xml'), 'utf8'),
    ) as { testsuites: { testsuite: unknown[] } };
    expect(Array.isArray(xml.testsuites.testsuite)).toBe(true);
    const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as {
      version: string;
      runs: { results: { ruleId: string }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.map((x) => x.ruleId)).toContain('primitive.invalid-date');
  });

  it('ratchets with a baseline: known issues pass, new ones fail, fixed ones are reported', () => {
    expect(
      mdss(
        [
          'validate',
          'invalid.json',
          '--framework',
          'none',
          '--baseline',
          'base.json',
          '--update-baseline',
        ],
        dir,
      ).code,
    ).toBe(0);
    expect(
      mdss(['validate', 'invalid.json', '--framework', 'none', '--baseline', 'base.json'], dir)
        .code,
    ).toBe(0);
    writeFileSync(
      join(dir, 'invalid.json'),
      JSON.stringify({ ...invalid, created: '2020-02-29', status: 'x', subject: 3 }, null, 2),
    );
    const worse = mdss(
      ['validate', 'invalid.json', '--framework', 'none', '--baseline', 'base.json'],
      dir,
    );
    expect(worse.code).toBe(1);
    expect(worse.stderr).toMatch(/baseline: [1-9]\d* new, \d+ known, 1 fixed/);
    writeFileSync(join(dir, 'invalid.json'), JSON.stringify(invalid, null, 2));
  });

  it('gives byte-identical output for the same input', () => {
    const a = mdss(['validate', '.', '--framework', 'none', '--format', 'sarif'], dir).stdout;
    const b = mdss(['validate', '.', '--framework', 'none', '--format', 'sarif'], dir).stdout;
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThan(100);
  });
});

describe('mdss standards', () => {
  it('lists the framework requirements as JSON', () => {
    const r = mdss(['standards', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      framework: { version: string };
      requirements: { id: string }[];
    };
    expect(json.requirements.map((x) => x.id)).toEqual(
      expect.arrayContaining(['MDS-01', 'MDS-20']),
    );
  });
});

describe('mdss validate with worker threads', () => {
  it('gives the same output with --threads 2 as in one thread', () => {
    const many = mkdtempSync(join(tmpdir(), 'mdss-threads-'));
    for (let i = 0; i < 12; i++)
      writeFileSync(
        join(many, `f${i}.json`),
        JSON.stringify({
          resourceType: 'Basic',
          code: { text: `x${i}` },
          created: i % 3 === 0 ? '2020-02-30' : '2020-02-03',
        }),
      );
    const one = mdss(
      ['validate', '.', '--framework', 'none', '--format', 'json', '--threads', '1'],
      many,
    );
    const two = mdss(
      ['validate', '.', '--framework', 'none', '--format', 'json', '--threads', '2'],
      many,
    );
    // every file on the two workers (this thread takes none), results cloned back in order
    const workers = mdss(
      ['validate', '.', '--framework', 'none', '--format', 'json', '--threads', '3'],
      many,
      { MDSS_MAIN_THREAD_VALIDATES: '0' },
    );
    expect(two.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(workers.code).toBe(1);
    expect(workers.stdout).toBe(one.stdout);
    expect(
      (JSON.parse(two.stdout) as { totals: { files: number; invalidFiles: number } }).totals,
    ).toMatchObject({ files: 12, invalidFiles: 4 });
  });
});
