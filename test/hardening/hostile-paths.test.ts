/**
 * Issue 14, item 7: hostile paths given to `mdss validate`. A `.json` symlink to /dev/zero and a
 * FIFO are refused when named (exit 2) and skipped in a directory walk; a directory symlink loop is
 * walked once; the regular files beside them are validated.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'test', 'support', 'run-cli.ts');
/** tsx by file URL: the CLI runs in the temporary directory, where `--import tsx` would not resolve. */
const tsx = pathToFileURL(createRequire(join(root, 'package.json')).resolve('tsx')).href;
const patient = JSON.stringify({ resourceType: 'Patient', id: 'p1', gender: 'female' });

function validate(
  cwd: string,
  ...args: string[]
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    process.execPath,
    ['--import', tsx, cli, 'validate', '--format', 'json', '--fail-on', 'never', ...args],
    { cwd, encoding: 'utf8', timeout: 120_000 },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('hostile paths', () => {
  let dir: string;
  let fifo = true;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mdss-h14-paths-'));
    writeFileSync(join(dir, 'a.json'), patient);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'b.json'), patient);
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    symlinkSync('..', join(dir, 'sub', 'loop'));
    symlinkSync(join(dir, 'missing.json'), join(dir, 'dangling.json'));
    // Without a read extension too: the walk that names skipped files must not open or list them.
    symlinkSync('/dev/zero', join(dir, 'zero'));
    fifo =
      spawnSync('mkfifo', [join(dir, 'fifo.json')]).status === 0 &&
      spawnSync('mkfifo', [join(dir, 'fifo')]).status === 0;
    if (!fifo) console.warn('mkfifo not available: the FIFO cases are skipped');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('walks the directory: validates the regular files once, skips the device, FIFO, loop and dangling link', () => {
    const r = validate(dir, '.');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { files?: { file: string }[] };
    const files = (report.files ?? []).map((f) => f.file).sort();
    expect(files).toEqual(['a.json', join('sub', 'b.json')]);
  });

  it('a named .json symlink to /dev/zero is refused (exit 2), not read', () => {
    const r = validate(dir, 'zero.json');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^mdss: zero\.json/);
  });

  it('a named FIFO is refused (exit 2), not waited on', () => {
    if (!fifo) return;
    const r = validate(dir, 'fifo.json');
    expect(r.status).toBe(2);
  });

  it('a glob does not follow the loop forever and skips what is not a file', () => {
    const r = validate(dir, '**/*.json');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { files?: { file: string }[] };
    expect((report.files ?? []).map((f) => f.file).sort()).toEqual([
      'a.json',
      join('sub', 'b.json'),
    ]);
  });
});
