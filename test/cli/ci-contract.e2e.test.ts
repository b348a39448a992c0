/**
 * End-to-end tests of the CLI's contract with CI (issue 19): exit codes that never lie, did-you-mean
 * for unknown options, per-command help, binary files named but never echoed. Runs `mdss` as a
 * process (the built CLI when dist/ exists, else the sources via tsx).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const dir = mkdtempSync(join(tmpdir(), 'mdss-ci-'));
mkdirSync(join(dir, 'empty'));
writeFileSync(
  join(dir, 'ok.json'),
  JSON.stringify({ resourceType: 'Basic', id: 'b1', code: { text: 'Synthetic' } }),
);
// bytes that are not text: NUL, control characters and invalid UTF-8, with a recognisable marker
const blob = Buffer.from([
  0x00, 0x01, 0x02, 0xff, 0xfe, 0x4d, 0x41, 0x52, 0x4b, 0x45, 0x52, 0x5a, 0x00, 0x9c,
]);
writeFileSync(join(dir, 'blob.bin'), blob);

/** Exactly one line on stderr, naming `word`, nothing on stdout. */
function expectOneLine(r: ReturnType<typeof mdss>, word: string) {
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain(word);
}

describe('exit codes that never lie', () => {
  it.each([['text'], ['json'], ['junit'], ['sarif']])(
    'exits 2 for a folder with no input files (--format %s)',
    (format) => {
      const r = mdss(['validate', 'empty', '--format', format, '--framework', 'none'], dir);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expectOneLine(r, 'empty');
    },
  );

  it('exits 2 for a glob matching nothing, as for an empty folder', () => {
    expect(mdss(['validate', 'empty/**/*.json', '--framework', 'none'], dir).code).toBe(2);
  });

  it('exits 2 with one line naming an unknown profile canonical', () => {
    const r = mdss(
      [
        'validate',
        'ok.json',
        '--framework',
        'none',
        '--profile',
        'http://nope.example/x',
        '--format',
        'json',
      ],
      dir,
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLine(r, 'http://nope.example/x');
  });

  it('still accepts a known profile canonical', () => {
    expect(
      mdss(
        [
          'validate',
          'ok.json',
          '--framework',
          'none',
          '--profile',
          'http://hl7.org/fhir/StructureDefinition/Basic',
        ],
        dir,
      ).code,
    ).toBe(0);
  });

  it('exits 2 for a missing or unreadable --supporting, naming it', () => {
    const missing = mdss(
      ['validate', 'ok.json', '--framework', 'none', '--supporting', 'nowhere.json'],
      dir,
    );
    expect(missing.code).toBe(2);
    expectOneLine(missing, 'nowhere.json');
    const binary = mdss(
      ['validate', 'ok.json', '--framework', 'none', '--supporting', 'blob.bin'],
      dir,
    );
    expect(binary.code).toBe(2);
    expectOneLine(binary, 'blob.bin');
    // named, never echoed: no raw byte of the file reaches the terminal
    expect(binary.stderr).not.toContain('MARKERZ');
    // eslint-disable-next-line no-control-regex -- control characters are what is looked for
    expect(binary.stderr).not.toMatch(/[\u0000-\u0008\ufffd]/);
    expect(binary.stdout).toBe('');
  });

  it('exits 2 for a missing baseline file, unless --update-baseline writes it', () => {
    const r = mdss(
      ['validate', 'ok.json', '--framework', 'none', '--baseline', 'missing-baseline.json'],
      dir,
    );
    expect(r.code).toBe(2);
    expectOneLine(r, 'missing-baseline.json');
    expect(
      mdss(
        [
          'validate',
          'ok.json',
          '--framework',
          'none',
          '--baseline',
          'new-baseline.json',
          '--update-baseline',
        ],
        dir,
      ).code,
    ).toBe(0);
    expect(existsSync(join(dir, 'new-baseline.json'))).toBe(true);
    expect(
      mdss(['validate', 'ok.json', '--framework', 'none', '--baseline', 'new-baseline.json'], dir)
        .code,
    ).toBe(0);
  });

  it.each([
    ['--threads', '0'],
    ['--threads', 'x'],
    ['--max-issues', '0'],
    ['--fail-on', 'sometimes'],
    ['--extension-domain', 'not a url'],
  ])('exits 2 for %s %s', (option, value) => {
    const r = mdss(['validate', 'ok.json', '--framework', 'none', option, value], dir);
    expect(r.code).toBe(2);
    expectOneLine(r, option);
  });

  it('suggests the nearest option for an unknown one', () => {
    const r = mdss(['validate', 'ok.json', '--formatt', 'json'], dir);
    expect(r.code).toBe(2);
    expectOneLine(r, '--formatt');
    expect(r.stderr).toContain('--format?');
    const far = mdss(['validate', 'ok.json', '--zzzzzzzz'], dir);
    expect(far.code).toBe(2);
    expect(far.stderr).not.toContain('did you mean');
  });

  it('prints the command’s own usage for validate --help', () => {
    const r = mdss(['validate', '--help'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: mdss validate /);
    expect(r.stdout).toContain('--baseline');
    expect(r.stdout).not.toContain('mdss <command>');
    expect(mdss(['--help'], dir).stdout).toMatch(/^Usage: mdss <command>/);
  });
});

describe('clear words for what MDSS cannot read', () => {
  const mixed = mkdtempSync(join(tmpdir(), 'mdss-mixed-'));
  writeFileSync(
    join(mixed, 'ok.json'),
    JSON.stringify({ resourceType: 'Basic', id: 'b1', code: { text: 'Synthetic' } }),
  );
  writeFileSync(join(mixed, 'notes.txt'), 'not a payload\n');
  writeFileSync(join(mixed, 'blob.bin'), blob);
  writeFileSync(join(mixed, 'README.md'), '# documentation beside the data\n');
  writeFileSync(join(mixed, 'odd.csv'), 'Favourite_Colour,NHS_Number,LA_Code\nblue,x,y\n');

  it('names skipped files with the reason in every report, as notices, and never echoes binary bytes', () => {
    const r = mdss(['validate', '.', '--framework', 'none', '--format', 'json'], mixed);
    expect(r.code).toBe(1); // odd.csv is unreadable as a feed
    const json = JSON.parse(r.stdout) as {
      files: {
        file: string;
        feed: string;
        issues: { code: string; severity: string; params?: Record<string, string> }[];
      }[];
    };
    const skipped = json.files.filter((f) => f.feed === 'skipped');
    expect(skipped.map((f) => f.file)).toEqual(['blob.bin', 'notes.txt']);
    expect(
      skipped.every(
        (f) =>
          f.issues.length === 1 &&
          f.issues[0]!.code === 'input.file-skipped' &&
          f.issues[0]!.severity === 'information',
      ),
    ).toBe(true);
    expect(r.stdout).not.toContain('MARKERZ');
    expect(r.stderr).toContain('blob.bin');
    const sarif = JSON.parse(
      mdss(['validate', '.', '--framework', 'none', '--format', 'sarif'], mixed).stdout,
    ) as { runs: { results: { ruleId: string; level: string }[] }[] };
    expect(
      sarif.runs[0]!.results.filter((x) => x.ruleId === 'input.file-skipped').map((x) => x.level),
    ).toEqual(['note', 'note']);
    const junit = mdss(['validate', '.', '--framework', 'none', '--format', 'junit'], mixed).stdout;
    expect(junit).toContain('name="notes.txt"');
    expect(junit).not.toContain('MARKERZ');
  });

  it('says which known feed a CSV header comes closest to, with its own code', () => {
    const r = mdss(['validate', 'odd.csv', '--framework', 'none', '--format', 'json'], mixed);
    expect(r.code).toBe(1);
    const issue = (
      JSON.parse(r.stdout) as {
        files: { issues: { code: string; severity: string; params: Record<string, string> }[] }[];
      }
    ).files[0]!.issues[0]!;
    expect(issue.code).toBe('feed.unknown-feed');
    expect(issue.severity).toBe('fatal');
    expect(issue.params).toMatchObject({ closestFeed: 'CLD', matchedColumns: '2' });
    expect(Number(issue.params['feedColumns'])).toBeGreaterThan(40);
  });
});

describe('progress in CI logs (stderr not a terminal)', () => {
  const many = mkdtempSync(join(tmpdir(), 'mdss-progress-'));
  for (let i = 1; i <= 6; i++)
    writeFileSync(
      join(many, `b${i}.json`),
      JSON.stringify({ resourceType: 'Basic', id: `b${i}`, code: { text: 'Synthetic' } }),
    );
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0009\u000b-\u001f\u007f]/;
  const progressLine =
    /^mdss: progress (\d+)\/6 files, [\d,]+ records, [\d,]+ issues, [\d,]+ records\/s, ETA \S+$/;
  const summaryLine =
    /^mdss: checked 6 files, 6 records, [\d,]+ issues in \d+(\.\d)?s \([\d,]+ records\/s\)$/;

  it('writes a plain line after every file with --progress-interval 0, and a summary line', () => {
    const r = mdss(['validate', '.', '--framework', 'none', '--progress-interval', '0'], many);
    expect(r.code).toBe(0);
    expect(control.test(r.stderr.replaceAll('\n', ''))).toBe(false);
    const lines = r.stderr.trim().split('\n');
    expect(lines.slice(0, -1).map((l) => progressLine.exec(l)?.[1])).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
    expect(lines.at(-1)).toMatch(summaryLine);
    // the results are on stdout as ever
    expect(r.stdout).toContain('6 files');
  });

  it('takes the interval from MDSS_PROGRESS_INTERVAL, and --quiet silences progress only', () => {
    const env = { MDSS_PROGRESS_INTERVAL: '0' };
    const r = mdss(['validate', '.', '--framework', 'none'], many, env);
    expect(r.stderr.trim().split('\n')).toHaveLength(7);
    const quiet = mdss(['validate', '.', '--framework', 'none', '--quiet'], many, env);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(r.stdout);
  });

  it('writes only the summary line by default on a short run', () => {
    const r = mdss(['validate', '.', '--framework', 'none', '--format', 'json'], many);
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(summaryLine)]);
    expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
  });

  it('exits 2 for a bad --progress-interval, naming it', () => {
    const r = mdss(['validate', '.', '--progress-interval', 'soon'], many);
    expect(r.code).toBe(2);
    expectOneLine(r, '--progress-interval soon');
  });
});

