/** `mdss validate --cld-release 1|2`: the flag, the policy's release, and the JSON data-quality view. */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { main } from '../../src/cli/main.js';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'mdss-cld-release-'));
  mkdirSync(join(dir, 'policies'));
  copyFileSync(join(import.meta.dirname, '..', 'fixtures', 'cld-release-2', 'realistic.csv'), join(dir, 'cld.csv'));
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { cwd: dir, env: {}, stdoutIsTTY: false, stderrIsTTY: false, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), now: () => new Date('2026-11-23T00:00:00Z') };
  return { dir, out, err, io };
}

type Json = { files: { valid: boolean; dataQuality?: { release: number; releaseBasis: string; fields: unknown[] } }[] };

describe('--cld-release', () => {
  it('validates the same extract under either release; the JSON report carries the data-quality view', async () => {
    const { out, io } = setup();
    expect(await main(['validate', 'cld.csv', '--allow-test-numbers', '--format', 'json'], io)).toBe(0);
    const two = JSON.parse(out.join('')) as Json;
    expect(two.files[0]!.dataQuality).toMatchObject({ release: 2, releaseBasis: 'values' });
    expect(two.files[0]!.dataQuality!.fields).toHaveLength(46);
    out.length = 0;
    expect(await main(['validate', 'cld.csv', '--allow-test-numbers', '--cld-release', '1', '--format', 'json'], io)).toBe(1);
    expect((JSON.parse(out.join('')) as Json).files[0]!.dataQuality).toMatchObject({ release: 1, releaseBasis: 'option' });
  });

  it('takes the release from the partner policy', async () => {
    const { dir, out, io } = setup();
    writeFileSync(join(dir, 'policies', 'northvale.json'), JSON.stringify({ partner: 'northvale', cldRelease: 1 }));
    expect(await main(['validate', 'cld.csv', '--allow-test-numbers', '--partner', 'northvale', '--format', 'json'], io)).toBe(1);
    expect((JSON.parse(out.join('')) as Json).files[0]!.dataQuality?.release).toBe(1);
  });

  it('rejects another value as a usage error (exit 2)', async () => {
    const { io } = setup();
    expect(await main(['validate', 'cld.csv', '--cld-release', '3'], io)).toBe(2);
  });
});
