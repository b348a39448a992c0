/** `mdss validate --partner <id>` / `--policy <file>`: a partner's waivers and severity overrides; `mdss init`. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { main } from '../../src/cli/main.js';
import { loadPolicy } from '../../src/policy/load-policy.js';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'mdss-policy-'));
  mkdirSync(join(dir, 'policies'));
  writeFileSync(
    join(dir, 'basic.json'),
    JSON.stringify({ resourceType: 'Basic', code: { text: 'x' }, localFlag: true }),
  );
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    cwd: dir,
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    now: () => new Date('2026-11-23T00:00:00Z'),
  };
  return { dir, out, err, io };
}

const suppression = (until: string) => ({
  partner: 'riverside',
  suppress: [
    {
      code: 'structure.unknown-property',
      expression: 'Basic',
      reason: 'Local flag agreed in the data-sharing agreement v3',
      until,
    },
  ],
});

describe('partner policy in the CLI', () => {
  it('a suppression with a reason waives the issue, so the run passes', async () => {
    const { dir, out, io } = setup();
    expect(await main(['validate', 'basic.json', '--framework', 'none'], io)).toBe(1);
    writeFileSync(
      join(dir, 'policies', 'riverside.json'),
      JSON.stringify(suppression('2027-06-30')),
    );
    out.length = 0;
    expect(
      await main(
        [
          'validate',
          'basic.json',
          '--framework',
          'none',
          '--partner',
          'riverside',
          '--format',
          'json',
        ],
        io,
      ),
    ).toBe(0);
    const json = JSON.parse(out.join('')) as {
      files: { issues: { code: string; waived?: { reason: string } }[] }[];
    };
    expect(
      json.files[0]!.issues.find((i) => i.code === 'structure.unknown-property')?.waived?.reason,
    ).toMatch(/agreement/);
  });

  it('an expired suppression no longer applies and is reported as policy.suppression-expired', async () => {
    const { dir, out, io } = setup();
    writeFileSync(
      join(dir, 'policies', 'riverside.json'),
      JSON.stringify(suppression('2026-01-31')),
    );
    expect(
      await main(
        [
          'validate',
          'basic.json',
          '--framework',
          'none',
          '--partner',
          'riverside',
          '--format',
          'json',
        ],
        io,
      ),
    ).toBe(1);
    const json = JSON.parse(out.join('')) as { files: { issues: { code: string }[] }[] };
    expect(json.files[0]!.issues.map((i) => i.code)).toContain('policy.suppression-expired');
  });

  it('exits 2 for a missing policy or one of another partner', async () => {
    const { dir, io } = setup();
    expect(await main(['validate', 'basic.json', '--partner', 'nobody'], io)).toBe(2);
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ partner: 'someone-else' }));
    expect(
      await main(
        ['validate', 'basic.json', '--partner', 'riverside', '--policy', 'other.json'],
        io,
      ),
    ).toBe(2);
  });

  it('mdss init writes a starter policy that loads, and CI examples', async () => {
    const { dir, io } = setup();
    expect(await main(['init'], io)).toBe(0);
    expect(() =>
      loadPolicy(JSON.parse(readFileSync(join(dir, 'mdss.config.json'), 'utf8'))),
    ).not.toThrow();
    expect(readFileSync(join(dir, '.github', 'workflows', 'mdss.yml'), 'utf8')).toMatch(
      /upload-sarif/,
    );
  });
});

describe('--framework', () => {
  it('accepts the built-in framework version and refuses another', async () => {
    const { io } = setup();
    expect(
      await main(['validate', 'basic.json', '--framework', '0.1.0', '--fail-on', 'never'], io),
    ).toBe(0);
    expect(await main(['validate', 'basic.json', '--framework', '9.9.9'], io)).toBe(2);
  });
});