describe('JUnit times and NDJSON positions', () => {
  const d = mkdtempSync(join(tmpdir(), 'mdss-junit-'));
  const basic = (id: string) =>
    JSON.stringify({ resourceType: 'Basic', id, code: { text: 'Synthetic' } });
  writeFileSync(join(d, 'a.json'), basic('a'));
  writeFileSync(
    join(d, 'bundle.json'),
    JSON.stringify({
      resourceType: 'Bundle',
      type: 'collection',
      entry: ['e1', 'e2', 'e3'].map((id) => ({ resource: JSON.parse(basic(id)) as unknown })),
    }),
  );
  // line 3 is broken at column 55 (text after the end of the JSON value)
  writeFileSync(
    join(d, 'feed.ndjson'),
    `${basic('n1')}\n${basic('n2')}\n${basic('n3')} trailing\n${basic('n4')}\n`,
  );
  const col = basic('n3').length + 2;

  it('gives every testsuite and testcase a measured time; a suite is the sum of its cases', () => {
    const r = mdss(['validate', '.', '--framework', 'none', '--format', 'junit'], d);
    expect(r.code).toBe(1);
    const times = (tag: string) =>
      [...r.stdout.matchAll(new RegExp(`<${tag} [^>]*?time="([^"]*)"`, 'g'))].map((m) => m[1]!);
    for (const t of [...times('testsuites'), ...times('testsuite'), ...times('testcase')])
      expect(t).toMatch(/^\d+\.\d{3}$/);
    const suites = [...r.stdout.matchAll(/<testsuite [^>]*>[\s\S]*?<\/testsuite>/g)].map(
      (m) => m[0],
    );
    expect(suites).toHaveLength(3);
    let sum = 0;
    for (const suite of suites) {
      const suiteTime = Number(/<testsuite [^>]*?time="([^"]*)"/.exec(suite)![1]);
      const caseTimes = [...suite.matchAll(/<testcase [^>]*?time="([^"]*)"/g)].map((m) =>
        Number(m[1]),
      );
      const cases = caseTimes.reduce((a, b) => a + b, 0);
      expect(suiteTime).toBeGreaterThanOrEqual(cases - 0.0005);
      sum += suiteTime;
    }
    const run = Number(times('testsuites')[0]);
    expect(run).toBeGreaterThanOrEqual(sum - 0.0005);
    // work was done: not 0.000 everywhere
    expect(run).toBeGreaterThan(0);
    expect(suites.some((s) => Number(/time="([^"]*)"/.exec(s)![1]) > 0)).toBe(true);
  });

  it('places an NDJSON parse error on the file’s line, and says that line, in every format', () => {
    const text = mdss(['validate', 'feed.ndjson', '--framework', 'none'], d).stdout;
    expect(text).toContain(`(3:${col}) Error parsing JSON at line 3, column ${col}:`);
    const json = JSON.parse(
      mdss(['validate', 'feed.ndjson', '--framework', 'none', '--format', 'json'], d).stdout,
    ) as {
      files: {
        issues: { code: string; message: string; position: { line: number; column: number } }[];
      }[];
    };
    const issue = json.files[0]!.issues.find((i) => i.code === 'input.invalid-json')!;
    expect(issue.position).toEqual({ line: 3, column: col });
    expect(issue.message).toContain(`at line 3, column ${col}`);
    const github = mdss(
      ['validate', 'feed.ndjson', '--framework', 'none', '--format', 'github'],
      d,
    ).stdout;
    expect(github).toContain(
      `::error file=feed.ndjson,line=3,col=${col},title=input.invalid-json::/2: Error parsing JSON at line 3, column ${col}`,
    );
    const sarif = JSON.parse(
      mdss(['validate', 'feed.ndjson', '--framework', 'none', '--format', 'sarif'], d).stdout,
    ) as {
      runs: {
        results: {
          ruleId: string;
          message: { text: string };
          locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[];
        }[];
      }[];
    };
    const result = sarif.runs[0]!.results.find((x) => x.ruleId === 'input.invalid-json')!;
    expect(result.locations[0]!.physicalLocation.region).toEqual({
      startLine: 3,
      startColumn: col,
    });
    expect(result.message.text).toContain(`at line 3, column ${col}`);
    for (const format of ['junit', 'operationoutcome', 'operationoutcome-xml']) {
      const out = mdss(
        ['validate', 'feed.ndjson', '--framework', 'none', '--format', format],
        d,
      ).stdout;
      expect(out, format).toContain(`at line 3, column ${col}`);
      expect(out, format).not.toContain('at line 1,');
    }
  });
});
