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

function mdss(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [...command, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
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
