/**
 * A hostile FHIR package is a configuration error on every door that reads packages: `mdss
 * validate --supporting bomb.tgz` exits 2 (not 3, not gigabytes of memory), and the Node server
 * refuses to start with `--package bomb.tgz` (ConfigError `package.too-large`, which `mdss serve`
 * turns into exit 2). Uses the built CLI when it exists, else the sources via tsx.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { startServer } from '../../src/server/node.js';
import { gzipBomb } from '../support/gzip-bomb.js';

const root = join(import.meta.dirname, '..', '..');
const built = existsSync(join(root, 'dist', 'cli', 'main.js'));
const command = built
  ? [join(root, 'bin', 'mdss.js')]
  : ['--import', 'tsx', join(root, 'test', 'support', 'run-cli.ts')];
const dir = mkdtempSync(join(tmpdir(), 'mdss-pkg-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// 4 members: about 256 KB that decompress to 256 MiB; the limit is lowered so the test stays quick.
writeFileSync(join(dir, 'bomb.tgz'), gzipBomb(4));
writeFileSync(join(dir, 'patient.json'), JSON.stringify({ resourceType: 'Patient', id: 'p1' }));
const env = { ...process.env, NO_COLOR: '1', MDSS_PACKAGE_MAX_BYTES: String(8 * 1024 * 1024) };

function mdss(args: string[], extraEnv: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [...command, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...env, ...extraEnv },
    timeout: 120_000,
  });
  return { code: r.status, stderr: r.stderr };
}

describe('package limits on the doors', () => {
  it('mdss validate --supporting bomb.tgz exits 2 with a configuration error naming the limit', () => {
    const r = mdss(['validate', 'patient.json', '--framework', 'none', '--supporting', 'bomb.tgz']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('MDSS_PACKAGE_MAX_BYTES');
  });

  it('also with worker threads (the package is read before the threads start)', () => {
    expect(
      mdss([
        'validate',
        'patient.json',
        'patient.json',
        '--framework',
        'none',
        '--threads',
        '2',
        '--supporting',
        'bomb.tgz',
      ]).code,
    ).toBe(2);
  });

  it('a bad limit value is a configuration error too', () => {
    expect(
      mdss(['validate', 'patient.json', '--framework', 'none', '--supporting', 'bomb.tgz'], {
        MDSS_PACKAGE_MAX_BYTES: 'lots',
      }).code,
    ).toBe(2);
  });

  it('the Node server refuses --package bomb.tgz with ConfigError package.too-large', async () => {
    const previous = process.env['MDSS_PACKAGE_MAX_BYTES'];
    process.env['MDSS_PACKAGE_MAX_BYTES'] = String(8 * 1024 * 1024);
    try {
      const started = startServer({
        port: 0,
        packages: [join(dir, 'bomb.tgz')],
        log: () => undefined,
      });
      await expect(started).rejects.toBeInstanceOf(ConfigError);
      await expect(started).rejects.toMatchObject({ code: 'package.too-large' });
    } finally {
      if (previous === undefined) delete process.env['MDSS_PACKAGE_MAX_BYTES'];
      else process.env['MDSS_PACKAGE_MAX_BYTES'] = previous;
    }
  });
});
