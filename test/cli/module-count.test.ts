/**
 * How much code a CLI process loads (issue 18): with the built bundle (dist/bundle, from
 * `npm run build`), `mdss --version` loads none of the commands' code, and `mdss validate` a few
 * files instead of the ≈250 modules of dist/. Counts, not times. Skipped when dist/bundle is absent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bundled = existsSync(join(root, 'dist', 'bundle', 'main.js'));
if (!bundled)
  console.warn('test/cli/module-count.test.ts: skipped, dist/bundle is not built (npm run build)');

/** The files of this package (not node_modules) the process loaded, and its exit code. */
function loaded(args: string[], cwd: string): { files: string[]; code: number | null } {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      join(root, 'test', 'support', 'count-modules.mjs'),
      join(root, 'bin', 'mdss.js'),
      ...args,
    ],
    { cwd, encoding: 'utf8', timeout: 120_000 },
  );
  const line = r.stderr.split('\n').find((l) => l.startsWith('MODULES '));
  const urls = JSON.parse(line?.slice('MODULES '.length) ?? '[]') as string[];
  return {
    files: urls.filter((u) => u.includes('/dist/') && !u.includes('/node_modules/')),
    code: r.status,
  };
}

describe.skipIf(!bundled)('modules a CLI process loads', () => {
  it('--version loads no command code', () => {
    const { files, code } = loaded(['--version'], root);
    expect(code).toBe(0);
    expect(files.every((f) => f.includes('/dist/bundle/'))).toBe(true);
    expect(files.length).toBeLessThanOrEqual(8);
  });

  it('validate loads a few bundle files, not the modules of dist/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mdss-modules-'));
    writeFileSync(
      join(dir, 'b.json'),
      JSON.stringify({ resourceType: 'Basic', id: 'b1', code: { text: 'Synthetic' } }),
    );
    const { files, code } = loaded(['validate', '--framework', 'none', '--quiet', 'b.json'], dir);
    expect(code).toBe(0);
    expect(files.every((f) => f.includes('/dist/bundle/'))).toBe(true);
    expect(files.length).toBeLessThanOrEqual(25);
  });
});
