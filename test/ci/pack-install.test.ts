/**
 * The packed package installs into an empty project without install scripts (no native build:
 * better-sqlite3 is loaded only by the store commands) and `npx mdss validate` then works offline
 * (issue 19). `npm install --offline --ignore-scripts <tarball>` is tried first; when npm's cache
 * cannot resolve the dependencies offline (ENOTCACHED: the cache holds tarballs but not registry
 * metadata), the tarball is unpacked into node_modules/mdss with the dependencies linked from this
 * checkout's node_modules, better-sqlite3 left out, as an install with --ignore-scripts and no
 * native build would leave them. Slow (npm pack): about half a minute.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const built =
  existsSync(join(root, 'dist', 'cli', 'main.js')) &&
  existsSync(join(root, 'dist', 'pack', 'r4-core.json'));
if (!built)
  console.warn('test/ci/pack-install.test.ts: skipped, dist/ is not built (npm run build)');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** Links every package of this checkout's node_modules into `modules`, except `leaveOut`. */
function linkDependencies(modules: string, leaveOut: ReadonlySet<string>): void {
  const source = join(root, 'node_modules');
  for (const name of readdirSync(source)) {
    if (name.startsWith('.') || leaveOut.has(name)) continue;
    symlinkSync(join(source, name), join(modules, name), 'junction');
  }
}

describe.skipIf(!built)('the packed package', () => {
  it('installs with --ignore-scripts into an empty project and validates offline with npx', () => {
    const work = mkdtempSync(join(tmpdir(), 'mdss-pack-'));
    const pack = spawnSync(
      npm,
      ['pack', '--ignore-scripts', '--json', '--pack-destination', work],
      { cwd: root, encoding: 'utf8', timeout: 180_000 },
    );
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = join(work, (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename);
    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'vendor-project', version: '1.0.0', private: true }),
    );
    const env = {
      ...process.env,
      NO_COLOR: '1',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    const install = spawnSync(npm, ['install', '--offline', '--ignore-scripts', tarball], {
      cwd: project,
      env,
      encoding: 'utf8',
      timeout: 180_000,
    });
    if (install.status !== 0) {
      expect(
        install.stderr,
        'npm install failed for another reason than an offline cache miss',
      ).toMatch(/ENOTCACHED|only-if-cached/);
      console.warn(
        'pack-install: npm cannot install offline from its cache here (ENOTCACHED); unpacking the tarball with the dependencies linked from node_modules instead',
      );
      const modules = join(project, 'node_modules');
      mkdirSync(join(modules, 'mdss'), { recursive: true });
      mkdirSync(join(modules, '.bin'));
      expect(
        spawnSync('tar', ['-xzf', tarball, '-C', join(modules, 'mdss'), '--strip-components=1'])
          .status,
      ).toBe(0);
      linkDependencies(modules, new Set(['mdss', 'better-sqlite3']));
      symlinkSync(join('..', 'mdss', 'bin', 'mdss.js'), join(modules, '.bin', 'mdss'));
    }
    writeFileSync(
      join(project, 'file.json'),
      JSON.stringify({ resourceType: 'Basic', id: 'b1', code: { text: 'Synthetic' } }),
    );
    writeFileSync(
      join(project, 'bad.json'),
      JSON.stringify({
        resourceType: 'Basic',
        id: 'b2',
        code: { text: 'Synthetic' },
        created: '2020-02-30',
      }),
    );
    const ok = spawnSync(npx, ['--offline', '--no-install', 'mdss', 'validate', 'file.json'], {
      cwd: project,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(ok.stderr).not.toMatch(/internal error|better-sqlite3|Cannot find/);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('file.json');
    const bad = spawnSync(
      npx,
      ['--offline', '--no-install', 'mdss', 'validate', 'bad.json', '--format', 'json'],
      { cwd: project, env, encoding: 'utf8', timeout: 120_000 },
    );
    expect(bad.status).toBe(1);
    expect(
      (JSON.parse(bad.stdout) as { files: { issues: { code: string }[] }[] }).files[0]!.issues.map(
        (i) => i.code,
      ),
    ).toContain('primitive.invalid-date');
  }, 300_000);
});
